#!/usr/bin/env node
/**
 * `npm test`: every test, on both database engines, plus the browser tests.
 * Steps run in order; all run even if one fails; the last line sums the tests.
 * Needs: a PostgreSQL server (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
 * and Debian's Chromium at /usr/bin/chromium (CHROMIUM_PATH). Each check says how to get it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const tmp = path.join(root, '.tmp', 'test-results');
fs.mkdirSync(tmp, { recursive: true });
const only = process.argv.slice(2);

function requirements() {
  const problems = [];
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) {
    problems.push(
      `Browser tests need Debian's Chromium at ${chromium}: run  sudo apt-get update && sudo apt-get install -y chromium  (or set CHROMIUM_PATH). Never 'npx playwright install'.`,
    );
  }
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      `const pg=require('pg');const c=new pg.Client(${JSON.stringify(url)});c.connect().then(()=>c.end()).then(()=>process.exit(0),e=>{console.error(e.message);process.exit(1)})`,
    ],
    {
      cwd: path.join(root, 'apps/server'),
      encoding: 'utf8',
    },
  );
  if (probe.status !== 0) {
    problems.push(
      `The PostgreSQL suite needs a server at ${url} (${(probe.stderr || '').trim()}). ` +
        'Start one (Debian: sudo apt-get install -y postgresql && sudo pg_ctlcluster 15 main start) or set TEST_DATABASE_URL to a database the test user may CREATE DATABASE in.',
    );
  }
  return problems;
}

const vitestJson = (name) => path.join(tmp, `${name}.json`);
const steps = [
  { name: 'typecheck', cmd: ['npm', 'run', 'typecheck'], count: null },
  { name: 'lint', cmd: ['npx', 'biome', 'check', '.'], count: null },
  {
    name: 'contracts',
    cmd: [
      'npx',
      'vitest',
      'run',
      '--root',
      'packages/contracts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${vitestJson('contracts')}`,
    ],
    count: 'vitest',
  },
  {
    name: 'server-pglite',
    cmd: [
      'npx',
      'vitest',
      'run',
      '--root',
      'apps/server',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${vitestJson('server-pglite')}`,
    ],
    count: 'vitest',
  },
  {
    name: 'server-pg',
    env: { DB_ENGINE: 'pg' },
    cmd: [
      'npx',
      'vitest',
      'run',
      '--root',
      'apps/server',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${vitestJson('server-pg')}`,
    ],
    count: 'vitest',
  },
  {
    name: 'cli',
    cmd: ['npx', 'vitest', 'run', '--root', 'apps/cli', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson('cli')}`],
    count: 'vitest',
  },
  {
    name: 'web',
    cmd: ['npx', 'vitest', 'run', '--root', 'apps/web', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson('web')}`],
    count: 'vitest',
  },
  {
    name: 'e2e',
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: vitestJson('e2e') },
    cmd: ['npm', 'test', '-w', '@dampingan/e2e', '--', '--reporter=list,json'],
    count: 'playwright',
  },
].filter((s) => only.length === 0 || only.includes(s.name));

const problems = requirements();
if (problems.length) {
  for (const p of problems) console.error(`\n✗ ${p}`);
  console.error('\nNothing is skipped silently: fix the above, then run npm test again.');
  process.exit(1);
}

let passed = 0;
let failed = 0;
const summary = [];
for (const step of steps) {
  const file = vitestJson(step.name);
  fs.rmSync(file, { force: true });
  console.log(`\n━━ ${step.name}: ${step.cmd.join(' ')}`);
  const t0 = Date.now();
  const res = spawnSync(step.cmd[0], step.cmd.slice(1), { cwd: root, stdio: 'inherit', env: { ...process.env, ...(step.env ?? {}) } });
  const ok = res.status === 0;
  let counts = '';
  if (step.count && fs.existsSync(file)) {
    const j = JSON.parse(fs.readFileSync(file, 'utf8'));
    const p = step.count === 'vitest' ? j.numPassedTests : (j.stats?.expected ?? 0) + (j.stats?.flaky ?? 0);
    const f = step.count === 'vitest' ? j.numFailedTests : (j.stats?.unexpected ?? 0);
    passed += p;
    failed += f;
    counts = ` (${p} passed, ${f} failed)`;
  } else if (step.count) {
    failed += 1;
    counts = ' (no result file: the runner did not finish)';
  }
  if (!ok && !counts.includes('failed)')) failed += step.count ? 0 : 1;
  if (!ok && step.count && counts.endsWith(' 0 failed)')) failed += 1; // runner failed outside a test
  summary.push(`${ok ? '✓' : '✗'} ${step.name}${counts} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
console.log(`\n━━ summary\n${summary.join('\n')}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || summary.some((s) => s.startsWith('✗')) ? 1 : 0);
