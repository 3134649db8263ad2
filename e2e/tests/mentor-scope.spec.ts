import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, login, mainNav } from './support.ts';

interface PairingRow {
  id: number;
  opdAbbreviation: string | null;
  villageName: string;
}

test('a mentor sees only their own kelurahan and no board', async ({ page, playwright, baseURL }) => {
  // The id of another OPD's pairing (Dinkes ↔ Bandengan), looked up as admin through the API.
  const admin = await playwright.request.newContext({ baseURL });
  await admin.post('/api/auth/login', { data: { username: 'admin', password: DEMO_PASSWORD } });
  const all = (await (await admin.get('/api/pairings')).json()) as { items: PairingRow[] };
  const dinkes = all.items.find((p) => p.opdAbbreviation === 'Dinkes' && p.villageName === 'Bandengan');
  expect(dinkes).toBeDefined();
  await admin.dispose();

  await login(page, 'mentor.dinperkim');

  const mine = page.getByRole('region', { name: 'Kelurahan dampingan saya' });
  await expect(mine.getByRole('link', { name: /Kali Baros/ })).toBeVisible();
  await expect(mine.getByRole('link')).toHaveCount(1);
  await expect(page.getByText('Bandengan')).toHaveCount(0);

  const nav = mainNav(page);
  await expect(nav.getByRole('link')).toHaveText(['Beranda', 'Kelurahan saya', 'Perlu perhatian', 'Keluarga', 'Wilayah', 'Akun saya']);
  await expect(page.getByRole('link', { name: 'Papan pendampingan' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Jejak audit' })).toHaveCount(0);

  // "Kelurahan saya" lists the same single kelurahan.
  await nav.getByRole('link', { name: 'Kelurahan saya' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kelurahan saya' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('link', { name: /Kali Baros/ })).toBeVisible();
  await expect(page.getByRole('main').getByRole('link')).toHaveCount(1);
  await expect(page.getByText('Bandengan')).toHaveCount(0);

  // Their pairing opens, with the profile they may edit.
  await page
    .getByRole('main')
    .getByRole('link', { name: /Kali Baros/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kelurahan Kali Baros' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Akhiri pendampingan' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Ubah profil' }).click();
  await page.getByLabel('Nama lurah').fill('Bambang Sutrisno');
  await page.getByLabel('Telepon lurah').fill('0285 421000');
  await page.getByRole('button', { name: 'Simpan profil' }).click();
  await expect(page.getByText('Profil disimpan.')).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Bambang Sutrisno');

  // Another OPD's pairing is out of reach: the same not-found as a missing one.
  await page.goto(`/pendampingan/${dinkes?.id}`);
  await expect(page.getByRole('heading', { name: 'Pendampingan tidak ditemukan' })).toBeVisible();
  await expect(page.getByText('Bandengan')).toHaveCount(0);

  // The board itself is refused too.
  await page.goto('/papan');
  await expect(page.getByRole('heading', { name: 'Tidak berwenang' })).toBeVisible();
});
