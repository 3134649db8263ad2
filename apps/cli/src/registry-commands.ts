import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type ImportSummary, SourceKindSchema } from '@dampingan/contracts';
import { createServices, ImportRejected, loadConfig, runImport, writeRegistryFile } from '@dampingan/server';
import { type Io, withDatabase } from './commands.ts';

function bar(done: number, total: number, width = 30): string {
  const f = total > 0 ? Math.min(1, done / total) : 0;
  const n = Math.round(f * width);
  return `[${'#'.repeat(n)}${'.'.repeat(width - n)}] ${(f * 100).toFixed(0).padStart(3)}%`;
}

export async function importCommand(args: string[], io: Io): Promise<number> {
  const [what, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      source: { type: 'string' },
      period: { type: 'string' },
      dataset: { type: 'string' },
      mapping: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      partial: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const file = positionals[0];
  if (what !== 'registry' || !file) {
    io.err('Usage: npx dampingan import registry FILE --source dtsen --period YYYY-MM-DD [--dry-run] [--json]');
    return 2;
  }
  const source = SourceKindSchema.safeParse(values.source ?? 'dtsen');
  if (!source.success) {
    io.err(`--source must be one of: ${SourceKindSchema.options.join(', ')}`);
    return 2;
  }
  const period = values.period ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(period)) {
    io.err('--period must be a date YYYY-MM-DD (the date of the data set snapshot)');
    return 2;
  }
  if (!fs.existsSync(file)) {
    io.err(`File not found: ${file}`);
    return 2;
  }
  const tty = process.stderr.isTTY && !values.json;
  let lastDraw = 0;
  const summary = await withDatabase('import registry', io, async (database) => {
    let mapping: Record<string, string | null> | null = null;
    if (values.mapping) {
      const services = createServices({ database, scope: loadConfig().scope });
      const row = (await services.registry.listMappings()).find((m) => m.name.toLowerCase() === values.mapping?.toLowerCase());
      if (!row) throw new Error(`No saved column mapping named "${values.mapping}"`);
      mapping = row.columns;
    }
    return runImport(database, {
      filePath: path.resolve(file),
      fileName: path.basename(file),
      sourceKind: source.data,
      period,
      datasetLabel: values.dataset ?? null,
      dryRun: values['dry-run'],
      fullSnapshot: !values.partial,
      mapping,
      scope: loadConfig().scope,
      onProgress: (p) => {
        const now = Date.now();
        if (!tty || (now - lastDraw < 200 && p.phase === 'reading')) return;
        lastDraw = now;
        const label = p.phase === 'reading' ? 'membaca/reading' : p.phase === 'merging' ? 'menggabung/merging' : 'selesai/done';
        process.stderr.write(
          `\r${bar(p.bytesRead, p.fileBytes)} ${label} ${p.rowsRead.toLocaleString('id-ID')} baris, ${p.rejectedRows} ditolak   `,
        );
        if (p.phase === 'done') process.stderr.write('\n');
      },
    }).catch((err: unknown) => {
      if (tty) process.stderr.write('\n');
      throw err;
    });
  }).catch((err: unknown) => {
    if (err instanceof ImportRejected) {
      io.err(`${err.messageId}\n${err.message}`);
      return null;
    }
    throw err;
  });
  if (!summary) return 1;
  if (values.json) io.out(JSON.stringify(summary));
  else io.out(formatSummary(summary));
  return 0;
}

function formatSummary(s: ImportSummary): string {
  const c = (x: { inserted: number; updated: number; unchanged: number }) =>
    `${x.inserted} baru/inserted, ${x.updated} berubah/updated, ${x.unchanged} tetap/unchanged`;
  return [
    `${s.dryRun ? 'UJI COBA (dry run): tidak ada yang disimpan / nothing saved' : 'Impor selesai / import completed'} — #${s.importId} ${s.fileName}`,
    `  baris dibaca / rows read:   ${s.rowsRead}`,
    `  keluarga / families:        ${c(s.families)}`,
    `  anggota / persons:          ${c(s.persons)}`,
    `  baris ditolak / rejected:   ${s.rejectedRows}${s.rejectedRows ? `  (laporan / report: GET /api/registry/imports/${s.importId}/issues.csv)` : ''}`,
    `  perlu ditinjau / flagged:   ${s.flaggedForReview}`,
    `  waktu / time:               ${(s.durationMs / 1000).toFixed(1)} s`,
  ].join('\n');
}

export async function generateCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      scope: { type: 'string', default: '33.75' },
      families: { type: 'string', default: '90000' },
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
      messy: { type: 'string', default: '0' },
      snapshot: { type: 'string', default: '1' },
      delimiter: { type: 'string', default: ',' },
      'base-period': { type: 'string' },
    },
  });
  const families = Number(values.families);
  if (!Number.isInteger(families) || families < 1) {
    io.err('--families must be a positive whole number');
    return 2;
  }
  const out = values.out ?? `synthetic-${values.scope}-${families}.csv`;
  const res = await writeRegistryFile(out, {
    scope: values.scope as string,
    families,
    seed: Number(values.seed),
    messy: Number(values.messy),
    snapshot: Number(values.snapshot),
    ...(values['base-period'] ? { basePeriod: values['base-period'] } : {}),
    delimiter: (values.delimiter === 'tab' ? '\t' : values.delimiter) as ',' | ';' | '|' | '\t',
  });
  io.out(
    `SINTETIS / SYNTHETIC registry written: ${out} — ${res.families} families, ${res.persons} persons, ${(res.bytes / 1e6).toFixed(1)} MB in ${(res.ms / 1000).toFixed(1)} s`,
  );
  return 0;
}
