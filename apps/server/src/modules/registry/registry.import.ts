/**
 * One import pipeline for both front doors (web upload, CLI):
 *   stream the file -> parse (CSV/XLSX) -> map headers -> validate each row ->
 *   COPY valid rows into registry_stage and issues into registry_import_issues (in chunks) ->
 *   in ONE transaction: in-file duplicates, merge into the registry, import record completed.
 * Crash semantics: the registry changes only in that final transaction, so an import killed at
 * any moment leaves the registry exactly as before; its staged rows are swept and its record
 * marked `aborted` when a server or CLI command next starts. Re-running it gives the end state an
 * uninterrupted run would have given. Dry run = the same transaction, rolled back.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { type ImportSummary, programDate, type RegistryRecord, type RowIssue, type SourceKind } from '@dampingan/contracts';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { csvField, csvLine } from '../../lib/csv.ts';
import { nameKey } from '../regions/region-name.ts';
import { mapHeaders } from './import/header-map.ts';
import { readCsvRows } from './import/parse-csv.ts';
import { readXlsxRows } from './import/parse-xlsx.ts';
import { createFamilyMemo, normalizeRow } from './import/validate.ts';
import { loadRegionContext } from './region-resolver.ts';
import { mergeStaged } from './registry.merge.ts';
import { FAMILY_FIELDS, PERSON_FIELDS, STAGE_COLUMNS } from './registry-fields.ts';

export interface ImportOptions {
  filePath: string;
  fileName: string;
  sourceKind: SourceKind;
  period: string;
  datasetLabel?: string | null;
  dryRun?: boolean;
  /** false for a partial file (one RT, a survey): absent families are not flagged */
  fullSnapshot?: boolean;
  mapping?: Record<string, string | null> | null;
  startedBy?: number | null;
  scope: string;
  onProgress?: (p: ImportProgress) => void;
  /** called once the import record exists (the web answers 202 with this id) */
  onStarted?: (importId: number) => void;
  /** test hook: called after each staged chunk (e.g. to kill the process mid-import) */
  afterChunk?: (chunk: number) => void | Promise<void>;
}

export interface ImportProgress {
  importId: number;
  phase: 'reading' | 'merging' | 'done';
  bytesRead: number;
  fileBytes: number;
  rowsRead: number;
  rejectedRows: number;
}

const CHUNK_ROWS = 20_000;
/**
 * Bytes per read of the file. Below Node's 1 MB limit for decoding into "external" strings: a
 * 1 MB piece decodes to an external string, kept alive by the field slices of its rows and freed
 * only by a full GC, so the importer's RSS climbed by hundreds of MB between collections
 * (measured with bench/registry-import.ts --memory-trace). Smaller pieces stay on the V8 heap,
 * where the collector sees them.
 */
const READ_CHUNK_BYTES = 512 * 1024;
const ISSUE_COLUMNS = ['import_id', 'row', 'column', 'field', 'value', 'code', 'severity', 'message', 'message_en'] as const;

class Rollback extends Error {}

/**
 * Crash test hook (tests only): DAMPINGAN_TEST_SIGKILL_AT=chunk:N kills this process with SIGKILL
 * after the N-th staged chunk; =merge kills it inside the final transaction, before its commit;
 * =merge:bulk kills it inside a bulk merge, right after the indexes and foreign keys were dropped.
 */
function crashPoint(at: string): void {
  if (process.env.DAMPINGAN_TEST_SIGKILL_AT === at) process.kill(process.pid, 'SIGKILL');
}

async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of fs.createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

async function isXlsx(path: string): Promise<boolean> {
  const fd = await fs.promises.open(path, 'r');
  try {
    const buf = Buffer.alloc(4);
    await fd.read(buf, 0, 4, 0);
    return buf[0] === 0x50 && buf[1] === 0x4b; // "PK": a zip container
  } finally {
    await fd.close();
  }
}

type Cell = string | number | boolean | null;

const getter = (column: string): ((r: RegistryRecord) => Cell) => {
  if (column === 'no_kk') return (r) => r.noKk;
  if (column === 'nik') return (r) => r.nik;
  const def = [...FAMILY_FIELDS, ...PERSON_FIELDS].find((d) => d.column === column);
  if (!def) throw new Error(`no field for staging column ${column}`);
  if (def.field === 'nameKey') return (r) => nameKey(r.name);
  const field = def.field as keyof RegistryRecord;
  if (def.kind === 'json') return (r) => (r[field] == null ? null : JSON.stringify(r[field]));
  return (r) => (r[field] ?? null) as Cell;
};
/**
 * One extractor per staging column, built once: the staging line is written for every row
 * (3.5 M at province scale), so no per-row lookups. The family's columns (no_kk and the family
 * fields, after import_id and row) repeat on every row of a family: their CSV is reused while the
 * values stay the same.
 */
const FAMILY_COLUMNS = 1 + FAMILY_FIELDS.length;
const FAMILY_GETTERS = STAGE_COLUMNS.slice(2, 2 + FAMILY_COLUMNS).map(getter);
const PERSON_GETTERS = STAGE_COLUMNS.slice(2 + FAMILY_COLUMNS).map(getter);
const FAMILY_KEYS = ['noKk', ...FAMILY_FIELDS.map((d) => d.field)] as (keyof RegistryRecord)[];
let lastFamily: RegistryRecord | null = null;
let lastFamilyCsv = '';

export function stageLine(importId: number, row: number, r: RegistryRecord): string {
  let same = lastFamily !== null;
  if (same) {
    for (const k of FAMILY_KEYS) {
      if ((lastFamily as RegistryRecord)[k] !== r[k]) {
        same = false;
        break;
      }
    }
  }
  if (!same) {
    const family: string[] = [];
    for (const get of FAMILY_GETTERS) family.push(csvField(get(r)));
    lastFamily = r;
    lastFamilyCsv = family.join(',');
  }
  const values: string[] = [String(importId), String(row), lastFamilyCsv];
  for (const get of PERSON_GETTERS) values.push(csvField(get(r)));
  return `${values.join(',')}\n`;
}

function issueLine(importId: number, i: RowIssue, severity: 'error' | 'warning'): string {
  return csvLine([importId, i.row, i.column, i.field, i.value.slice(0, 500), i.code, severity, i.message, i.messageEn]);
}

/**
 * Marks imports whose process died (no heartbeat for 2 minutes, or any `running` at a PGlite start)
 * as aborted. A merging import holds its record's row lock, so it is skipped however old its heartbeat.
 */
export async function sweepAbandonedImports(database: Database, opts: { all?: boolean } = {}): Promise<number> {
  const stale = (await database.db.execute(sql`
    update registry_imports set status = 'aborted', finished_at = now(), error = 'process ended before the import finished'
    where id in (select id from registry_imports
                 where status = 'running' and (${opts.all ?? false} or heartbeat_at < now() - interval '2 minutes')
                 for update skip locked)
    returning id`)) as unknown as { rows: { id: number }[] };
  for (const r of stale.rows) {
    await database.db.execute(sql`delete from registry_stage where import_id = ${r.id}`);
  }
  return stale.rows.length;
}

export async function runImport(database: Database, opts: ImportOptions): Promise<ImportSummary> {
  const t0 = performance.now();
  const fileBytes = (await fs.promises.stat(opts.filePath)).size;
  const fileSha256 = await sha256File(opts.filePath);
  const synthetic = opts.sourceKind === 'synthetic';
  const [rec] = (
    (await database.db.execute(sql`
      insert into registry_imports (source_kind, dataset_label, period, file_name, file_sha256, file_bytes, status, dry_run,
        synthetic, full_snapshot, mapping, phase, started_by)
      values (${opts.sourceKind}, ${opts.datasetLabel ?? null}, ${opts.period}, ${opts.fileName}, ${fileSha256}, ${fileBytes},
        'running', ${opts.dryRun ?? false}, ${synthetic}, ${opts.fullSnapshot ?? true},
        ${opts.mapping ? JSON.stringify(opts.mapping) : null}::jsonb, 'reading', ${opts.startedBy ?? null})
      returning id`)) as unknown as { rows: { id: number }[] }
  ).rows;
  if (!rec) throw new Error('could not create the import record');
  const importId = rec.id;
  opts.onStarted?.(importId);

  try {
    const ctx = await loadRegionContext(database.db, opts.scope);
    const today = programDate(new Date());
    let bytesRead = 0;
    const counted = async function* (): AsyncGenerator<Buffer> {
      for await (const chunk of fs.createReadStream(opts.filePath, { highWaterMark: READ_CHUNK_BYTES })) {
        bytesRead += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
    };
    const rowsIter = (await isXlsx(opts.filePath)) ? readXlsxRows(opts.filePath) : readCsvRows(counted());

    let headers: string[] | null = null;
    let columns: ReturnType<typeof mapHeaders>['columns'] = [];
    let rowsRead = 0;
    const rejected = new Set<number>();
    const familyMemo = createFamilyMemo();
    let stage = '';
    let stageRows = 0;
    let issues = '';
    let chunk = 0;
    let pending: Promise<unknown> = Promise.resolve();
    let lastBeat = performance.now();

    const flush = async () => {
      // One COPY in flight while the next chunk is parsed: parsing and loading overlap.
      await pending;
      const s = stage;
      const iss = issues;
      stage = '';
      issues = '';
      stageRows = 0;
      pending = (async () => {
        if (s) await database.copyCsv('registry_stage', STAGE_COLUMNS, s);
        if (iss) await database.copyCsv('registry_import_issues', ISSUE_COLUMNS, iss);
        await database.db.execute(
          sql`update registry_imports set bytes_read = ${bytesRead}, rows_read = ${rowsRead}, rejected_rows = ${rejected.size}, heartbeat_at = now() where id = ${importId}`,
        );
      })();
      chunk += 1;
      crashPoint(`chunk:${chunk}`);
      opts.onProgress?.({ importId, phase: 'reading', bytesRead, fileBytes, rowsRead, rejectedRows: rejected.size });
      await opts.afterChunk?.(chunk);
    };

    for await (const { row, cells, numeric, problem } of rowsIter) {
      if (!headers) {
        headers = cells.map((c) => c.trim());
        const mapped = mapHeaders(headers, opts.mapping ?? undefined);
        columns = mapped.columns;
        if (mapped.missingRequired.length > 0) {
          const list = mapped.missingRequired.join(', ');
          throw new ImportRejected(
            `Kolom wajib tidak ditemukan: ${list}. Kolom di berkas: ${headers.join(', ')}. Simpan pemetaan kolom untuk format ini.`,
            `Required columns not found: ${list}. Columns in the file: ${headers.join(', ')}. Save a column mapping for this layout.`,
          );
        }
        continue;
      }
      rowsRead += 1;
      const res = normalizeRow(cells, columns, { row, headers, today, numeric, problem, ...ctx, familyMemo });
      let rowRejected = false;
      for (const i of res.issues) {
        const severity = i.code.startsWith('warn_') ? 'warning' : 'error';
        if (severity === 'error') rowRejected = true;
        issues += issueLine(importId, i, severity);
      }
      if (rowRejected || !res.record) rejected.add(row);
      else {
        stage += stageLine(importId, row, res.record);
        stageRows += 1;
      }
      if (stageRows >= CHUNK_ROWS || issues.length > 4_000_000) await flush();
      else if (rowsRead % 1000 === 0 && performance.now() - lastBeat > 500) {
        // Between chunks: keep the progress bar moving (twice a second at most).
        lastBeat = performance.now();
        opts.onProgress?.({ importId, phase: 'reading', bytesRead, fileBytes, rowsRead, rejectedRows: rejected.size });
        void database.db
          .execute(
            sql`update registry_imports set bytes_read = ${bytesRead}, rows_read = ${rowsRead}, rejected_rows = ${rejected.size}, heartbeat_at = now() where id = ${importId}`,
          )
          .catch(() => undefined);
      }
    }
    if (!headers) throw new ImportRejected('Berkas kosong', 'The file is empty');
    await flush();
    await pending;
    opts.onProgress?.({ importId, phase: 'merging', bytesRead: fileBytes, fileBytes, rowsRead, rejectedRows: rejected.size });
    await database.db.execute(sql`update registry_imports set phase = 'merging', heartbeat_at = now() where id = ${importId}`);

    let mergeIssues: Record<string, string | number | null>[] = [];
    let result: { counts: Awaited<ReturnType<typeof mergeStaged>>['counts']; dupRows: number } | undefined;
    try {
      await database.transaction(async (s) => {
        // The merge sends no heartbeat: holding its record's row lock until commit keeps a sweep
        // (which skips locked records) from aborting it and deleting its staged rows mid-merge.
        await s.query('select id from registry_imports where id = $1 for update', [importId]);
        // In-file duplicates are found by SQL inside the merge (memory stays flat: no Map in this process).
        const { counts, inFileDuplicates: dupRows } = await mergeStaged(s, {
          importId,
          period: opts.period,
          sourceKind: opts.sourceKind,
          synthetic,
          fullSnapshot: opts.fullSnapshot ?? true,
          afterBulkDrop: () => crashPoint('merge:bulk'),
        });
        result = { counts, dupRows };
        crashPoint('merge');
        const rejectedRows = rejected.size + result.dupRows + counts.rejectedInMerge;
        await s.query(
          `update registry_imports set status = $2, phase = 'done', rows_read = $3, rejected_rows = $4, counts = $5::jsonb,
             bytes_read = file_bytes, finished_at = now() where id = $1`,
          [importId, opts.dryRun ? 'dry_run' : 'completed', rowsRead, rejectedRows, JSON.stringify(counts)],
        );
        if (opts.dryRun) {
          mergeIssues = await s.query<Record<string, string | number | null>>(
            `select row, "column", field, value, code, severity, message, message_en from registry_import_issues
             where import_id = $1 and code in ('nik_duplicate_in_file', 'person_in_two_families', 'nik_in_other_family')`,
            [importId],
          );
          throw new Rollback();
        }
      });
    } catch (err) {
      if (!(err instanceof Rollback)) throw err;
    }
    if (!result) throw new Error('merge produced no result');
    if (!opts.dryRun && result.counts.families.inserted + result.counts.persons.inserted > 10_000) {
      // Fresh planner statistics after a large load: without them the first searches on a new
      // province registry pick sequential scans (measured in bench/registry-search.ts).
      await database.exec('analyze families; analyze persons; analyze family_snapshots');
    }
    const rejectedRows = rejected.size + result.dupRows + result.counts.rejectedInMerge;
    if (opts.dryRun) {
      // The rollback undid the record's update and the merge-stage issues: keep the report.
      await database.db.execute(sql`update registry_imports set status = 'dry_run', phase = 'done', rows_read = ${rowsRead},
        rejected_rows = ${rejectedRows}, counts = ${JSON.stringify(result.counts)}::jsonb, bytes_read = file_bytes, finished_at = now()
        where id = ${importId}`);
      await database.db.execute(sql`delete from registry_stage where import_id = ${importId}`);
      const lines = mergeIssues
        .map((i) => csvLine([importId, i.row, i.column, i.field, i.value, i.code, i.severity, i.message, i.message_en]))
        .join('');
      if (lines) await database.copyCsv('registry_import_issues', ISSUE_COLUMNS, lines);
    }
    opts.onProgress?.({ importId, phase: 'done', bytesRead: fileBytes, fileBytes, rowsRead, rejectedRows });
    return {
      importId,
      dryRun: opts.dryRun ?? false,
      status: opts.dryRun ? 'dry_run' : 'completed',
      sourceKind: opts.sourceKind,
      fileName: opts.fileName,
      fileSha256,
      rowsRead,
      families: result.counts.families,
      persons: result.counts.persons,
      rejectedRows,
      flaggedForReview: result.counts.flaggedForReview,
      durationMs: performance.now() - t0,
    };
  } catch (err) {
    const message = err instanceof ImportRejected ? `${err.messageId} / ${err.message}` : (err as Error).message;
    await database.db.execute(
      sql`update registry_imports set status = 'failed', phase = 'done', error = ${message}, finished_at = now() where id = ${importId}`,
    );
    await database.db.execute(sql`delete from registry_stage where import_id = ${importId}`);
    throw err;
  }
}

/** The whole file cannot be imported (no header, required columns missing). */
export class ImportRejected extends Error {
  constructor(
    readonly messageId: string,
    messageEn: string,
  ) {
    super(messageEn);
    this.name = 'ImportRejected';
  }
}
