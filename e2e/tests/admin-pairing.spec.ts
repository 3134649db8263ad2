import { expect, type Page, test } from '@playwright/test';
import { login, mainNav, selectOptionContaining } from './support.ts';

const PROGRAM = 'Satu Perangkat Daerah, Satu Kelurahan Dampingan';

async function pair(page: Page, village: string, opd: string, decree: string) {
  await page.getByRole('button', { name: `Pasangkan ${village}` }).click();
  const dialog = page.getByRole('dialog', { name: `Pasangkan OPD dengan Kelurahan ${village}` });
  await expect(dialog).toBeVisible();
  await selectOptionContaining(dialog.getByLabel('OPD pendamping'), opd);
  await dialog.getByLabel('Nomor SK').fill(decree);
  await dialog.getByLabel('Tanggal SK').fill('2027-01-11');
  await dialog.getByRole('button', { name: 'Simpan pendampingan' }).click();
  await expect(dialog).toBeHidden();
}

test('admin opens 2027, pairs three kelurahan, is refused a double pairing, ends one and finds the reason in the audit log', async ({
  page,
  context,
}) => {
  await login(page, 'admin');

  // A new program year.
  await mainNav(page).getByRole('link', { name: 'Program' }).click();
  const program = page.getByRole('region', { name: PROGRAM });
  await program.getByLabel('Tahun baru').fill('2027');
  await program.getByRole('button', { name: 'Tambah tahun' }).click();
  await expect(page.getByText('Tahun 2027 ditambahkan.')).toBeVisible();
  const row2027 = program.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '2027', exact: true }) });
  await expect(row2027).toContainText('berjalan');

  // The board of the new year: nothing paired yet.
  await row2027.getByRole('link', { name: 'Buka papan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Papan pendampingan' })).toBeVisible();
  await expect(page.getByText('0 dari 27 kelurahan didampingi')).toBeVisible();
  const medono = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /Medono/ }) });
  await expect(medono.getByText('Belum didampingi')).toBeVisible();

  // A second tab keeps the board as it is now, to race the first one later.
  const stale = await context.newPage();
  await stale.goto(page.url());
  await expect(stale.getByText('0 dari 27 kelurahan didampingi')).toBeVisible();

  await pair(page, 'Medono', 'Dinas Lingkungan Hidup', 'SK/2027/001');
  await expect(medono.getByRole('link', { name: 'DLH' })).toBeVisible();
  await pair(page, 'Podosugih', 'Dinas Perhubungan', 'SK/2027/002');
  await pair(page, 'Sapuro Kebulen', 'Dinas Komunikasi dan Informatika', 'SK/2027/003');
  await expect(page.getByText('3 dari 27 kelurahan didampingi')).toBeVisible();

  // The stale tab still offers Medono; the server refuses and names the OPD already there.
  await test.step('a second pairing of Medono is refused', async () => {
    await stale.getByRole('button', { name: 'Pasangkan Medono' }).click();
    const dialog = stale.getByRole('dialog', { name: 'Pasangkan OPD dengan Kelurahan Medono' });
    await selectOptionContaining(dialog.getByLabel('OPD pendamping'), 'Badan Penanggulangan Bencana Daerah');
    await dialog.getByLabel('Nomor SK').fill('SK/2027/009');
    await dialog.getByRole('button', { name: 'Simpan pendampingan' }).click();
    await expect(dialog.getByRole('alert')).toContainText('Medono sudah didampingi Dinas Lingkungan Hidup');
    await stale.close();
  });

  // End one pairing with a reason.
  const reason = 'OPD dialihkan ke penanganan stunting';
  await page.getByRole('link', { name: 'Detail pendampingan Podosugih' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kelurahan Podosugih' })).toBeVisible();
  await page.getByRole('button', { name: 'Akhiri pendampingan' }).click();
  const end = page.getByRole('dialog', { name: 'Akhiri pendampingan Kelurahan Podosugih' });
  await end.getByLabel('Tanggal berakhir').fill('2027-06-30');
  await end.getByLabel('Alasan berakhir').fill(reason);
  await end.getByRole('button', { name: 'Akhiri', exact: true }).click();
  await expect(end).toBeHidden();
  await expect(page.getByText('Pendampingan diakhiri.')).toBeVisible();
  await expect(page.getByRole('main').getByText(reason).first()).toBeVisible();

  // The audit log keeps the reason.
  await mainNav(page).getByRole('link', { name: 'Jejak audit' }).click();
  await page.getByLabel('Jenis data').selectOption({ label: 'Pendampingan' });
  await page.getByRole('button', { name: 'Terapkan' }).click();
  const ended = page.getByRole('row').filter({ hasText: 'Pendampingan diakhiri' });
  await expect(ended).toHaveCount(1);
  await expect(ended.getByRole('cell', { name: reason, exact: true })).toBeVisible();
  await expect(ended).toContainText('Admin Bappeda (demo)');
});
