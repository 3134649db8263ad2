import { z } from 'zod';
import { IsoDateSchema, RegionCodeSchema } from './common.ts';

export const MentorRoleSchema = z.enum(['coordinator', 'member', 'kelurahan_liaison']);
export type MentorRole = z.infer<typeof MentorRoleSchema>;

export const PairingStatusSchema = z.enum(['active', 'ended']);

export const PairingMentorSchema = z.object({
  userId: z.number().int(),
  fullName: z.string(),
  role: MentorRoleSchema,
  nip: z.string().nullable(),
});

export const PairingSchema = z.object({
  id: z.number().int(),
  programId: z.number().int(),
  programYearId: z.number().int(),
  year: z.number().int(),
  opdId: z.number().int(),
  opdName: z.string(),
  opdAbbreviation: z.string().nullable(),
  villageCode: RegionCodeSchema,
  villageName: z.string(),
  districtName: z.string(),
  decreeNumber: z.string(),
  decreeDate: IsoDateSchema,
  continuation: z.boolean(),
  status: PairingStatusSchema,
  endedOn: IsoDateSchema.nullable(),
  endReason: z.string().nullable(),
  notes: z.string().nullable(),
  lurahName: z.string().nullable(),
  lurahPhone: z.string().nullable(),
  mentors: z.array(PairingMentorSchema),
  createdAt: z.string(),
});
export type Pairing = z.infer<typeof PairingSchema>;

export const PairingInputSchema = z.object({
  opdId: z.number().int().positive(),
  villageCode: RegionCodeSchema,
  decreeNumber: z.string().trim().min(1, 'Nomor SK wajib diisi').max(120),
  decreeDate: IsoDateSchema,
  continuation: z.boolean().default(false),
  mentors: z
    .array(z.object({ userId: z.number().int().positive(), role: MentorRoleSchema }))
    .max(30)
    .default([]),
});
export type PairingInput = z.input<typeof PairingInputSchema>;

export const EndPairingSchema = z.object({
  reason: z.string().trim().min(5, 'Alasan minimal 5 huruf').max(500),
  endedOn: IsoDateSchema,
});

export const PairingMentorsSchema = z.object({
  mentors: z.array(z.object({ userId: z.number().int().positive(), role: MentorRoleSchema })).max(30),
});

/** What the mentor of the pairing may edit themselves. */
export const PairingProfilePatchSchema = z.object({
  lurahName: z.string().trim().max(200).nullable().optional(),
  lurahPhone: z
    .string()
    .trim()
    .regex(/^$|^\+?[0-9 ()-]{6,20}$/, 'Nomor telepon tidak valid')
    .nullable()
    .optional(),
  notes: z.string().trim().max(4000).nullable().optional(),
});

export const PairingListQuerySchema = z.object({
  programYearId: z.coerce.number().int().positive().optional(),
  status: z.enum(['active', 'ended', 'all']).default('active'),
  opdId: z.coerce.number().int().positive().optional(),
});

/** One row per village in scope for the pairing board. */
export const BoardRowSchema = z.object({
  villageCode: RegionCodeSchema,
  villageName: z.string(),
  villageType: z.string(),
  districtCode: RegionCodeSchema,
  districtName: z.string(),
  pairing: z
    .object({
      id: z.number().int(),
      opdId: z.number().int(),
      opdName: z.string(),
      opdAbbreviation: z.string().nullable(),
      continuation: z.boolean(),
      decreeNumber: z.string(),
    })
    .nullable(),
});
export const BoardSchema = z.object({
  programYearId: z.number().int(),
  year: z.number().int(),
  scopeCode: z.string(),
  total: z.number().int(),
  paired: z.number().int(),
  rows: z.array(BoardRowSchema),
});
export type Board = z.infer<typeof BoardSchema>;
