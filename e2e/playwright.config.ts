import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const here = path.dirname(fileURLToPath(import.meta.url));

// Real Debian Chromium: these tests never download a browser.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  throw new Error(`System Chromium not found at ${chromium}. Install it with: apt-get install -y chromium (or set CHROMIUM_PATH).`);
}

const PORT = Number(process.env.E2E_PORT ?? 4310);
export const BASE_URL = `http://127.0.0.1:${PORT}`;

// A fresh embedded database per run. Playwright loads this file again in its worker processes,
// so the directory is chosen once and handed down through the environment.
if (!process.env.E2E_DATA_DIR) {
  const root = path.join(here, '.data');
  if (existsSync(root)) {
    for (const old of readdirSync(root)) if (old.startsWith('run-')) rmSync(path.join(root, old), { recursive: true, force: true });
  }
  process.env.E2E_DATA_DIR = path.join(root, `run-${Date.now()}`);
  mkdirSync(process.env.E2E_DATA_DIR, { recursive: true });
}

export default defineConfig({
  testDir: './tests',
  // One embedded database behind one server: tests run one at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  outputDir: './test-results',
  use: {
    baseURL: BASE_URL,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'npx tsx ../apps/server/src/main.ts',
    cwd: here,
    url: `${BASE_URL}/api/health`,
    timeout: 120_000,
    // E2E_REUSE=1 with E2E_PORT pointing at a running demo server: quick iterations while writing a test
    reuseExistingServer: process.env.E2E_REUSE === '1',
    stdout: 'pipe',
    stderr: 'pipe',
    // A small synthetic registry keeps start-up quick (the default is 10,000 families).
    env: { DEMO: 'true', DEMO_FAMILIES: '2000', PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: process.env.E2E_DATA_DIR },
  },
});
