import { z } from 'zod';

/** Dotted Kemendagri region code: `33`, `33.75`, `33.75.01`, `33.75.01.1002`. */
export const RegionCodeSchema = z
  .string()
  .regex(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/, 'Kode wilayah tidak valid (contoh: 33.75.01.1002)');

export const IdSchema = z.coerce.number().int().positive();
export const IsoDateSchema = z.iso.date();
export const IsoDateTimeSchema = z.string();

export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export function pageSchema<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
}

export const ErrorCodeSchema = z.enum([
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'locked',
  'rate_limited',
  'db_busy',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** The one error shape of the API. `details` points at fields for form errors. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export const FieldIssueSchema = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

export const OkSchema = z.object({ ok: z.literal(true) });
