import { z } from 'zod';
import { IsoDateSchema } from './common.ts';

/** OPD (Organisasi/Perangkat Daerah) types, following Perda-style nomenclature. */
export const OpdTypeSchema = z.enum([
  'dinas',
  'badan',
  'sekretariat',
  'inspektorat',
  'kecamatan',
  'kelurahan',
  'bagian',
  'rsud',
  'satuan',
  'lainnya',
]);
export type OpdType = z.infer<typeof OpdTypeSchema>;

export const OpdSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  abbreviation: z.string().nullable(),
  type: OpdTypeSchema,
  headName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  validFrom: IsoDateSchema.nullable(),
  validTo: IsoDateSchema.nullable(),
  active: z.boolean(),
  source: z.string().nullable(),
  activePairingCount: z.number().int(),
});
export type Opd = z.infer<typeof OpdSchema>;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();

export const OpdInputSchema = z
  .object({
    name: z.string().trim().min(3, 'Nama minimal 3 huruf').max(200),
    abbreviation: optionalText(60),
    type: OpdTypeSchema,
    headName: optionalText(200),
    contactPhone: z
      .string()
      .trim()
      .regex(/^$|^\+?[0-9 ()-]{6,20}$/, 'Nomor telepon tidak valid')
      .transform((s) => (s === '' ? null : s))
      .nullable()
      .optional(),
    contactEmail: z
      .union([z.literal(''), z.email('Email tidak valid')])
      .transform((s) => (s === '' ? null : s))
      .nullable()
      .optional(),
    validFrom: IsoDateSchema.nullable().optional(),
    validTo: IsoDateSchema.nullable().optional(),
  })
  .refine((o) => !o.validFrom || !o.validTo || o.validFrom <= o.validTo, {
    message: 'Tanggal berakhir harus sesudah tanggal mulai',
    path: ['validTo'],
  });
export type OpdInput = z.input<typeof OpdInputSchema>;

export const OpdPatchSchema = z.object({
  name: z.string().trim().min(3).max(200).optional(),
  abbreviation: optionalText(60),
  type: OpdTypeSchema.optional(),
  headName: optionalText(200),
  contactPhone: optionalText(20),
  contactEmail: optionalText(200),
  validFrom: IsoDateSchema.nullable().optional(),
  validTo: IsoDateSchema.nullable().optional(),
});

export const DeactivateSchema = z.object({
  reason: z.string().trim().min(5, 'Alasan minimal 5 huruf').max(500),
  date: IsoDateSchema.optional(),
});

export const OpdListQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  includeInactive: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
