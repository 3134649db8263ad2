/**
 * What the row validator needs to know about regions, loaded once per import from the region
 * table: which villages are in scope, which kecamatan codes exist (NIK/KK prefixes), and name
 * resolution for files that carry region NAMES (DTKS layout). A name that matches no village in
 * scope, or more than one, is an error listing the candidates: never a guess.
 */
import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../db/client.ts';
import { nameKey } from '../regions/region-name.ts';

export interface RegionNames {
  provinceName?: string | null;
  regencyName?: string | null;
  districtName?: string | null;
  villageName?: string | null;
}
export type Resolution = { code: string } | { error: 'unknown' | 'ambiguous'; candidates: string[] };

export interface RegionContext {
  inScope(villageCode: string): boolean;
  isVillage(villageCode: string): boolean;
  isKnownDistrictPrefix(sixDigits: string): boolean;
  resolveVillage(names: RegionNames): Resolution;
}

/** "Kabupaten Pekalongan" / "Kab. Pekalongan" / "KOTA PEKALONGAN" -> comparable keys. */
function regencyKeys(name: string): string[] {
  const k = nameKey(name);
  const bare = nameKey(name.replace(/^(kabupaten|kab\.?|kota|kotamadya|kodya)\s+/i, ''));
  const isKota = /^(kota|kotamadya|kodya)\b/i.test(name.trim());
  const isKab = /^(kabupaten|kab\.?)(\s|$)/i.test(name.trim());
  return [k, isKota ? `kota:${bare}` : isKab ? `kab:${bare}` : `any:${bare}`];
}

export async function loadRegionContext(db: Db, scope: string): Promise<RegionContext> {
  const villages = await rows<{
    code: string;
    name_key: string;
    district_key: string;
    regency_name: string;
    province_key: string;
    alias_keys: string[] | null;
  }>(
    db,
    sql`select v.code, v.name_key, d.name_key as district_key, k.name as regency_name, p.name_key as province_key,
          (select json_agg(a.alias_key) from region_aliases a where a.region_code = v.code) as alias_keys
        from regions v join regions d on d.code = v.parent_code join regions k on k.code = d.parent_code
        join regions p on p.code = k.parent_code
        where v.level = 4 and (v.code like ${`${scope}.%`} or v.code = ${scope})`,
  );
  const allVillages = new Set((await rows<{ code: string }>(db, sql`select code from regions where level = 4`)).map((r) => r.code));
  const districts = new Set(
    (await rows<{ code: string }>(db, sql`select replace(code, '.', '') as code from regions where level = 3`)).map((r) => r.code),
  );
  const scopeSet = new Set(villages.map((v) => v.code));
  const byVillageKey = new Map<string, typeof villages>();
  for (const v of villages) {
    // An alias often folds to the village's own key (Kalibaros = Kali Baros): list the village once per key.
    for (const key of new Set([v.name_key, ...(v.alias_keys ?? [])])) {
      const list = byVillageKey.get(key) ?? [];
      list.push(v);
      byVillageKey.set(key, list);
    }
  }
  return {
    inScope: (code) => scopeSet.has(code),
    isVillage: (code) => allVillages.has(code),
    isKnownDistrictPrefix: (six) => districts.has(six),
    resolveVillage(names) {
      if (!names.villageName) return { error: 'unknown', candidates: [] };
      let cands = byVillageKey.get(nameKey(names.villageName)) ?? [];
      if (names.districtName) {
        const dk = nameKey(names.districtName.replace(/^(kecamatan|kec\.?)\s+/i, ''));
        cands = cands.filter((c) => c.district_key === dk);
      }
      if (names.regencyName) {
        const [full, typed] = regencyKeys(names.regencyName);
        cands = cands.filter((c) => {
          const [cFull, cTyped] = regencyKeys(c.regency_name);
          const bare = (x: string | undefined) => x?.split(':')[1];
          return cFull === full || cTyped === typed || (typed?.startsWith('any:') && bare(cTyped) === bare(typed));
        });
      }
      if (names.provinceName) {
        const pk = nameKey(names.provinceName.replace(/^(provinsi|prov\.?)\s+/i, ''));
        cands = cands.filter((c) => c.province_key === pk);
      }
      if (cands.length === 1 && cands[0]) return { code: cands[0].code };
      return { error: cands.length === 0 ? 'unknown' : 'ambiguous', candidates: cands.map((c) => c.code) };
    },
  };
}
