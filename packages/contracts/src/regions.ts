import { z } from 'zod';
import { RegionCodeSchema } from './common.ts';

export const RegionLevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export const RegionTypeSchema = z.enum(['provinsi', 'kabupaten', 'kota', 'kecamatan', 'kelurahan', 'desa', 'desa_adat']);
export type RegionType = z.infer<typeof RegionTypeSchema>;

export const RegionSchema = z.object({
  code: RegionCodeSchema,
  name: z.string(),
  level: RegionLevelSchema,
  type: RegionTypeSchema,
  parentCode: RegionCodeSchema.nullable(),
  aliases: z.array(z.string()),
  hasBoundary: z.boolean(),
});
export type Region = z.infer<typeof RegionSchema>;

export const RegionDetailSchema = RegionSchema.extend({
  /** Ancestors from the province down to the parent. */
  ancestors: z.array(z.object({ code: RegionCodeSchema, name: z.string(), type: RegionTypeSchema })),
  childCount: z.number().int(),
  inScope: z.boolean(),
});
export type RegionDetail = z.infer<typeof RegionDetailSchema>;

export const RegionSearchQuerySchema = z.object({
  q: z.string().trim().min(2, 'Minimal 2 huruf').max(100),
  level: z.coerce.number().int().min(1).max(4).optional(),
  within: RegionCodeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const RegionListSchema = z.object({ items: z.array(RegionSchema) });

/** GeoJSON FeatureCollection of the boundaries of a region's children (or the region itself). */
export const BoundaryCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      properties: z.object({ code: z.string(), name: z.string() }),
      geometry: z.unknown(),
    }),
  ),
});

export const ScopeSchema = z.object({
  code: RegionCodeSchema,
  name: z.string(),
  type: RegionTypeSchema,
  villageCount: z.number().int(),
});
export type Scope = z.infer<typeof ScopeSchema>;
