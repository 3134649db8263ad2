import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { writeMessyFile } from './registry-files.ts';
import { login } from './support.ts';

// Run with `npm run screenshots -w @dampingan/e2e`: refreshes the README pictures in docs/.
const docs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs');
const scratch = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results/screenshots');
const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../apps/cli/bin/dampingan.mjs');

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

interface ImportRow {
  id: number;
  status: string;
}

interface FamilyRow {
  id: number;
  members: { relationship: string | null; reviewReason: string | null }[];
  desilHistory: { desil: number | null }[];
}

test('family page and import result screenshots @screenshots', async ({ browser, playwright, baseURL }) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'dampingan-shots-'));
  try {
    // Two files through the API: a messy DTSEN-style file (for the error report) and a second
    // snapshot of the demo registry (so families have a desil history and review flags).
    const messy = writeMessyFile(dir);
    const snapshot2 = path.join(dir, 'SINTETIS-33.75-2000-snapshot-2.csv');
    execFileSync(
      process.execPath,
      [cli, 'demo', 'generate', '--scope', '33.75', '--families', '2000', '--seed', '2026', '--snapshot', '2', '--out', snapshot2],
      { env: { ...process.env, DATA_DIR: path.join(dir, 'data') }, stdio: 'pipe' },
    );
    const api = await playwright.request.newContext({ baseURL });
    await api.post('/api/auth/login', { data: { username: 'admin', password: 'Demo-Dampingan-2026' } });
    const upload = async (file: string, query: Record<string, string>) => {
      const res = await api.post(`/api/registry/imports?${new URLSearchParams({ fileName: path.basename(file), ...query })}`, {
        data: readFileSync(file),
        headers: { 'content-type': 'application/octet-stream' },
      });
      expect(res.status()).toBe(202);
      const { id } = (await res.json()) as ImportRow;
      await expect
        .poll(async () => ((await (await api.get(`/api/registry/imports/${id}`)).json()) as ImportRow).status, { timeout: 60_000 })
        .not.toBe('running');
      return id;
    };
    const messyId = await upload(messy, {
      sourceKind: 'dtsen',
      period: '2026-10-31',
      datasetLabel: 'DTSEN Oktober 2026 (contoh berantakan)',
      fullSnapshot: 'false',
    });
    await upload(snapshot2, { sourceKind: 'synthetic', period: '2027-03-31', datasetLabel: 'Data sintetis, snapshot kedua' });

    // A family worth showing: several members, a desil that moved, someone flagged for review.
    const list = (await (await api.get('/api/families?needsReview=true&limit=100')).json()) as { items: { id: number }[] };
    let familyId = list.items[0]?.id;
    for (const f of list.items) {
      const d = (await (await api.get(`/api/families/${f.id}`)).json()) as FamilyRow;
      const desils = new Set(d.desilHistory.map((h) => h.desil));
      if (d.members.length >= 4 && d.members.length <= 5 && desils.size > 1 && d.members.some((m) => m.reviewReason)) {
        familyId = f.id;
        break;
      }
    }
    await api.dispose();

    const desktop = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
    const page = await desktop.newPage();
    await login(page, 'admin');
    await page.goto(`/keluarga/${familyId}`);
    await expect(page.getByRole('heading', { level: 2, name: /Anggota keluarga/ })).toBeVisible();
    await page.screenshot({ path: path.join(docs, 'screenshot-family.png') });
    await page.screenshot({ path: path.join(scratch, 'family-desktop-full.png'), fullPage: true });
    await page.goto(`/impor/${messyId}`);
    await expect(page.getByRole('heading', { level: 2, name: /Laporan galat/ })).toBeVisible();
    await expect(
      page
        .getByRole('table', { name: /Laporan galat/ })
        .getByRole('row')
        .nth(5),
    ).toBeVisible();
    await page.screenshot({ path: path.join(docs, 'screenshot-import.png') });
    await page.screenshot({ path: path.join(scratch, 'import-desktop-full.png'), fullPage: true });
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
    await login(mobile, 'admin');
    await mobile.goto(`/keluarga/${familyId}`);
    await expect(mobile.getByRole('heading', { level: 2, name: /Anggota keluarga/ })).toBeVisible();
    await mobile.screenshot({ path: path.join(scratch, 'family-phone.png') });
    await mobile.screenshot({ path: path.join(scratch, 'family-phone-full.png'), fullPage: true });
    await mobile.goto(`/impor/${messyId}`);
    await expect(mobile.getByRole('heading', { level: 2, name: /Laporan galat/ })).toBeVisible();
    await mobile.screenshot({ path: path.join(scratch, 'import-phone.png') });
    await mobile.screenshot({ path: path.join(scratch, 'import-phone-full.png'), fullPage: true });
    await phone.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('mentoring-cycle workspace screenshots (the seeded Bandengan demo) @screenshots', async ({ browser }) => {
  const desktop = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const page = await desktop.newPage();
  await login(page, 'mentor.dinkes');
  const pairings = (await (await page.request.get('/api/pairings')).json()) as {
    items: { id: number; villageName: string; year: number }[];
  };
  const bandengan = pairings.items.find((p) => p.villageName === 'Bandengan' && p.year === 2026);
  expect(bandengan).toBeDefined();
  for (const [slug, file, heading] of [
    ['rencana', 'screenshot-plan.png', /Rencana aksi/],
    ['laporan', 'screenshot-reports.png', /Laporan bulanan/],
    ['evaluasi', 'screenshot-evaluation.png', /Evaluasi Desember/],
  ] as const) {
    await page.goto(`/pendampingan/${bandengan?.id}/${slug}`);
    await expect(page.getByRole('heading', { name: heading }).first()).toBeVisible();
    await page.screenshot({ path: path.join(docs, file), fullPage: true });
  }
  await desktop.close();
});
