/**
 * Opens the database: embedded PGlite (default, a data directory) or a PostgreSQL server
 * (DATABASE_URL). Both speak the same SQL through the same Drizzle schema; `copyCsv` is the
 * one place where the two drivers differ (bulk loads use COPY, see docs/decisions/0003).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { acquireDataDirLock, type DataDirLock } from './lock.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Repositories accept either, so a service decides the transaction boundary. */
export type DbOrTx = Db | Tx;

/**
 * One connection inside one transaction, with COPY: what a bulk load needs to be all-or-nothing
 * (a killed process leaves no half state). On PGlite the transaction holds the only connection,
 * so other queries wait until it ends.
 */
export interface Session {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  exec(text: string): Promise<void>;
  /** COPY CSV (no header) into `table(columns)`; returns rows loaded. */
  copyCsv(table: string, columns: readonly string[], csv: string | Buffer): Promise<number>;
}

export interface Database {
  readonly engine: 'pglite' | 'pg';
  readonly db: Db;
  /** Human description for logs: the data directory or the server URL without password. */
  readonly location: string;
  /** Bulk load CSV text (no header) into `table(columns)` with COPY; returns rows loaded. */
  copyCsv(table: string, columns: readonly string[], csv: string | Buffer): Promise<number>;
  /** Runs `fn` in one transaction on one connection; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (s: Session) => Promise<T>): Promise<T>;
  /** Run raw SQL text (several statements allowed); used by migrations and benches. */
  exec(sqlText: string): Promise<void>;
  close(): Promise<void>;
  /** The driver underneath, for the few places that need it (migration lock, benches). */
  readonly raw: { pglite?: PGlite; pool?: pg.Pool };
}

export type OpenOptions =
  | { engine: 'pglite'; dataDir: string; owner: string; lock?: boolean }
  | { engine: 'pglite'; memory: true; loadDataDir?: Blob }
  | { engine: 'pg'; url: string; poolMax?: number };

const quoteIdent = (s: string) => `"${s.replaceAll('"', '""')}"`;

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.engine === 'pg') return openPg(opts.url, opts.poolMax ?? 10);
  let lock: DataDirLock | undefined;
  let client: PGlite;
  let location: string;
  if ('memory' in opts) {
    client = await PGlite.create({ extensions: { pg_trgm }, ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}) });
    location = 'memory://';
  } else {
    const dir = path.resolve(opts.dataDir);
    fs.mkdirSync(dir, { recursive: true });
    if (opts.lock !== false) lock = acquireDataDirLock(dir, opts.owner);
    try {
      client = await PGlite.create({ dataDir: path.join(dir, 'pgdata'), extensions: { pg_trgm } });
    } catch (err) {
      lock?.release();
      throw err;
    }
    location = dir;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    engine: 'pglite',
    db,
    location,
    raw: { pglite: client },
    async copyCsv(table, columns, csv) {
      const cols = columns.map(quoteIdent).join(', ');
      const blob = new Blob([typeof csv === 'string' ? csv : new Uint8Array(csv)]);
      const res = await client.query(`COPY ${quoteIdent(table)} (${cols}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
        blob,
      });
      return res.affectedRows ?? 0;
    },
    async exec(text) {
      await client.exec(text);
    },
    transaction(fn) {
      return client.transaction(async (tx) =>
        fn({
          async query<T>(text: string, params?: unknown[]) {
            return (await tx.query<T>(text, params)).rows;
          },
          async exec(text: string) {
            await tx.exec(text);
          },
          async copyCsv(table: string, columns: readonly string[], csv: string | Buffer) {
            const cols = columns.map(quoteIdent).join(', ');
            const blob = new Blob([typeof csv === 'string' ? csv : new Uint8Array(csv)]);
            const res = await tx.query(`COPY ${quoteIdent(table)} (${cols}) FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob });
            return res.affectedRows ?? 0;
          },
        }),
      );
    },
    async close() {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

async function openPg(url: string, poolMax: number): Promise<Database> {
  // JIT off: the app's queries are short and many; compiling them costs more than it saves
  // (measured: 36 ms of a 65 ms indicator query in bench/workspace.ts). PGlite has no JIT.
  const pool = new pg.Pool({ connectionString: url, max: poolMax, options: '-c jit=off' });
  // An idle client can be cut by the server (restart, failover, DROP DATABASE … FORCE). Without a
  // listener node-postgres re-throws that as an unhandled error and the process dies; the pool
  // replaces the client on next use, so log it and carry on.
  pool.on('error', (err: Error & { code?: string }) => {
    if (err.code !== '57P01') console.error(`[dampingan] idle database connection lost: ${err.message}`);
  });
  // Fail early with a readable message rather than at the first request.
  const probe = await pool.connect();
  probe.release();
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  const safeUrl = url.replace(/:\/\/([^:@/]+):[^@/]*@/, '://$1:***@');
  return {
    engine: 'pg',
    db,
    location: safeUrl,
    raw: { pool },
    async copyCsv(table, columns, csv) {
      const cols = columns.map(quoteIdent).join(', ');
      const conn = await pool.connect();
      try {
        const stream = conn.query(copyFrom(`COPY ${quoteIdent(table)} (${cols}) FROM STDIN WITH (FORMAT csv)`));
        await pipeline(Readable.from([typeof csv === 'string' ? Buffer.from(csv) : csv]), stream);
        return stream.rowCount ?? 0;
      } finally {
        conn.release();
      }
    },
    async exec(text) {
      await pool.query(text);
    },
    async transaction(fn) {
      const conn = await pool.connect();
      try {
        await conn.query('BEGIN');
        const result = await fn({
          async query<T>(text: string, params?: unknown[]) {
            return (await conn.query(text, params)).rows as T[];
          },
          async exec(text: string) {
            await conn.query(text);
          },
          async copyCsv(table: string, columns: readonly string[], csv: string | Buffer) {
            const cols = columns.map(quoteIdent).join(', ');
            const stream = conn.query(copyFrom(`COPY ${quoteIdent(table)} (${cols}) FROM STDIN WITH (FORMAT csv)`));
            await pipeline(Readable.from([typeof csv === 'string' ? Buffer.from(csv) : csv]), stream);
            return stream.rowCount ?? 0;
          },
        });
        await conn.query('COMMIT');
        return result;
      } catch (err) {
        await conn.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        conn.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/** `select` helper returning plain rows for raw SQL, identical on both drivers. */
export async function rows<T>(db: DbOrTx, query: ReturnType<typeof sql>): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}
