import { expect, type Locator, type Page } from '@playwright/test';

/** The demo accounts' password (apps/server seeds it in DEMO mode). */
export const DEMO_PASSWORD = 'Demo-Dampingan-2026';

export async function login(page: Page, username: string): Promise<void> {
  await page.goto('/masuk');
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Beranda' })).toBeVisible();
}

/** Picks the first <option> whose text contains `text` (option labels carry both abbreviation and full name). */
export async function selectOptionContaining(select: Locator, text: string): Promise<void> {
  const value = await select.locator('option', { hasText: text }).first().getAttribute('value');
  if (!value) throw new Error(`No option containing "${text}"`);
  await select.selectOption(value);
}

export function mainNav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Menu utama' });
}
