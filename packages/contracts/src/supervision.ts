/** Supervision (pengawasan): visits, follow-ups, spot-checks. */
import { z } from 'zod';
import { IdSchema, IsoDateSchema } from './common.ts';

export const FollowUpInputSchema = z
  .object({
    action: z.string().trim().min(3, 'Tindak lanjut minimal 3 huruf').max(1000),
    ownerOpdId: IdSchema.nullable().optional(),
    ownerName: z.string().trim().min(1).max(200).nullable().optional(),
    dueOn: IsoDateSchema,
  })
  .refine((f) => f.ownerOpdId != null || (f.ownerName != null && f.ownerName !== ''), {
    message: 'Isi penanggung jawab: OPD atau nama',
    path: ['ownerName'],
  });
export type FollowUpInput = z.output<typeof FollowUpInputSchema>;

export const VisitInputSchema = z.object({
  visitedOn: IsoDateSchema,
  visitors: z.string().trim().min(3, 'Isi siapa yang berkunjung').max(1000),
  findings: z.string().trim().min(3, 'Isi temuan kunjungan').max(8000),
  followUps: z.array(FollowUpInputSchema).max(30).default([]),
});
export type VisitInput = z.input<typeof VisitInputSchema>;

export const FollowUpStatusSchema = z.enum(['open', 'done']);
export const FollowUpSchema = z.object({
  id: z.number().int(),
  visitId: z.number().int(),
  action: z.string(),
  ownerOpdId: z.number().int().nullable(),
  ownerOpdName: z.string().nullable(),
  ownerName: z.string().nullable(),
  dueOn: IsoDateSchema,
  status: FollowUpStatusSchema,
  /** open and past its due date (by the server's clock) */
  overdue: z.boolean(),
  closedOn: IsoDateSchema.nullable(),
  closingNote: z.string().nullable(),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

export const VisitSchema = z.object({
  id: z.number().int(),
  pairingId: z.number().int(),
  visitedOn: IsoDateSchema,
  visitors: z.string(),
  findings: z.string(),
  createdBy: z.number().int().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  followUps: z.array(FollowUpSchema),
});
export type Visit = z.infer<typeof VisitSchema>;
export const VisitListSchema = z.object({ items: z.array(VisitSchema) });

export const FollowUpCloseSchema = z.object({
  closedOn: IsoDateSchema,
  closingNote: z.string().trim().min(3, 'Catatan penutupan minimal 3 huruf').max(4000),
});

export const SpotCheckInputSchema = z.object({
  sampleSize: z.coerce.number().int().min(1, 'Minimal 1').max(50, 'Maksimal 50'),
  /** any text; the same seed over the same interventions draws the same sample */
  seed: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9._-]+$/, 'Huruf, angka, titik, garis bawah atau tanda hubung')
    .optional(),
});
export type SpotCheckInput = z.input<typeof SpotCheckInputSchema>;

export const SpotCheckOutcomeSchema = z.enum(['pending', 'verified', 'discrepancy', 'not_found']);
export type SpotCheckOutcome = z.infer<typeof SpotCheckOutcomeSchema>;

export const SpotCheckItemSchema = z.object({
  id: z.number().int(),
  spotCheckId: z.number().int(),
  interventionId: z.number().int(),
  title: z.string(),
  deliveredOn: IsoDateSchema,
  helpType: z.string(),
  reach: z.string(),
  status: z.string(),
  beneficiaries: z.array(
    z.object({ familyId: z.number().int(), headName: z.string().nullable(), rw: z.string().nullable(), rt: z.string().nullable() }),
  ),
  outcome: SpotCheckOutcomeSchema,
  note: z.string().nullable(),
  checkedOn: IsoDateSchema.nullable(),
  checkedBy: z.number().int().nullable(),
});
export type SpotCheckItem = z.infer<typeof SpotCheckItemSchema>;

export const SpotCheckSchema = z.object({
  id: z.number().int(),
  pairingId: z.number().int(),
  seed: z.string(),
  sampleSize: z.number().int(),
  population: z.number().int(),
  drawnBy: z.number().int().nullable(),
  drawnAt: z.string(),
  items: z.array(SpotCheckItemSchema),
});
export type SpotCheck = z.infer<typeof SpotCheckSchema>;
export const SpotCheckListSchema = z.object({ items: z.array(SpotCheckSchema) });

export const SpotCheckItemPatchSchema = z.object({
  outcome: SpotCheckOutcomeSchema.exclude(['pending']),
  note: z.string().trim().max(4000).nullable().optional(),
  checkedOn: IsoDateSchema,
});
