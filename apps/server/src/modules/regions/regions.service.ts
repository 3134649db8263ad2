import type { Region, RegionDetail, Scope } from '@dampingan/contracts';
import type { Db } from '../../db/client.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { isWithin, queryKey } from './region-name.ts';
import {
  countChildren,
  countVillagesWithin,
  findRegion,
  listBoundaries,
  listChildren,
  listRegionsByCodes,
  listVillagesWithin,
  type RegionRow,
  searchRegions,
} from './regions.repository.ts';

export type RegionsService = ReturnType<typeof createRegionsService>;

function toRegion(r: RegionRow): Region {
  return {
    code: r.code,
    name: r.name,
    level: r.level as Region['level'],
    type: r.type as Region['type'],
    parentCode: r.parent_code,
    aliases: r.aliases,
    hasBoundary: r.has_boundary,
  };
}

/** `33.75.01.1002` -> [`33`, `33.75`, `33.75.01`] */
export function ancestorCodes(code: string): string[] {
  const parts = code.split('.');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('.'));
}

export function createRegionsService(deps: { db: Db; scope: string }) {
  const { db, scope } = deps;

  async function getRegion(code: string): Promise<RegionDetail> {
    const r = await findRegion(db, code);
    if (!r) throw notFound('Wilayah', 'Region', code);
    const ancestors = await listRegionsByCodes(db, ancestorCodes(code));
    return {
      ...toRegion(r),
      ancestors: ancestors.map((a) => ({ code: a.code, name: a.name, type: a.type as Region['type'] })),
      childCount: await countChildren(db, code),
      inScope: isWithin(code, scope) || isWithin(scope, code),
    };
  }

  return {
    scope,
    getRegion,
    async children(code: string): Promise<Region[]> {
      if (!(await findRegion(db, code))) throw notFound('Wilayah', 'Region', code);
      return (await listChildren(db, code)).map(toRegion);
    },
    async search(q: string, opts: { level?: number; within?: string; limit: number }): Promise<Region[]> {
      const key = queryKey(q);
      if (key.length < 2) {
        throw new AppError(
          'validation_failed',
          { id: 'Kata kunci minimal 2 huruf atau angka', en: 'Search needs at least 2 letters or digits' },
          { issues: [{ path: 'query.q', message: 'Minimal 2 huruf' }] },
        );
      }
      return (await searchRegions(db, key, opts)).map(toRegion);
    },
    async scopeInfo(): Promise<Scope> {
      const r = await findRegion(db, scope);
      if (!r) throw new Error(`Scope region ${scope} is not in the region list`);
      return { code: r.code, name: r.name, type: r.type as Scope['type'], villageCount: await countVillagesWithin(db, scope) };
    },
    villagesInScope: () => listVillagesWithin(db, scope),
    async boundaries(code: string, level?: number) {
      const r = await findRegion(db, code);
      if (!r) throw notFound('Wilayah', 'Region', code);
      const lv = level ?? Math.min(r.level + 1, 4);
      const items = await listBoundaries(db, code, lv);
      return {
        type: 'FeatureCollection' as const,
        features: items.map((b) => ({ type: 'Feature' as const, properties: { code: b.code, name: b.name }, geometry: b.boundary })),
      };
    },
  };
}
