/**
 * Test support (imported only by *.test.ts): region callbacks built from the real Kemendagri 2025
 * list shipped in apps/server/data, the way the loader builds them from the region table, and
 * small helpers to feed the readers.
 */
import { parseCsvObjects } from '../../../lib/csv.ts';
import { readRegionsCsv } from '../../../seed/reference-data.ts';
import { nameKey } from '../../regions/region-name.ts';
import type { NormalizeContext, VillageQuery, VillageResolution } from './validate.ts';

interface Village {
  code: string;
  key: string;
  districtKey: string;
  regencyKey: string;
  provinceKey: string;
}

let cache: { districts: Set<string>; villages: Map<string, Village>; names: Map<string, string> } | undefined;

function regions() {
  if (cache) return cache;
  const rows = parseCsvObjects(readRegionsCsv());
  const names = new Map<string, string>();
  for (const r of rows) names.set(r.kode ?? '', r.nama ?? '');
  const districts = new Set<string>();
  const villages = new Map<string, Village>();
  const bare = (n: string) => nameKey(n.replace(/^(kabupaten|kab\.?|kota|provinsi)\s+/i, ''));
  for (const r of rows) {
    const code = r.kode ?? '';
    if (r.tingkat === '3') districts.add(code.replaceAll('.', ''));
    if (r.tingkat === '4') {
      const parts = code.split('.');
      villages.set(code, {
        code,
        key: nameKey(r.nama ?? ''),
        districtKey: bare(names.get(parts.slice(0, 3).join('.')) ?? ''),
        regencyKey: bare(names.get(parts.slice(0, 2).join('.')) ?? ''),
        provinceKey: bare(names.get(parts[0] ?? '') ?? ''),
      });
    }
  }
  cache = { districts, villages, names };
  return cache;
}

/** The callbacks of NormalizeContext for a deployment scoped to `scope` (default Kota Pekalongan). */
export function regionCallbacks(
  scope = '33.75',
): Pick<NormalizeContext, 'inScope' | 'isVillage' | 'isKnownDistrictPrefix' | 'resolveVillage'> {
  const { districts, villages } = regions();
  const inScope = (code: string) => villages.has(code) && (code === scope || code.startsWith(`${scope}.`));
  const bare = (n: string) => nameKey(n.replace(/^(kabupaten|kab\.?|kota|provinsi|kecamatan|kec\.?|kelurahan|kel\.?|desa)\s+/i, ''));
  const byKey = new Map<string, Village[]>();
  for (const v of villages.values()) if (inScope(v.code)) byKey.set(v.key, [...(byKey.get(v.key) ?? []), v]);
  return {
    inScope,
    isVillage: (code) => villages.has(code),
    isKnownDistrictPrefix: (six) => districts.has(six),
    resolveVillage(q: VillageQuery): VillageResolution {
      const byName = byKey.get(bare(q.villageName)) ?? [];
      const [district, regency, province] = [bare(q.districtName), bare(q.regencyName), q.provinceName ? bare(q.provinceName) : ''];
      const cands = byName.filter(
        (v) => v.districtKey === district && v.regencyKey === regency && (!province || v.provinceKey === province),
      );
      if (cands.length === 1 && cands[0]) return { code: cands[0].code };
      const shown = (cands.length > 0 ? cands : byName).map((v) => v.code);
      return { error: cands.length > 1 ? 'ambiguous' : 'unknown', candidates: shown };
    },
  };
}

export const TODAY = '2026-11-30';

/** An async iterable of chunks, as a file stream would give them. */
export async function* chunks(parts: ReadonlyArray<string | Buffer | Uint8Array>): AsyncGenerator<string | Buffer | Uint8Array> {
  for (const p of parts) yield p;
}

/** Splits a buffer at the given byte offsets. */
export function splitBytes(buf: Buffer, cuts: readonly number[]): Buffer[] {
  const out: Buffer[] = [];
  let from = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    if (c <= from || c >= buf.length) continue;
    out.push(buf.subarray(from, c));
    from = c;
  }
  out.push(buf.subarray(from));
  return out;
}

export async function collect<T>(iter: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iter) out.push(x);
  return out;
}
