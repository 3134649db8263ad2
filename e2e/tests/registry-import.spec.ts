import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { DEFECT_ROWS, FAMILY, writeMessyFile } from './registry-files.ts';
import { DEMO_PASSWORD, login, mainNav } from './support.ts';

let dir = '';
let messyFile = '';

test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'dampingan-e2e-'));
  messyFile = writeMessyFile(dir);
});

test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The report's rows for one file row and column (a row can have more than one issue). */
function issue(page: Page, caption: string, row: number, column: string) {
  return page
    .getByRole('table', { name: caption })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: String(row), exact: true }) })
    .filter({ has: page.getByRole('cell', { name: column, exact: true }) });
}

test('admin imports a messy registry file, reads and downloads the error report, then finds and reveals an imported person', async ({
  page,
}) => {
  await login(page, 'admin');
  await mainNav(page).getByRole('link', { name: 'Impor data' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Impor data' })).toBeVisible();

  // A file whose headers the importer does not know is refused as a whole, with the server's own explanation…
  const uploadForm = page.getByRole('region', { name: 'Unggah berkas' });
  const exotic = {
    name: 'format-asing.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('KK_NO_X;PENDUDUK_ID_X;NAMA;WILAYAH_X\n3375011506240977;3375010707770977;Pemetaan Uji;33.75.01.1002\n'),
  };
  await uploadForm.getByLabel('Berkas (CSV atau XLSX)').setInputFiles(exotic);
  await uploadForm.getByLabel('Jenis sumber').selectOption('dtks');
  await uploadForm.getByLabel('Periode data (tanggal snapshot)').fill('2026-10-31');
  await page.getByRole('button', { name: 'Unggah dan impor' }).click();
  await expect(page.getByRole('alert')).toContainText('Impor gagal; register tidak berubah.');
  await expect(page.getByRole('alert')).toContainText('Kolom wajib tidak ditemukan: noKk, nik, villageCode. Kolom di berkas: KK_NO_X');
  await page.getByRole('link', { name: 'Impor berkas lain' }).click();

  // …until a column mapping for that layout is saved and chosen.
  const mapping = page.getByRole('region', { name: 'Pemetaan kolom untuk format berkas baru' });
  await mapping.getByText('Pemetaan kolom untuk format berkas baru').click();
  await mapping.getByLabel('Nama pemetaan').fill('Format uji e2e');
  await mapping.getByLabel('Judul kolom = isian').fill('KK_NO_X = noKk\nPENDUDUK_ID_X = nik\nWILAYAH_X = kodeDesa');
  await page.getByRole('button', { name: 'Simpan pemetaan' }).click();
  await expect(page.getByText('Baris 3 tidak dikenali')).toBeVisible();
  await mapping.getByLabel('Judul kolom = isian').fill('KK_NO_X = noKk\nPENDUDUK_ID_X = nik\nWILAYAH_X = villageCode');
  await page.getByRole('button', { name: 'Simpan pemetaan' }).click();
  await expect(page.getByText('Pemetaan "Format uji e2e" disimpan')).toBeVisible();
  await expect(uploadForm.getByLabel('Pemetaan kolom tersimpan').locator('option:checked')).toHaveText('Format uji e2e (DTKS)');
  await uploadForm.getByLabel('Berkas (CSV atau XLSX)').setInputFiles(exotic);
  await uploadForm.getByLabel('Jenis sumber').selectOption('dtks');
  await uploadForm.getByLabel('Periode data (tanggal snapshot)').fill('2026-10-31');
  await page.getByRole('button', { name: 'Unggah dan impor' }).click();
  await expect(page.getByText('Impor selesai: data tersimpan di register keluarga.')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Hasil penggabungan' }).getByRole('row', { name: /^Keluarga/ })).toHaveText(
    /Keluarga\s*1\s*0\s*0/,
  );
  await page.getByRole('link', { name: 'Impor berkas lain' }).click();

  // The messy file. The upload is slowed down (Chromium network emulation) so its progress bar can be watched.
  await uploadForm.getByLabel('Berkas (CSV atau XLSX)').setInputFiles(messyFile);
  await uploadForm.getByLabel('Jenis sumber').selectOption('synthetic');
  await uploadForm.getByLabel('Periode data (tanggal snapshot)').fill('2026-10-31');
  await uploadForm.getByLabel('Nama dataset').fill('Uji e2e berantakan');
  await uploadForm.getByLabel('File ini sebagian (bukan snapshot penuh)').check();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 150 * 1024 });
  await page.getByRole('button', { name: 'Unggah dan impor' }).click();

  const upload = page.getByRole('progressbar', { name: 'Mengunggah berkas' });
  await expect(upload).toBeVisible();
  await expect(upload).toHaveAttribute('aria-valuenow', /^[1-9]\d*$/);
  await expect(page.getByRole('button', { name: 'Batalkan unggahan' })).toBeVisible();
  // Hold each status poll for a moment so the processing bar stays on screen long enough to check.
  await page.route(/\/api\/registry\/imports\/\d+$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 700));
    await route.continue();
  });
  const processing = page.getByRole('progressbar', { name: 'Memproses berkas' });
  await expect(processing).toBeVisible({ timeout: 30_000 });
  await expect(processing).toHaveAttribute('aria-valuenow', /^\d+$/);
  await expect(page).toHaveURL(/\/impor\/\d+$/);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  // The result: counts, then the error report.
  await expect(page.getByText('Impor selesai: data tersimpan di register keluarga.')).toBeVisible({ timeout: 30_000 });
  await page.unroute(/\/api\/registry\/imports\/\d+$/);
  const summary = page.getByRole('list', { name: 'Ringkasan impor' });
  await expect(summary.getByRole('listitem').filter({ hasText: 'Baris dibaca' })).toContainText(/\d/);
  await expect(summary.getByRole('listitem').filter({ hasText: 'Baris ditolak' })).toContainText(/[1-9]/);
  const counts = page.getByRole('table', { name: 'Hasil penggabungan' });
  await expect(counts.getByRole('row', { name: /^Keluarga/ })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Uji e2e berantakan');

  const report = 'Laporan galat: baris, kolom, nilai dan pesan';
  await expect(issue(page, report, DEFECT_ROWS.scientificNik, 'nik')).toContainText(
    'Kolom "nik": "3.37501E+15" adalah notasi ilmiah dari Excel; digitnya sudah hilang',
  );
  await expect(issue(page, report, DEFECT_ROWS.decimalNik, 'nik')).toContainText('"3375011002870001.0" diekspor sebagai angka desimal');
  await expect(issue(page, report, DEFECT_ROWS.impossibleDate, 'birthDate')).toContainText(
    'Kolom "birthDate": tanggal "31-02-1990" tidak ada di kalender',
  );
  await expect(issue(page, report, DEFECT_ROWS.desil11, 'desil')).toContainText('Kolom "desil": "11" bukan desil 1–10');
  await expect(issue(page, report, DEFECT_ROWS.unknownVillage, 'villageCode')).toContainText(
    '"33.75.01.1999" tidak ada dalam daftar kode wilayah Kemendagri',
  );
  // The valid family's rows are not in the report.
  await expect(issue(page, report, 2, 'nik')).toHaveCount(0);

  // The same report in English.
  await page.getByRole('button', { name: 'English' }).click();
  const reportEn = 'Error report: row, column, value and message';
  await expect(issue(page, reportEn, DEFECT_ROWS.scientificNik, 'nik')).toContainText(
    'Column "nik": "3.37501E+15" is Excel scientific notation; its digits are lost',
  );
  await expect(issue(page, reportEn, DEFECT_ROWS.impossibleDate, 'birthDate')).toContainText('"31-02-1990" is not a calendar date');
  await expect(issue(page, reportEn, DEFECT_ROWS.desil11, 'desil')).toContainText('"11" is not a desil from 1 to 10');
  await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();

  // The report as a CSV download.
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Unduh laporan galat (CSV)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^impor-\d+-galat\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv.replace(/^\uFEFF/, '').split('\n')[0]).toBe('baris_row,kolom_column,nilai_value,kode_code,tingkat_severity,pesan,message');
  expect(csv).toContain(
    `\n${DEFECT_ROWS.scientificNik},nik,3.37501E+15,id_scientific_notation,error,"Kolom ""nik"": ""3.37501E+15"" adalah notasi ilmiah`,
  );
  expect(csv).toContain(`\n${DEFECT_ROWS.decimalNik},nik,3375011002870001.0,id_excel_decimal,error,`);
  expect(csv).toContain(`\n${DEFECT_ROWS.impossibleDate},birthDate,31-02-1990,date_impossible,error,`);
  expect(csv).toContain(`\n${DEFECT_ROWS.desil11},desil,11,desil_invalid,error,`);
  expect(csv).toContain(`\n${DEFECT_ROWS.unknownVillage},villageCode,33.75.01.1999,village_code_unknown,error,`);
  expect(csv).toContain('""31-02-1990"" is not a calendar date');

  // The imported family in the registry: an ID of the wrong length is caught before searching.
  await mainNav(page).getByRole('link', { name: 'Keluarga' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Keluarga' })).toBeVisible();
  const search = page.getByLabel('Cari NIK, No KK atau nama');
  await search.fill(FAMILY.head.nik.slice(0, 10));
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  await expect(page.getByText('NIK dan No KK terdiri dari 16 digit (tertulis 10 digit).')).toBeVisible();
  await search.fill(FAMILY.head.nik);
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  const results = page.getByRole('table', { name: 'Daftar keluarga' });
  await expect(results.getByRole('row')).toHaveCount(2);
  await expect(results).toContainText(FAMILY.noKkMasked);
  await expect(results).toContainText('SINTETIS');
  // The admin exports what the filter shows, with a reason for the audit log; No KK stays masked.
  await page.getByRole('button', { name: 'Ekspor CSV' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Ekspor daftar keluarga (CSV)' });
  await exportDialog.getByLabel('Alasan').fill('Rekap calon penerima bantuan RTLH 2027');
  const exporting = page.waitForEvent('download');
  await exportDialog.getByRole('button', { name: 'Ekspor dan unduh' }).click();
  const exported = readFileSync(await (await exporting).path(), 'utf8');
  expect(exported).toContain(`${FAMILY.noKkMasked},${FAMILY.head.name},33.75.01.1002,Medono,004,002`);
  expect(exported).not.toContain(FAMILY.noKk);
  await expect(page.getByText('Berkas CSV berisi 1 keluarga diunduh.')).toBeVisible();

  // A part of the name finds it too.
  await search.fill('wulandari ujicoba');
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  await results.getByRole('link', { name: FAMILY.head.name }).click();

  // The family page: masked identifiers, labelled values, the source of each value.
  await expect(page.getByRole('heading', { level: 1, name: `Keluarga ${FAMILY.head.name}` })).toBeVisible();
  await expect(page.getByRole('note')).toContainText('SINTETIS');
  const housing = page.getByRole('table', { name: 'Rumah, air, sanitasi, energi dan aset' });
  await expect(housing.getByRole('row', { name: /Jenis lantai/ })).toContainText('Tanah');
  await expect(housing.getByRole('row', { name: /jamban/ })).toContainText('Tidak ada');
  await expect(page.getByRole('region', { name: 'Sumber data' })).toContainText('Uji e2e berantakan');
  await expect(page.getByRole('region', { name: 'Sumber data' })).toContainText('dtsen-berantakan.csv');

  const members = page.getByRole('table', { name: 'Anggota keluarga' });
  const head = members.getByRole('row', { name: new RegExp(FAMILY.head.name) });
  await expect(head).toContainText(FAMILY.head.nikMasked);
  await expect(page.getByText(FAMILY.head.nik)).toHaveCount(0);
  await head.getByRole('button', { name: `Tampilkan NIK ${FAMILY.head.name}` }).click();
  const reveal = page.getByRole('dialog', { name: `Tampilkan NIK ${FAMILY.head.name}` });
  await reveal.getByLabel('Alasan').fill('cek');
  await reveal.getByRole('button', { name: 'Tampilkan' }).click();
  await expect(reveal.getByText('Tuliskan alasan (minimal 10 huruf)')).toBeVisible();
  await reveal.getByLabel('Alasan').fill('Verifikasi data untuk usulan bantuan RTLH');
  await reveal.getByRole('button', { name: 'Tampilkan' }).click();
  await expect(reveal).toBeHidden();
  await expect(head).toContainText(FAMILY.head.nik);
  await expect(members.getByRole('row', { name: new RegExp(FAMILY.child.name) })).not.toContainText(FAMILY.child.nik);

  // The audit log keeps who looked, and why.
  await mainNav(page).getByRole('link', { name: 'Jejak audit' }).click();
  await expect(page.getByRole('row', { name: /Data pribadi ditampilkan/ }).first()).toContainText(
    'Verifikasi data untuk usulan bantuan RTLH',
  );
});

test('a mentor searches only the families of their own kelurahan', async ({ page, playwright, baseURL }) => {
  // A family outside Kali Baros (Medono), looked up as admin through the API.
  const admin = await playwright.request.newContext({ baseURL });
  await admin.post('/api/auth/login', { data: { username: 'admin', password: DEMO_PASSWORD } });
  const medono = (await (await admin.get('/api/families?villageCode=33.75.01.1002&limit=1')).json()) as { items: { id: number }[] };
  const outside = medono.items[0];
  expect(outside).toBeDefined();
  await admin.dispose();

  await login(page, 'mentor.dinperkim');
  await expect(mainNav(page).getByRole('link', { name: 'Impor data' })).toHaveCount(0);
  await mainNav(page).getByRole('link', { name: 'Keluarga' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Keluarga' })).toBeVisible();
  await expect(page.getByLabel('Kelurahan').locator('option')).toHaveText(['Semua kelurahan', 'Kali Baros']);
  await expect(page.getByRole('button', { name: 'Ekspor CSV' })).toHaveCount(0);

  const results = page.getByRole('table', { name: 'Daftar keluarga' });
  await expect(results.getByRole('link').first()).toBeVisible();
  const villages = await results.locator('tbody tr td:nth-of-type(2)').allTextContents();
  expect(villages.length).toBeGreaterThan(5);
  expect(new Set(villages)).toEqual(new Set(['Kali Baros']));
  await expect(page.getByRole('navigation', { name: 'Halaman daftar keluarga' })).toContainText(/dari \d/);

  // Filters narrow within reach: desil 1–2, no own toilet.
  await page.getByLabel('Desil dari').selectOption('1');
  await page.getByLabel('Desil sampai').selectOption('2');
  await page.getByLabel('Tanpa jamban sendiri').check();
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  await expect(page).toHaveURL(/desilMax=2/);
  // The table keeps the previous page on screen while the new one loads: retry until it has changed.
  await expect(async () => {
    const desils = await results.locator('tbody tr td:nth-of-type(4)').allTextContents();
    expect(desils.length).toBeGreaterThan(0);
    for (const d of desils) expect(['1', '2']).toContain(d.trim());
    const toilets = await results.locator('tbody tr td:nth-of-type(6)').allTextContents();
    expect(toilets).not.toContain('Milik sendiri');
    expect(new Set(await results.locator('tbody tr td:nth-of-type(2)').allTextContents())).toEqual(new Set(['Kali Baros']));
  }).toPass();

  // Another kelurahan's family is out of reach: the same not-found as a missing one.
  await page.goto(`/keluarga/${outside?.id}`);
  await expect(page.getByRole('heading', { name: 'Keluarga tidak ditemukan' })).toBeVisible();
});

test('the mayor sees the registry totals on the home page, never names', async ({ page }) => {
  await login(page, 'walikota');
  const summary = page.getByRole('region', { name: /Register keluarga/ });
  await expect(summary.getByRole('listitem').filter({ hasText: 'Keluarga desil 1–4' })).toContainText(/\d/);
  await expect(summary.getByRole('table', { name: 'Keluarga pada desil 1–4 (termiskin)' }).getByRole('row')).toHaveCount(5);
  await expect(mainNav(page).getByRole('link', { name: 'Keluarga' })).toHaveCount(0);
  await page.goto('/keluarga');
  await expect(page.getByRole('heading', { name: 'Tidak berwenang' })).toBeVisible();
});
