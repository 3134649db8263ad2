import type { Region } from '@dampingan/contracts';
import { api } from './endpoints.ts';

export interface DistrictVillages {
  district: Region;
  villages: Region[];
}

/**
 * Every kelurahan/desa in the deployment's scope, grouped by kecamatan. The API has no
 * "all villages in scope" list for non-board pages, so this walks kecamatan → children
 * (one request per kecamatan: 4 for Kota Pekalongan).
 */
export async function listScopeVillages(): Promise<DistrictVillages[]> {
  const scope = await api.scope();
  const root = await api.region(scope.code);
  if (root.level === 3) {
    const villages = await api.regionChildren(root.code);
    return [{ district: root, villages: villages.items }];
  }
  const districts = await collectDistricts(root.code, root.level);
  return Promise.all(districts.map(async (district) => ({ district, villages: (await api.regionChildren(district.code)).items })));
}

async function collectDistricts(code: string, level: number): Promise<Region[]> {
  const children = (await api.regionChildren(code)).items;
  if (level + 1 >= 3) return children;
  const nested = await Promise.all(children.map((c) => collectDistricts(c.code, c.level)));
  return nested.flat();
}
