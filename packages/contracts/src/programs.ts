import { z } from 'zod';
import { IsoDateSchema, RegionCodeSchema } from './common.ts';

export const DecreeTypeSchema = z.enum([
  'perwal',
  'sk_wali_kota',
  'sk_bupati',
  'sk_gubernur',
  'pergub',
  'perda',
  'se',
  'sk_kepala_opd',
  'lainnya',
]);

const DecreeFields = {
  decreeType: DecreeTypeSchema,
  decreeNumber: z.string().trim().min(1, 'Nomor dasar hukum wajib diisi').max(120),
  decreeDate: IsoDateSchema,
  decreeIssuer: z.string().trim().min(2).max(200),
};

export const ProgramSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  scopeCode: RegionCodeSchema,
  decreeType: DecreeTypeSchema,
  decreeNumber: z.string(),
  decreeDate: IsoDateSchema,
  decreeIssuer: z.string(),
  startYear: z.number().int(),
  endYear: z.number().int().nullable(),
  /** true = an OPD mentors exactly one village per year (Kota Pekalongan); false = at least one (province). */
  oneVillagePerOpd: z.boolean(),
  years: z.array(
    z.object({
      id: z.number().int(),
      year: z.number().int(),
      status: z.enum(['planned', 'active', 'closed']),
      activePairings: z.number().int(),
    }),
  ),
});
export type Program = z.infer<typeof ProgramSchema>;

const YearSchema = z.number().int().min(2000).max(2100);

export const ProgramInputSchema = z
  .object({
    name: z.string().trim().min(5).max(300),
    scopeCode: RegionCodeSchema.optional(),
    ...DecreeFields,
    startYear: YearSchema,
    endYear: YearSchema.nullable().optional(),
    oneVillagePerOpd: z.boolean().default(true),
  })
  .refine((p) => p.endYear == null || p.endYear >= p.startYear, { path: ['endYear'], message: 'Tahun akhir sebelum tahun mulai' });
export type ProgramInput = z.input<typeof ProgramInputSchema>;

export const ProgramPatchSchema = z.object({
  name: z.string().trim().min(5).max(300).optional(),
  decreeType: DecreeTypeSchema.optional(),
  decreeNumber: z.string().trim().min(1).max(120).optional(),
  decreeDate: IsoDateSchema.optional(),
  decreeIssuer: z.string().trim().min(2).max(200).optional(),
  endYear: YearSchema.nullable().optional(),
  oneVillagePerOpd: z.boolean().optional(),
});

export const ProgramYearInputSchema = z.object({
  year: YearSchema,
  status: z.enum(['planned', 'active']).default('active'),
});

export const ProgramYearStatusSchema = z.object({ status: z.enum(['planned', 'active', 'closed']) });
