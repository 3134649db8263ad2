/**
 * The real region list (Kepmendagri 300.2.2-2138/2025) reduced to what the generator needs:
 * the villages (level 4) under the scope, every kecamatan of Indonesia (for people whose NIK was
 * issued elsewhere) and kab/kota names for birth places.
 */
import { parseCsvObjects } from '../../../lib/csv.ts';
import { readRegionsCsv } from '../../../seed/reference-data.ts';
import { isWithin } from '../../regions/region-name.ts';
import { HAMLETS, STREETS } from './names.ts';
import { hashString, Rng } from './prng.ts';

export interface Village {
  code: string;
  name: string;
  kelurahan: boolean;
  /** index into RegionIndex.kecamatan */
  kec: number;
  /** index into RegionIndex.kabKota */
  kabKota: number;
  /** welfare deprivation of the village, standard normal: > 0 poorer (more families, lower desil) */
  poverty: number;
  /** relative number of registered families */
  weight: number;
  rwCount: number;
  rtPerRw: number;
  streets: string[];
  /** dusun names of a desa (a kelurahan has none) */
  hamlets: string[];
}

export interface RegionIndex {
  /** every level-4 code, to make sure an "unknown" village code really is unknown */
  villageCodes: Set<string>;
  /** all kecamatan: 6-digit NIK prefix, province index, kab/kota index */
  kecamatan: { digits: string; code: string; kabKota: number; province: string }[];
  kecIndexByCode: Map<string, number>;
  kabKota: { code: string; name: string; kota: boolean }[];
  kabKotaIndexByCode: Map<string, number>;
  villagesUnder: (scope: string) => { code: string; name: string; type: string; parent: string }[];
  known: (code: string) => boolean;
}

/** Held weakly: a long-running server that generated a demo registry once need not keep ~25 MB. */
let cached: WeakRef<RegionIndex> | undefined;

/** Drops "Kabupaten", "Kota", "Kota Administrasi": a birth place is written "Pekalongan", "Jakarta Selatan". */
function placeName(name: string): string {
  return name.replace(/^(Kabupaten|Kota)( Administrasi)? /, '');
}

export function regionIndex(): RegionIndex {
  const hit = cached?.deref();
  if (hit) return hit;
  const rows = parseCsvObjects(readRegionsCsv());
  const villages: { code: string; name: string; type: string; parent: string }[] = [];
  const all = new Set<string>();
  const villageCodes = new Set<string>();
  const kabKota: RegionIndex['kabKota'] = [];
  const kabKotaIndexByCode = new Map<string, number>();
  const kecRows: { code: string }[] = [];
  for (const r of rows) {
    const code = r.kode ?? '';
    all.add(code);
    if (r.tingkat === '2') {
      kabKotaIndexByCode.set(code, kabKota.length);
      kabKota.push({ code, name: placeName(r.nama ?? ''), kota: r.tipe === 'kota' });
    } else if (r.tingkat === '3') kecRows.push({ code });
    else if (r.tingkat === '4') {
      villageCodes.add(code);
      villages.push({ code, name: r.nama ?? '', type: r.tipe ?? '', parent: r.kode_induk ?? '' });
    }
  }
  const kecamatan = kecRows.map(({ code }) => ({
    code,
    digits: code.replaceAll('.', ''),
    kabKota: kabKotaIndexByCode.get(code.slice(0, 5)) ?? -1,
    province: code.slice(0, 2),
  }));
  const kecIndexByCode = new Map(kecamatan.map((k, i) => [k.code, i]));
  const index: RegionIndex = {
    villageCodes,
    kecamatan,
    kecIndexByCode,
    kabKota,
    kabKotaIndexByCode,
    villagesUnder: (scope) => villages.filter((v) => isWithin(v.code, scope)),
    known: (code) => all.has(code),
  };
  cached = new WeakRef(index);
  return index;
}

/**
 * The villages of the scope with their generated traits. Each village's traits come from its own
 * stream keyed by (seed, code), so they do not depend on the scope it was generated in.
 */
export function scopeVillages(index: RegionIndex, scope: string, seed: number): Village[] {
  return index.villagesUnder(scope).map((v) => {
    const rng = new Rng(seed, hashString(v.code), 0x7111a6e);
    const poverty = rng.normal();
    const kelurahan = v.type === 'kelurahan';
    // Village size varies more than poverty does; poorer villages register more families (§README).
    const weight = Math.exp(0.5 * poverty + 0.45 * rng.normal());
    const kec = index.kecIndexByCode.get(v.parent);
    if (kec === undefined) throw new Error(`village ${v.code} has no kecamatan in the region list`);
    const own: string[] = [];
    const n = rng.int(4, 10);
    while (own.length < n) {
      const s = rng.pick(STREETS);
      if (!own.includes(s)) own.push(s);
    }
    if (!kelurahan) own.push(`Raya ${v.name}`);
    const hamlets: string[] = [];
    const h = kelurahan ? 0 : rng.int(2, 5);
    while (hamlets.length < h) {
      const s = rng.pick(HAMLETS);
      if (!hamlets.includes(s)) hamlets.push(s);
    }
    return {
      code: v.code,
      name: v.name,
      kelurahan,
      kec,
      kabKota: index.kecamatan[kec]?.kabKota ?? -1,
      poverty,
      weight,
      rwCount: rng.int(kelurahan ? 5 : 2, 10),
      rtPerRw: rng.int(kelurahan ? 6 : 3, 15),
      streets: own,
      hamlets,
    };
  });
}

/** Splits `total` over weights by largest remainder: exact total, deterministic. */
export function allocate(total: number, weights: ReadonlyArray<number>): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) {
    const i = order[k]?.[1] ?? 0;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}
