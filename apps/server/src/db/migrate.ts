import { fileURLToPath } from 'node:url';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Database } from './client.ts';

export const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

/**
 * Applies pending migrations. On PostgreSQL an advisory lock serialises concurrent starters
 * (two server replicas, or the CLI while a server starts); PGlite is guarded by its lock file.
 */
export async function migrate(database: Database): Promise<void> {
  if (database.engine === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  const pool = database.raw.pool;
  if (!pool) throw new Error('pg pool missing');
  const lockConn = await pool.connect();
  try {
    await lockConn.query('select pg_advisory_lock(727001)');
    await migrateNodePg(database.db as unknown as NodePgDatabase, { migrationsFolder });
  } finally {
    await lockConn.query('select pg_advisory_unlock(727001)').catch(() => undefined);
    lockConn.release();
  }
}
