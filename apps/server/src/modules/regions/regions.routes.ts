import {
  BoundaryCollectionSchema,
  RegionCodeSchema,
  RegionDetailSchema,
  RegionListSchema,
  RegionSearchQuerySchema,
  ScopeSchema,
} from '@dampingan/contracts';
import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import type { RegionsService } from './regions.service.ts';

const Params = z.object({ code: RegionCodeSchema });

/** Region reads are public reference data: no login needed. */
export function regionsRoutes(regions: RegionsService) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/scope',
      tag: 'regions',
      summary: 'The region this deployment serves (e.g. 33.75 Kota Pekalongan)',
      access: 'public',
      response: ScopeSchema,
      handler: () => regions.scopeInfo(),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/regions',
      tag: 'regions',
      summary: 'Search regions by name; spelling variants ("Kali Baros" = "Kalibaros") and aliases match',
      access: 'public',
      query: RegionSearchQuerySchema,
      response: RegionListSchema,
      handler: async ({ query }) => ({ items: await regions.search(query.q, query) }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/regions/:code',
      tag: 'regions',
      summary: 'One region with its ancestors',
      access: 'public',
      params: Params,
      response: RegionDetailSchema,
      handler: ({ params }) => regions.getRegion(params.code),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/regions/:code/children',
      tag: 'regions',
      summary: 'Direct children of a region',
      access: 'public',
      params: Params,
      response: RegionListSchema,
      handler: async ({ params }) => ({ items: await regions.children(params.code) }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/regions/:code/boundaries',
      tag: 'regions',
      summary: 'GeoJSON boundaries of the regions at `level` inside a region (default: its children)',
      access: 'public',
      params: Params,
      query: z.object({ level: z.coerce.number().int().min(1).max(4).optional() }),
      response: BoundaryCollectionSchema,
      handler: ({ params, query }) => regions.boundaries(params.code, query.level),
    }),
  ];
}
