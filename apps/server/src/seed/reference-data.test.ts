import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Database, openDatabase, rows } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { loadRegions, readRegionsCsv, regionsCopyPayload } from './reference-data.ts';

/** A fresh, empty (migrated) database of the engine under test: reference loads start from nothing here. */
let database: Database;
let dropDb: (() => Promise<void>) | undefined;

beforeAll(async () => {
  if (inject('engine') === 'pglite') {
    database = await openDatabase({ engine: 'pglite', memory: true });
  } else {
    const admin = inject('pgAdminUrl');
    const name = `dampingan_t_${process.ppid}_${randomBytes(4).toString('hex')}`;
    const server = await openDatabase({ engine: 'pg', url: admin, poolMax: 1 });
    await server.exec(`CREATE DATABASE ${name}`);
    const u = new URL(admin);
    u.pathname = `/${name}`;
    database = await openDatabase({ engine: 'pg', url: u.toString() });
    dropDb = async () => {
      await server.exec(`DROP DATABASE ${name} WITH (FORCE)`);
      await server.close();
    };
  }
  await migrate(database);
});
afterAll(async () => {
  await database.close();
  await dropDb?.();
});

const count = async () => (await rows<{ n: number }>(database.db, sql`select count(*)::int as n from regions`))[0]?.n;

describe('region reference data', () => {
  it('builds one COPY row per Kemendagri region, with quoted names kept whole', () => {
    const { csv, rows: n } = regionsCopyPayload(readRegionsCsv());
    expect(n).toBe(91599);
    expect(csv).toContain('"Lubuk Pakam I,II"');
  });

  it('leaves nothing behind when a load dies half-way (transaction rolled back)', async () => {
    await expect(
      database.transaction(async (s) => {
        await s.copyCsv('regions', ['code', 'name', 'level', 'type', 'name_key', 'source'], '33,Jawa Tengah,1,provinsi,jawatengah,t\n');
        throw new Error('killed');
      }),
    ).rejects.toThrow('killed');
    expect(await count()).toBe(0);
  });

  it('loads once even when two starters race, then is a no-op', async () => {
    const results = await Promise.all([loadRegions(database), loadRegions(database)]);
    expect(results.map((r) => r.loaded).sort()).toEqual([0, 91599]);
    expect(await count()).toBe(91599);
    expect((await loadRegions(database)).loaded).toBe(0);
    const [kaliBaros] = await rows<{ name: string; parent_code: string; type: string }>(
      database.db,
      sql`select name, parent_code, type from regions where code = '33.75.02.1012'`,
    );
    expect(kaliBaros).toEqual({ name: 'Kali Baros', parent_code: '33.75.02', type: 'kelurahan' });
  });
});
