/**
 * The CLI as a user runs it: real processes on a real embedded data directory.
 * Covers the one-owner rule of the embedded database (a CLI command is refused while the
 * server holds the data directory, and works again after the server stops or is killed).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/dampingan.mjs', import.meta.url));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dampingan-cli-'));
const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', SCOPE: '33.75' };

function cli(args: string[], input?: string) {
  const res = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', input, timeout: 90_000 });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

function startServer(): Promise<{ proc: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [bin, 'serve'], { env: { ...env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let buf = '';
    const onData = (d: Buffer) => {
      buf += d.toString();
      const m = /ready in \d+ ms on http:\/\/[^:]+:(\d+)/.exec(buf);
      if (m) resolve({ proc, port: Number(m[1]) });
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.on('exit', (code) => reject(new Error(`server exited ${code}: ${buf}`)));
  });
}

const exited = (p: ChildProcess) => new Promise((r) => p.once('exit', r));

beforeAll(() => {
  // First command on a fresh data directory: migrations and reference data.
  const res = cli(['migrate']);
  expect(res.code, res.err).toBe(0);
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('dampingan CLI', () => {
  it('--help lists the commands; an unknown command exits 2', () => {
    const help = cli(['--help']);
    expect(help.code).toBe(0);
    for (const c of ['serve', 'migrate', 'status', 'admin create', 'regions search', 'demo seed']) expect(help.out).toContain(c);
    const bad = cli(['frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('Unknown command "frobnicate"');
  });

  it('searches regions with spelling variants', () => {
    const res = cli(['regions', 'search', 'Kalibaros']);
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/33\.75\.02\.1012\s+kelurahan\s+Kali Baros/);
  });

  it('creates the first admin once, with a one-time password; a second is refused', async () => {
    const first = cli(['admin', 'create', '--username', 'kepala.bappeda', '--name', 'Kepala Bappeda']);
    expect(first.code, first.err).toBe(0);
    const password = first.out.trim().split('\n').at(-1) as string;
    expect(password.length).toBeGreaterThanOrEqual(16);
    const second = cli(['admin', 'create', '--username', 'lain', '--name', 'Lain'], 'Another-password-1');
    expect(second.code).toBe(1);
    expect(second.err).toContain('An admin already exists');

    const { proc, port } = await startServer();
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'kepala.bappeda', password }),
      });
      expect(res.status).toBe(200);
      const me = (await res.json()) as { user: { role: string; mustChangePassword: boolean } };
      expect(me.user.role).toBe('admin');
      expect(me.user.mustChangePassword).toBe(true);
    } finally {
      proc.kill('SIGTERM');
      await exited(proc);
    }
  });

  it('refuses to open the embedded database while the server holds it, naming the holder', async () => {
    const { proc } = await startServer();
    try {
      const res = cli(['status']);
      expect(res.code).toBe(3);
      expect(res.err).toContain(`in use by "dampingan server" (pid ${proc.pid}`);
    } finally {
      proc.kill('SIGTERM');
      await exited(proc);
    }
    const after = cli(['status']);
    expect(after.code, after.err).toBe(0);
    expect(JSON.parse(after.out)).toMatchObject({ engine: 'pglite', regions: 91599, opds: 24, villagesInScope: 27 });
  });

  it('recovers the lock left by a killed server (SIGKILL) and keeps the data', async () => {
    const { proc } = await startServer();
    proc.kill('SIGKILL');
    await exited(proc);
    expect(fs.existsSync(path.join(dataDir, 'dampingan.lock'))).toBe(true);
    const res = cli(['status']);
    expect(res.code, res.err).toBe(0);
    expect(JSON.parse(res.out).users).toBe(1);
  });
});
