/**
 * Builds one seeded template database per test run (migrations + all 91,599 regions +
 * Kota Pekalongan boundaries and OPDs); each test file then starts from a copy of it:
 * PGlite: a dumped data directory loaded in memory; PostgreSQL: CREATE DATABASE ... TEMPLATE.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { loadBoundaries, loadRegions, seedPekalonganOpds } from '../seed/reference-data.ts';

export const TEST_SCOPE = '33.75';

export function pgAdminUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

function withDb(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    engine: 'pglite' | 'pg';
    pgliteTemplate: string;
    pgTemplateDb: string;
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const engine = process.env.DB_ENGINE === 'pg' ? 'pg' : 'pglite';
  project.provide('engine', engine);
  project.provide('pgAdminUrl', pgAdminUrl());
  if (engine === 'pglite') {
    const file = path.resolve('.tmp', `template-${process.pid}.tar.gz`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const database = await openDatabase({ engine: 'pglite', memory: true });
    await migrate(database);
    await loadRegions(database);
    await loadBoundaries(database, TEST_SCOPE);
    await seedPekalonganOpds(database, TEST_SCOPE);
    const pglite = database.raw.pglite;
    if (!pglite) throw new Error('no pglite');
    const dump = await pglite.dumpDataDir('gzip');
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    await database.close();
    project.provide('pgliteTemplate', file);
    project.provide('pgTemplateDb', '');
    return () => fs.rmSync(file, { force: true });
  }

  const admin = pgAdminUrl();
  let server: Awaited<ReturnType<typeof openDatabase>>;
  try {
    server = await openDatabase({ engine: 'pg', url: admin, poolMax: 2 });
  } catch (err) {
    throw new Error(
      `The PostgreSQL test suite needs a server at ${admin} (set TEST_DATABASE_URL to change it). ` +
        'On Debian: apt-get install -y postgresql && pg_ctlcluster 15 main start. ' +
        `Cause: ${(err as Error).message}`,
    );
  }
  const tpl = `dampingan_tpl_${process.pid}`;
  await server.exec(`DROP DATABASE IF EXISTS ${tpl}`);
  await server.exec(`CREATE DATABASE ${tpl}`);
  const database = await openDatabase({ engine: 'pg', url: withDb(admin, tpl), poolMax: 2 });
  await migrate(database);
  await loadRegions(database);
  await loadBoundaries(database, TEST_SCOPE);
  await seedPekalonganOpds(database, TEST_SCOPE);
  await database.close();
  project.provide('pgliteTemplate', '');
  project.provide('pgTemplateDb', tpl);
  return async () => {
    // Drop the per-file copies and the template.
    const res = (await server.db.execute(
      (
        await import('drizzle-orm')
      ).sql`select datname from pg_database where datname like ${`dampingan_t_${process.pid}_%`} or datname = ${tpl}`,
    )) as unknown as { rows: { datname: string }[] };
    for (const r of res.rows) await server.exec(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
    await server.close();
  };
}
