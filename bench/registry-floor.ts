/**
 * The floor of a registry import: the least any importer storing this schema must pay to write the
 * end state of an import, measured on the database an import just filled. Not a bench by itself;
 * `registry-import.ts` runs it after the re-import (skip with --skip-floor).
 *
 * The registry's rows (`families`, `persons`, `family_snapshots`, all of them, exactly as the import
 * left them) are COPYed out to files (not timed), then COPYed into empty clones of the three tables
 * (timed), two ways:
 *   - `maintained`: clones made `like … including all` (primary key, unique and secondary indexes,
 *     the trigram GIN, checks, defaults), the indexes kept up row by row during the COPY;
 *   - `built after`: clones with defaults and checks only; COPY; then every index of the real table
 *     (primary key included) created on the clone, as a bulk load would.
 * The floor is the faster of the two. Foreign keys are left out of both (so the floor is, if
 * anything, too low), as are parsing, validation, deduplication, history comparison and the
 * staging of the file: all the work that makes it an import rather than a restore.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '@dampingan/server';
import { copyFileIn, copyQueryOut, countRows, query } from './registry-common.ts';

export const FLOOR_TABLES = ['families', 'persons', 'family_snapshots'] as const;

export interface FloorFigures {
  /** COPY into clones with every index kept up during the load */
  maintainedMs: number;
  /** COPY into bare clones, then every index built */
  builtAfterMs: number;
  /** the faster of the two */
  floorMs: number;
  rows: Record<(typeof FLOOR_TABLES)[number], number>;
  bytes: number;
}

const now = () => performance.now();

async function indexDefs(database: Database, table: string): Promise<string[]> {
  const defs = await query<{ def: string }>(
    database,
    `select pg_get_indexdef(i.indexrelid) as def from pg_index i where i.indrelid = $1::regclass order by i.indexrelid`,
    [table],
  );
  // `CREATE [UNIQUE] INDEX name ON [ONLY] public.table USING …` → the same index on the clone
  return defs.map(({ def }) =>
    def
      .replace(/^(CREATE (?:UNIQUE )?INDEX )(\S+)/, (_, head: string, name: string) => `${head}floor_${name.replaceAll('"', '')}`)
      .replace(/ ON (ONLY )?(public\.)?(\S+) USING /, (_m, only: string | undefined, schema: string | undefined) => {
        return ` ON ${only ?? ''}${schema ?? ''}floor_${table} USING `;
      }),
  );
}

async function loadAll(database: Database, files: Record<string, string>): Promise<number> {
  let ms = 0;
  for (const table of FLOOR_TABLES) {
    const file = files[table] as string;
    const t = now();
    await copyFileIn(database, `floor_${table}`, file, 'text');
    ms += now() - t;
  }
  return ms;
}

async function dropClones(database: Database): Promise<void> {
  await database.exec(FLOOR_TABLES.map((t) => `drop table if exists floor_${t}`).join('; '));
}

export async function measureFloor(database: Database, dir: string): Promise<FloorFigures> {
  const files: Record<string, string> = {};
  const rows = {} as FloorFigures['rows'];
  let bytes = 0;
  for (const table of FLOOR_TABLES) {
    files[table] = path.join(dir, `floor-${table}.tsv`);
    bytes += await copyQueryOut(database, `select * from ${table}`, files[table] as string);
    rows[table] = await countRows(database, table);
  }
  try {
    await dropClones(database);
    await database.exec(FLOOR_TABLES.map((t) => `create table floor_${t} (like ${t} including all)`).join('; '));
    await database.exec('checkpoint');
    const maintainedMs = await loadAll(database, files);
    for (const table of FLOOR_TABLES) {
      const n = await countRows(database, `floor_${table}`);
      if (n !== rows[table]) throw new Error(`floor (maintained): floor_${table} holds ${n} rows, ${table} ${rows[table]}`);
    }
    await dropClones(database);
    await database.exec('checkpoint');

    await database.exec(
      FLOOR_TABLES.map((t) => `create table floor_${t} (like ${t} including defaults including constraints including generated)`).join(
        '; ',
      ),
    );
    const defs: string[] = [];
    for (const table of FLOOR_TABLES) defs.push(...(await indexDefs(database, table)));
    await database.exec('checkpoint');
    let builtAfterMs = await loadAll(database, files);
    const t = now();
    for (const def of defs) await database.exec(def);
    builtAfterMs += now() - t;
    for (const table of FLOOR_TABLES) {
      const n = await countRows(database, `floor_${table}`);
      if (n !== rows[table]) throw new Error(`floor (built after): floor_${table} holds ${n} rows, ${table} ${rows[table]}`);
    }
    return { maintainedMs, builtAfterMs, floorMs: Math.min(maintainedMs, builtAfterMs), rows, bytes };
  } finally {
    await dropClones(database);
    for (const f of Object.values(files)) fs.rmSync(f, { force: true });
    await database.exec('checkpoint');
  }
}
