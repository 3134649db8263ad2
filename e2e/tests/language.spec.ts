import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD } from './support.ts';

test('switching to English changes the UI and survives a reload', async ({ page }) => {
  await page.goto('/masuk');
  await expect(page.getByRole('heading', { level: 1, name: 'Masuk ke Dampingan' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Log in to Dampingan' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: 'Bahasa Indonesia' })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Log in to Dampingan' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // API errors come in English too (details.messageEn).
  await page.getByLabel('Username').fill('walikota');
  await page.getByLabel('Password').fill('not-the-password-1');
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong username or password');

  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main menu' });
  await expect(nav.getByRole('link', { name: 'Pairing board' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();

  await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Beranda' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Papan pendampingan' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
});
