import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { login } from './support.ts';

// Run with `npm run screenshots -w @dampingan/e2e`: refreshes the README pictures in docs/.
const docs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs');
const scratch = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results/screenshots');

test('board, phone and login screenshots @screenshots', async ({ browser }) => {
  const desktop = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const page = await desktop.newPage();
  await page.goto('/masuk');
  await expect(page.getByRole('heading', { name: 'Masuk ke Dampingan' })).toBeVisible();
  await expect(page.getByText('Mode demo')).toBeVisible();
  await page.screenshot({ path: path.join(scratch, 'login-desktop.png') });

  await login(page, 'admin');
  await page.goto('/papan');
  await expect(page.getByText('5 dari 27 kelurahan didampingi')).toBeVisible();
  await expect(page.locator('.leaflet-interactive').first()).toBeVisible();
  // Highlight a paired kelurahan, as a user clicking its name would.
  await page.getByRole('button', { name: 'Kali Baros' }).click();
  // Scroll so both paired and unpaired rows show under the sticky header, next to the sticky map.
  await page.evaluate(() => {
    const group = [...document.querySelectorAll('tr.group-row')][1];
    const header = document.querySelector('header');
    if (group && header) window.scrollTo(0, group.getBoundingClientRect().top + window.scrollY - header.offsetHeight - 16);
  });
  // Show the map's tooltip on the highlighted kelurahan.
  // An irregular polygon's box centre may fall outside it: find a point that really is on it.
  const point = await page.evaluate(() => {
    const path = document.querySelector('path.leaflet-interactive[stroke="#0b3d91"]');
    if (!path) return null;
    const box = path.getBoundingClientRect();
    for (let fy = 0.5; fy < 1; fy += 0.05) {
      for (const fx of [0.5, 0.4, 0.6, 0.3, 0.7]) {
        const x = box.left + box.width * fx;
        const y = box.top + box.height * fy;
        if (document.elementFromPoint(x, y) === path) return { x, y };
      }
    }
    return null;
  });
  expect(point).not.toBeNull();
  await page.mouse.move(point?.x ?? 0, point?.y ?? 0);
  await expect(page.locator('.leaflet-tooltip')).toContainText('Dinperkim');
  await page.screenshot({ path: path.join(docs, 'screenshot-board.png') });
  await page.screenshot({ path: path.join(scratch, 'board-desktop-full.png'), fullPage: true });
  await desktop.close();

  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
  });
  const mobile = await phone.newPage();
  await mobile.goto('/masuk');
  await mobile.screenshot({ path: path.join(scratch, 'login-phone.png') });
  await login(mobile, 'admin');
  await mobile.goto('/papan');
  await expect(mobile.getByText('5 dari 27 kelurahan didampingi')).toBeVisible();
  await expect(mobile.locator('.leaflet-interactive').first()).toBeVisible();
  await mobile.screenshot({ path: path.join(docs, 'screenshot-phone.png') });
  await mobile.screenshot({ path: path.join(scratch, 'board-phone-full.png'), fullPage: true });
  await mobile.getByRole('button', { name: 'Menu' }).click();
  await mobile.screenshot({ path: path.join(scratch, 'menu-phone.png') });
  await phone.close();
});
