/**
 * Real public reference data shipped in `apps/server/data` (copied, unedited, from shared/data):
 * Kemendagri regions 2025 (Kepmendagri 300.2.2-2138/2025, via cahyadsn/wilayah, MIT), village
 * boundaries (cahyadsn/wilayah_boundaries, MIT) and the sourced partial OPD list of Kota Pekalongan.
 * Loads are idempotent: each step records what it loaded in app_meta and skips when already done.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../db/client.ts';
import { appMeta } from '../db/schema.ts';
import { csvLine, parseCsvObjects } from '../lib/csv.ts';
import { isWithin, nameKey } from '../modules/regions/region-name.ts';

export const dataDir = fileURLToPath(new URL('../../data/', import.meta.url));
export const REGIONS_EDITION = 'Kepmendagri 300.2.2-2138/2025';
const REGIONS_FILE = 'wilayah_kemendagri_2025.csv.gz';

export async function getMeta<T>(db: DbOrTx, key: string): Promise<T | undefined> {
  const res = await db.select().from(appMeta).where(sql`${appMeta.key} = ${key}`);
  return res[0]?.value as T | undefined;
}

export async function setMeta(db: DbOrTx, key: string, value: unknown): Promise<void> {
  await db
    .insert(appMeta)
    .values({ key, value })
    .onConflictDoUpdate({ target: appMeta.key, set: { value, updatedAt: sql`now()` } });
}

export function readRegionsCsv(): string {
  return gunzipSync(fs.readFileSync(`${dataDir}${REGIONS_FILE}`)).toString('utf8');
}

/** Builds the COPY payload for `regions` from the Kemendagri CSV. Pure, for tests and benches. */
export function regionsCopyPayload(csvText: string): { csv: string; rows: number } {
  const records = parseCsvObjects(csvText);
  let csv = '';
  for (const r of records) {
    csv += csvLine([r.kode, r.nama, r.tingkat, r.tipe, r.kode_induk || null, nameKey(r.nama ?? ''), REGIONS_EDITION]);
  }
  return { csv, rows: records.length };
}

export const REGION_COPY_COLUMNS = ['code', 'name', 'level', 'type', 'parent_code', 'name_key', 'source'] as const;

/** Spelling variants seen in public sources (research/domain.md §4.1); Kemendagri name stays primary. */
const KNOWN_ALIASES: ReadonlyArray<[string, string, string]> = [
  ['33.75.02.1012', 'Kalibaros', 'press and local government pages'],
  ['33.75.01.1008', 'Pasir Kraton Kramat', 'press and local government pages'],
  ['33.75.02.1002', 'Noyontaan Sari', 'press and local government pages'],
  ['33.75.04.1010', 'Soko Duwet', 'press and local government pages'],
  ['33.75.01.1004', 'Sapurokebulen', 'press and local government pages'],
  ['33.75.01.1006', 'Bendankergon', 'press and local government pages'],
  ['33.75.04.1003', 'Buarankradenan', 'press and local government pages'],
  ['33.05.06.2018', 'Kloposawit', 'Kemendagri 2022 edition name (Kepmendagri 100.1.1-6117/2022)'],
];

/**
 * Loads the region list once, all-or-nothing: the COPY, the aliases and the "done" record commit
 * together, so a start killed half-way retries cleanly; an advisory lock makes two servers
 * starting at once on one PostgreSQL database load it once.
 */
export async function loadRegions(database: Database, opts: { force?: boolean } = {}): Promise<{ loaded: number; ms: number }> {
  if ((await getMeta(database.db, 'regions')) && !opts.force) return { loaded: 0, ms: 0 };
  const t0 = performance.now();
  const { csv, rows } = regionsCopyPayload(readRegionsCsv());
  const loaded = await database.transaction(async (s) => {
    if (database.engine === 'pg') await s.query('select pg_advisory_xact_lock(727002)');
    const [done] = await s.query("select 1 from app_meta where key = 'regions'");
    if (done && !opts.force) return 0;
    await s.copyCsv('regions', REGION_COPY_COLUMNS, csv);
    for (const [code, alias, source] of KNOWN_ALIASES) {
      await s.query(
        `insert into region_aliases (region_code, alias, alias_key, source)
         select $1, $2, $3, $4 where exists (select 1 from regions where code = $1) on conflict do nothing`,
        [code, alias, nameKey(alias), source],
      );
    }
    await s.query(
      `insert into app_meta (key, value) values ('regions', $1::jsonb)
       on conflict (key) do update set value = excluded.value, updated_at = now()`,
      [JSON.stringify({ edition: REGIONS_EDITION, rows, loadedAt: new Date().toISOString() })],
    );
    return rows;
  });
  // Planner statistics for the region joins of every list and search (autovacuum may be off, and
  // PGlite has none): without them a whole-scope family list walked regions_pkey (43 ms -> 0.5 ms).
  if (loaded) await database.exec('analyze regions; analyze region_aliases');
  return { loaded, ms: performance.now() - t0 };
}

interface Feature {
  properties: { kode: string; lat_centroid_src?: number; lng_centroid_src?: number };
  geometry: unknown;
}

function readGeojson(file: string): Feature[] {
  const buf = fs.readFileSync(`${dataDir}${file}`);
  const text = file.endsWith('.gz') ? gunzipSync(buf).toString('utf8') : buf.toString('utf8');
  return (JSON.parse(text) as { features: Feature[] }).features;
}

/** Boundary files available for a scope: finer city extracts first, then the province layers. */
function boundaryFilesFor(scope: string): string[] {
  if (!isWithin(scope, '33') && !isWithin('33', scope)) return [];
  const files = ['jateng_33_kabupaten_kota.geojson', 'jateng_33_kecamatan.geojson.gz'];
  if (isWithin(scope, '33.75')) files.push('kota_pekalongan_kelurahan.geojson');
  else files.push('jateng_33_desa_kelurahan.geojson.gz');
  return files;
}

/** Stores polygons (GeoJSON geometry) on the regions inside the scope, plus their ancestors. */
export async function loadBoundaries(database: Database, scope: string): Promise<{ stored: number }> {
  const key = `boundaries:${scope}`;
  if (await getMeta(database.db, key)) return { stored: 0 };
  let stored = 0;
  for (const file of boundaryFilesFor(scope)) {
    const features = readGeojson(file).filter((f) => isWithin(f.properties.kode, scope) || isWithin(scope, f.properties.kode));
    // One statement per 500 features keeps parameters bounded on both engines.
    for (let i = 0; i < features.length; i += 500) {
      const chunk = features.slice(i, i + 500).map((f) => ({
        code: f.properties.kode,
        geometry: f.geometry,
        lat: f.properties.lat_centroid_src ?? null,
        lng: f.properties.lng_centroid_src ?? null,
      }));
      await database.db.execute(sql`
        update regions r set boundary = x.geometry, centroid_lat = x.lat, centroid_lng = x.lng
        from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(code text, geometry jsonb, lat float8, lng float8)
        where r.code = x.code`);
      stored += chunk.length;
    }
  }
  await setMeta(database.db, key, { stored, loadedAt: new Date().toISOString() });
  return { stored };
}

const OPD_TYPES = new Set(['dinas', 'badan', 'sekretariat', 'inspektorat', 'kecamatan', 'kelurahan', 'bagian', 'rsud', 'satuan']);

/** Kota Pekalongan's 24 sourced OPD names; only for a 33.75 deployment and only once. */
export async function seedPekalonganOpds(database: Database, scope: string): Promise<{ inserted: number }> {
  if (!isWithin(scope, '33.75') && scope !== '33.75') return { inserted: 0 };
  if (await getMeta(database.db, 'opds:33.75')) return { inserted: 0 };
  const text = fs.readFileSync(`${dataDir}opd_kota_pekalongan_terverifikasi_sebagian.csv`, 'utf8');
  let inserted = 0;
  for (const r of parseCsvObjects(text)) {
    const type = OPD_TYPES.has(r.jenis ?? '') ? r.jenis : 'lainnya';
    const res = await database.db.execute(sql`
      insert into opds (name, abbreviation, type, source)
      values (${r.nama_perangkat_daerah}, ${r.singkatan || null}, ${type}, ${`${r.sumber_url} (${r.catatan})`})
      on conflict do nothing`);
    inserted +=
      (res as unknown as { rowCount?: number; affectedRows?: number }).rowCount ?? (res as { affectedRows?: number }).affectedRows ?? 0;
  }
  await setMeta(database.db, 'opds:33.75', { inserted, source: 'opd_kota_pekalongan_terverifikasi_sebagian.csv' });
  return { inserted };
}
