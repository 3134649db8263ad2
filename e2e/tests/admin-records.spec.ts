import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, login, mainNav, selectOptionContaining } from './support.ts';

test('admin registers an OPD and a mentor; the mentor must change the temporary password first', async ({ page }) => {
  await login(page, 'admin');

  // A new OPD, edited, then deactivated with a reason and reactivated.
  await mainNav(page).getByRole('link', { name: 'OPD' }).click();
  await page.getByRole('button', { name: 'Tambah OPD' }).click();
  const create = page.getByRole('dialog', { name: 'Tambah OPD' });
  await create.getByRole('button', { name: 'Simpan' }).click();
  await expect(create.getByText('Nama minimal 3 huruf')).toBeVisible();
  await create.getByLabel('Nama', { exact: true }).fill('Dinas Uji Coba Pendampingan');
  await create.getByLabel('Singkatan').fill('DUCP');
  await create.getByLabel('Email').fill('bukan-email');
  await create.getByRole('button', { name: 'Simpan' }).click();
  await expect(create.getByText('Email tidak valid')).toBeVisible();
  await create.getByLabel('Email').fill('ducp@pekalongankota.go.id');
  await create.getByRole('button', { name: 'Simpan' }).click();
  await expect(create).toBeHidden();
  await expect(page.getByText('OPD Dinas Uji Coba Pendampingan ditambahkan.')).toBeVisible();

  await page.getByRole('button', { name: 'Ubah DUCP' }).click();
  const edit = page.getByRole('dialog', { name: /Ubah OPD/ });
  await edit.getByLabel('Kepala').fill('Sri Wahyuni');
  await edit.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByRole('row', { name: /DUCP/ })).toContainText('Sri Wahyuni');

  await page.getByRole('button', { name: 'Nonaktifkan DUCP' }).click();
  const deactivate = page.getByRole('dialog', { name: /Nonaktifkan/ });
  await deactivate.getByLabel('Alasan').fill('Digabung ke dinas lain');
  await deactivate.getByRole('button', { name: 'Nonaktifkan' }).click();
  await expect(page.getByText('OPD Dinas Uji Coba Pendampingan dinonaktifkan.')).toBeVisible();
  await expect(page.getByRole('row', { name: /DUCP/ })).toHaveCount(0);
  await page.getByLabel('Tampilkan juga yang nonaktif').check();
  await expect(page.getByRole('row', { name: /DUCP/ })).toContainText('Nonaktif');
  await page.getByRole('button', { name: 'Aktifkan kembali DUCP' }).click();
  const reactivate = page.getByRole('dialog', { name: /Aktifkan kembali/ });
  await reactivate.getByLabel('Alasan').fill('Pemisahan dibatalkan');
  await reactivate.getByRole('button', { name: 'Aktifkan kembali' }).click();
  await expect(page.getByText('OPD Dinas Uji Coba Pendampingan aktif kembali.')).toBeVisible();

  // A mentor account for it, with a temporary password.
  await mainNav(page).getByRole('link', { name: 'Pengguna' }).click();
  await page.getByRole('button', { name: 'Tambah pengguna' }).click();
  const user = page.getByRole('dialog', { name: 'Tambah pengguna' });
  await user.getByLabel('Nama pengguna').fill('uji.ducp');
  await user.getByLabel('Nama lengkap').fill('Pendamping Uji DUCP');
  await user.getByLabel('Peran').selectOption('mentor');
  await user.getByRole('button', { name: 'Buat akun' }).click();
  await expect(user.getByText('Pendamping harus terdaftar pada satu OPD')).toBeVisible();
  await selectOptionContaining(user.getByLabel('OPD'), 'DUCP');
  await user.getByLabel('Kata sandi sementara').fill('Sementara-2027');
  await user.getByRole('button', { name: 'Buat akun' }).click();
  await expect(user).toBeHidden();
  await expect(page.getByRole('row', { name: /uji\.ducp/ })).toContainText('wajib ganti sandi');

  await page.getByRole('button', { name: 'Keluar' }).click();
  await page.getByLabel('Nama pengguna').fill('uji.ducp');
  await page.getByLabel('Kata sandi').fill('Sementara-2027');
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Akun saya' })).toBeVisible();
  await expect(page.getByText('Anda memakai kata sandi sementara')).toBeVisible();
  // Other pages wait until the password is changed.
  await mainNav(page).getByRole('link', { name: 'Beranda' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Akun saya' })).toBeVisible();

  await page.getByLabel('Kata sandi saat ini').fill('Sementara-2027');
  await page.getByLabel('Kata sandi baru', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByLabel('Ulangi kata sandi baru').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Ganti kata sandi' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Beranda' })).toBeVisible();
  await expect(page.getByText('Belum ada kelurahan dampingan aktif untuk akun ini.')).toBeVisible();
});

test('the mayor reads the board without pairing buttons, and searches regions by spelling variants', async ({ page }) => {
  await login(page, 'walikota');
  await mainNav(page).getByRole('link', { name: 'Papan pendampingan' }).click();
  // Another test may have opened 2027; the demo pairings are in 2026.
  await page.getByLabel('Tahun program').selectOption({ label: '2026 · berjalan' });
  await expect(page.getByText('5 dari 27 kelurahan didampingi')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Pasangkan/ })).toHaveCount(0);
  await page.getByLabel('Hanya yang belum didampingi').check();
  await expect(page.getByRole('link', { name: 'Dinperkim' })).toHaveCount(0);
  await expect(page.getByRole('row').filter({ hasText: 'Belum didampingi' })).toHaveCount(22);
  await expect(mainNav(page).getByRole('link', { name: 'Pengguna' })).toHaveCount(0);
  await expect(mainNav(page).getByRole('link', { name: 'Jejak audit' })).toHaveCount(0);

  await mainNav(page).getByRole('link', { name: 'Wilayah' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /Kota Pekalongan/ })).toBeVisible();

  await page.getByLabel('Cari wilayah').fill('Kalibaros');
  await page.getByRole('button', { name: 'Cari' }).click();
  const results = page.getByRole('region', { name: 'Hasil pencarian "Kalibaros"' });
  await results.getByRole('link', { name: 'Kali Baros' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /Kali Baros/ })).toBeVisible();
  const crumbs = page.getByRole('navigation', { name: 'Jejak wilayah' });
  await expect(crumbs.getByRole('link')).toHaveText(['Jawa Tengah', 'Kota Pekalongan', 'Pekalongan Timur']);

  await crumbs.getByRole('link', { name: 'Pekalongan Timur' }).click();
  await expect(page.getByRole('row', { name: /Kali Baros/ })).toBeVisible();
  await expect(page.getByRole('row')).toHaveCount(8);
});
