import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { sweepAbandonedImports } from './modules/registry/registry.import.ts';
import { loadBoundaries, loadRegions, seedPekalonganOpds } from './seed/reference-data.ts';

export interface Timings {
  openMs: number;
  migrateMs: number;
  regionsMs: number;
  boundariesMs: number;
  regionsLoaded: number;
}

/** Opens the configured database, applies migrations and loads the reference data once. */
export async function bootstrap(
  config: Config,
  owner: string,
  log: (m: string) => void = () => {},
): Promise<{ database: Database; timings: Timings }> {
  let t = performance.now();
  const database = config.databaseUrl
    ? await openDatabase({ engine: 'pg', url: config.databaseUrl })
    : await openDatabase({ engine: 'pglite', dataDir: config.dataDir, owner });
  const openMs = performance.now() - t;
  try {
    t = performance.now();
    await migrate(database);
    const migrateMs = performance.now() - t;
    t = performance.now();
    const regions = await loadRegions(database);
    const regionsMs = performance.now() - t;
    if (regions.loaded) log(`loaded ${regions.loaded} Kemendagri regions in ${Math.round(regions.ms)} ms`);
    t = performance.now();
    await loadBoundaries(database, config.scope);
    const boundariesMs = performance.now() - t;
    // An import killed with its process left a `running` record and staged rows: the registry itself
    // is untouched (it changes only in the import's final transaction). On PGlite this process is the
    // only owner, so every running import is dead; on PostgreSQL only those without a heartbeat.
    const swept = await sweepAbandonedImports(database, { all: database.engine === 'pglite' });
    if (swept) log(`marked ${swept} interrupted import(s) as aborted`);
    const opds = await seedPekalonganOpds(database, config.scope);
    if (opds.inserted) log(`seeded ${opds.inserted} sourced Kota Pekalongan OPDs`);
    return { database, timings: { openMs, migrateMs, regionsMs, boundariesMs, regionsLoaded: regions.loaded } };
  } catch (err) {
    await database.close();
    throw err;
  }
}
