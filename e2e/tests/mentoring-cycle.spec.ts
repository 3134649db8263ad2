/**
 * One full mentoring cycle in the browser, with three roles in their own browser contexts:
 * the Dinperkim mentor assesses Kali Baros (accepts a registry proposal), plans (target families
 * by eligibility filter), submits; Bappeda returns the plan, the mentor resubmits, Bappeda approves;
 * the mentor records an intervention with a photo and submits the monthly report; Bappeda returns
 * it with a comment, then accepts it (locked); the supervisor logs a visit with a follow-up; a
 * newer registry snapshot shows the families' new latrines; the December evaluation shows the change.
 */
import { type Browser, expect, type Page, test } from '@playwright/test';
import { CYCLE_FAMILIES, CYCLE_RW, cycleCsv, importAsAdmin } from './cycle-files.ts';
import { login, mainNav, selectOptionContaining } from './support.ts';

const PROPOSAL = `3 keluarga desil 1–4 tanpa jamban sendiri di RW ${Number(CYCLE_RW)}`;

async function as(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'id-ID', timezoneId: 'Asia/Jakarta', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await login(page, username);
  return page;
}

async function openWorkspace(page: Page, tab: string): Promise<void> {
  await mainNav(page)
    .getByRole('link', { name: /Kelurahan saya|Pendampingan/ })
    .click();
  await page
    .getByRole('link', { name: /Kali Baros/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kelurahan Kali Baros' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Bagian ruang kerja pendampingan' }).getByRole('link', { name: tab }).click();
}

test('one mentoring cycle: assess, plan, approve, deliver with a photo, report, supervise, evaluate', async ({ browser }) => {
  test.setTimeout(240_000);
  const admin = await as(browser, 'admin');
  await importAsAdmin(admin.request, cycleCsv('none'), '2026-03-31');

  const mentor = await as(browser, 'mentor.dinperkim');
  await test.step('mentor: the registry proposes the problem; the mentor accepts it', async () => {
    await openWorkspace(mentor, 'Asesmen');
    await mentor.getByRole('button', { name: 'Usulkan dari registri' }).click();
    const proposal = mentor.getByRole('row').filter({ hasText: PROPOSAL });
    await expect(proposal).toBeVisible();
    await proposal.getByRole('button', { name: 'Terima' }).click();
    await expect(mentor.getByRole('heading', { name: /Masalah dan potensi yang diterima \(1\)/ })).toBeVisible();
  });

  await test.step('mentor: a plan item for the problem, target families by eligibility', async () => {
    await mentor.getByRole('navigation', { name: 'Bagian ruang kerja pendampingan' }).getByRole('link', { name: 'Rencana' }).click();
    await mentor.getByRole('button', { name: 'Tambah butir rencana' }).click();
    const dialog = mentor.getByRole('dialog', { name: 'Butir rencana baru' });
    await selectOptionContaining(dialog.getByLabel('Masalah'), PROPOSAL);
    await dialog.getByLabel('Kegiatan').fill('Pembangunan jamban sehat keluarga');
    await dialog.getByLabel('Kode jenis bantuan').fill('jamban');
    await dialog.getByLabel('Volume keluaran').fill('3');
    await dialog.getByLabel('Satuan').fill('unit jamban');
    await dialog.getByLabel('Perkiraan biaya (Rp)').fill('15000000');
    await selectOptionContaining(dialog.getByLabel('Sumber dana'), 'APBD Kota');
    await selectOptionContaining(dialog.getByLabel('Jalur perencanaan'), 'DPA');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await expect(dialog).toBeHidden();
    await mentor.getByRole('button', { name: 'Pilih keluarga sasaran' }).click();
    const picker = mentor.getByRole('dialog', { name: /Pilih keluarga sasaran/ });
    await picker.getByLabel('Desil paling tinggi').fill('4');
    await picker.getByLabel('RW').fill(CYCLE_RW);
    await picker.getByLabel('Tanpa jamban sendiri').check();
    await picker.getByRole('button', { name: 'Hitung' }).click();
    await expect(picker.getByRole('status')).toHaveText('3 keluarga memenuhi syarat.');
    await picker.getByRole('button', { name: 'Tetapkan 3 keluarga sebagai sasaran' }).click();
    await expect(picker).toBeHidden();
    await expect(mentor.getByText('3 keluarga').first()).toBeVisible();
    await mentor.getByRole('button', { name: 'Ajukan ke Bappeda' }).click();
    await expect(mentor.getByText('Diajukan ke Bappeda').first()).toBeVisible();
  });
  const workspaceUrl = mentor.url().replace(/\/rencana$/, '');

  await test.step('Bappeda returns the plan with a comment; the mentor resubmits; Bappeda approves', async () => {
    await admin.goto(`${workspaceUrl}/rencana`);
    await admin.getByRole('button', { name: 'Kembalikan' }).click();
    const back = admin.getByRole('dialog', { name: 'Kembalikan rencana' });
    await back.getByLabel('Catatan untuk pendamping').fill('Lengkapi uraian kegiatan dan lokasi');
    await back.getByRole('button', { name: 'Kembalikan' }).click();
    await expect(back).toBeHidden();
    await mentor.reload();
    await expect(mentor.getByText('Rencana dikembalikan Bappeda dengan catatan: Lengkapi uraian kegiatan dan lokasi')).toBeVisible();
    await mentor.getByRole('button', { name: 'Ajukan ke Bappeda' }).click();
    await expect(mentor.getByText('Diajukan ke Bappeda').first()).toBeVisible();
    await admin.reload();
    await admin.getByRole('button', { name: 'Setujui' }).click();
    await expect(admin.getByText('Versi 1 · disetujui')).toBeVisible();
  });

  await test.step('mentor: an intervention to the three families, with a photo', async () => {
    await mentor.goto(`${workspaceUrl}/intervensi`);
    await mentor.getByRole('button', { name: 'Catat intervensi' }).click();
    const dialog = mentor.getByRole('dialog', { name: 'Catat intervensi' });
    await selectOptionContaining(dialog.getByLabel('Butir rencana'), 'Pembangunan jamban sehat keluarga');
    await dialog.getByLabel('Kegiatan').fill('Pembangunan 3 jamban sehat RW 21');
    // a fixed November day: the report below is November's, whatever day the suite runs on
    await dialog.getByLabel('Tanggal', { exact: true }).fill('2026-11-20');
    await dialog.getByLabel('Kode jenis bantuan').fill('jamban');
    await dialog.getByLabel('Keluaran').fill('3');
    await dialog.getByLabel('Satuan').fill('unit jamban');
    for (const f of CYCLE_FAMILIES) await dialog.getByLabel(new RegExp(f.head)).check();
    await expect(dialog.getByText('Dipilih: 3 keluarga')).toBeVisible();
    await selectOptionContaining(dialog.getByLabel('Sumber dana').first(), 'APBD Kota');
    await dialog.getByLabel('Jumlah (Rp)').first().fill('14250000');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await expect(dialog).toBeHidden();
    await expect(mentor.getByText('Intervensi tercatat.')).toBeVisible();
    const row = mentor.getByRole('row').filter({ hasText: 'Pembangunan 3 jamban sehat RW 21' });
    await expect(row).toContainText('3 keluarga');
    await row.getByRole('button', { name: 'Unggah bukti' }).click();
    const upload = mentor.getByRole('dialog', { name: /Unggah foto atau dokumen/ });
    const photo = await mentor.screenshot({ type: 'jpeg', quality: 60 });
    await upload
      .getByLabel('Foto (JPEG/PNG/WebP) atau PDF, maks. 15 MB')
      .setInputFiles({ name: 'jamban-rw21.jpg', mimeType: 'image/jpeg', buffer: photo });
    await upload.getByRole('button', { name: 'Unggah bukti' }).click();
    await expect(mentor.getByText('Bukti tersimpan.')).toBeVisible();
    await upload.getByRole('button', { name: 'Tutup', exact: true }).last().click();
    await expect(row.getByRole('link', { name: /jamban-rw21\.jpg/ })).toBeVisible();
  });

  await test.step('mentor: the November report, drafted from the month, submitted', async () => {
    await mentor.goto(`${workspaceUrl}/laporan`);
    await mentor.getByRole('button', { name: 'Buat draf laporan November 2026' }).click();
    await expect(mentor.getByRole('heading', { name: 'Laporan November 2026' })).toBeVisible();
    // drafted from the month's data: the intervention above, its three families and its cost
    const figures = mentor.locator('section').filter({ has: mentor.getByRole('heading', { name: 'Laporan November 2026' }) });
    await expect(figures.getByText('Pembangunan 3 jamban sehat RW 21')).toBeVisible();
    await expect(figures).toContainText('Rp 14.250.000');
    await mentor.getByLabel('Narasi kegiatan').fill('Tiga jamban sehat selesai dibangun di RW 21 bersama warga.');
    await mentor.getByRole('button', { name: 'Simpan' }).click();
    await expect(mentor.getByText('Tersimpan.')).toBeVisible();
    await mentor.getByRole('button', { name: 'Kirim ke Bappeda' }).click();
    await expect(mentor.getByText('Laporan dikirim ke Bappeda.')).toBeVisible();
  });

  await test.step('Bappeda returns the report with a comment, then accepts the corrected one (locked)', async () => {
    await admin.goto(`${workspaceUrl}/laporan`);
    await admin.getByRole('button', { name: 'Buka laporan November 2026' }).click();
    await admin.getByRole('button', { name: 'Kembalikan' }).click();
    const back = admin.getByRole('dialog', { name: 'Kembalikan laporan' });
    await back.getByLabel('Komentar untuk pendamping').fill('Sebutkan kendala lahan di RW 21');
    await back.getByRole('button', { name: 'Kembalikan' }).click();
    await expect(admin.getByText('Laporan dikembalikan dengan komentar.')).toBeVisible();

    await mentor.reload();
    await mentor.getByRole('button', { name: 'Buka laporan November 2026' }).click();
    await expect(mentor.getByText('Sebutkan kendala lahan di RW 21').first()).toBeVisible();
    await mentor.getByLabel('Kendala').fill('Satu keluarga menunggu izin lahan dari pemilik.');
    await mentor.getByRole('button', { name: 'Simpan' }).click();
    await expect(mentor.getByText('Tersimpan.')).toBeVisible();
    await mentor.getByRole('button', { name: 'Kirim ke Bappeda' }).click();
    await expect(mentor.getByText('Laporan dikirim ke Bappeda.')).toBeVisible();

    await admin.reload();
    await admin.getByRole('button', { name: 'Buka laporan November 2026' }).click();
    await admin.getByRole('button', { name: 'Terima' }).click();
    await expect(admin.getByText('Laporan diterima dan dikunci.')).toBeVisible();
    await mentor.reload();
    await mentor.getByRole('button', { name: 'Buka laporan November 2026' }).click();
    await expect(mentor.getByLabel('Narasi kegiatan')).toHaveCount(0);
  });

  await test.step('the supervisor logs a visit with a follow-up', async () => {
    const supervisor = await as(browser, 'pengawas');
    await supervisor.goto(`${workspaceUrl}/pengawasan`);
    await supervisor.getByRole('button', { name: 'Catat kunjungan' }).click();
    const dialog = supervisor.getByRole('dialog', { name: 'Catat kunjungan' });
    await dialog.getByLabel('Yang berkunjung').fill('Inspektur Pembantu II, Kasubag Evaluasi');
    await dialog.getByLabel('Temuan').fill('Tiga jamban terpasang dan dipakai; satu belum tersambung ke septic tank.');
    await dialog.getByRole('button', { name: 'Tambah tindak lanjut' }).click();
    await dialog.getByLabel('Tindakan').fill('Sambungkan jamban ke septic tank komunal');
    await dialog.getByLabel('Nama penanggung jawab').fill('Koordinator Dinperkim');
    await dialog.getByLabel('Tenggat').fill('2026-12-20');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await expect(supervisor.getByText('Kunjungan tercatat.')).toBeVisible();
    await expect(supervisor.getByText('Sambungkan jamban ke septic tank komunal')).toBeVisible();
    // a spot-check draws the recorded intervention; the supervisor sees whom to visit
    await supervisor.getByLabel('Jumlah sampel (1–50)').fill('1');
    await supervisor.getByRole('button', { name: 'Ambil sampel' }).click();
    await expect(supervisor.getByText('Warsono Ujisiklus').first()).toBeVisible();
  });

  await test.step('a newer registry snapshot shows the latrines; the evaluation shows the change', async () => {
    await importAsAdmin(admin.request, cycleCsv('own'), '2026-09-30');
    await mentor.goto(`${workspaceUrl}/evaluasi`);
    const row = mentor.getByRole('row').filter({ hasText: PROPOSAL });
    await expect(row).toContainText('3 → 0');
    await expect(row).toContainText('membaik');
    await expect(row).toContainText('1 intervensi, 3 keluarga');
    await row.getByRole('button', { name: 'Nilai' }).click();
    const dialog = mentor.getByRole('dialog', { name: `Hasil: ${PROPOSAL}` });
    await dialog.getByLabel('Hasil').selectOption({ label: 'Tertangani' });
    await dialog.getByLabel('Alasan').fill('Ketiga keluarga kini memiliki jamban sendiri (DTSEN September 2026).');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toContainText('Tertangani');

    await admin.goto(`${workspaceUrl}/evaluasi`);
    const decision = admin.getByRole('region', { name: 'Keputusan Bappeda' });
    await decision.getByLabel('Keputusan', { exact: true }).selectOption({ label: 'Lanjut tahun berikutnya (lanjutan)' });
    await decision.getByLabel('Alasan').fill('Masih ada RTLH di RW lain yang perlu ditangani.');
    await decision.getByRole('button', { name: 'Simpan keputusan' }).click();
    await expect(admin.getByText('Keputusan tersimpan.')).toBeVisible();
    await mentor.reload();
    await expect(mentor.getByText(/Diputuskan .* oleh Admin Bappeda/)).toBeVisible();
  });
});
