/** Delivery: interventions to named families, costs per funding source, evidence, convergence per family. */
import { z } from 'zod';
import { IsoDateSchema, IsoDateTimeSchema } from './common.ts';
import { FundingSourceSchema, RupiahSchema } from './workspace.ts';

export const InterventionStatusSchema = z.enum(['planned', 'in_progress', 'done', 'cancelled']);
export type InterventionStatus = z.infer<typeof InterventionStatusSchema>;
export const ReachSchema = z.enum(['families', 'village']);

export const BeneficiaryInputSchema = z.object({
  familyId: z.number().int().positive(),
  /** a named member of that family, when the help went to one person */
  personId: z.number().int().positive().nullable().optional(),
});
export const CostInputSchema = z.object({ fundingSource: FundingSourceSchema, amount: RupiahSchema });

const HelpType = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_-]{2,40}$/, 'Kode jenis bantuan: huruf kecil, angka, _ atau - (contoh: jamban)');

export const InterventionInputSchema = z.object({
  planItemId: z.number().int().positive().nullable().optional(),
  /** delivering OPD; defaults to the pairing's OPD */
  opdId: z.number().int().positive().optional(),
  title: z.string().trim().min(3).max(300),
  helpType: HelpType,
  reach: ReachSchema.default('families'),
  deliveredOn: IsoDateSchema,
  outputVolume: z.number().min(0).nullable().optional(),
  outputUnit: z.string().trim().max(50).nullable().optional(),
  status: InterventionStatusSchema.default('done'),
  notes: z.string().trim().max(5000).nullable().optional(),
  beneficiaries: z.array(BeneficiaryInputSchema).max(5000).default([]),
  costs: z.array(CostInputSchema).max(20).default([]),
});
export type InterventionInput = z.input<typeof InterventionInputSchema>;

/** Change an intervention's progress; cancelling needs a reason. Beneficiaries/costs, when given, replace. */
export const InterventionPatchSchema = z.object({
  title: z.string().trim().min(3).max(300).optional(),
  deliveredOn: IsoDateSchema.optional(),
  outputVolume: z.number().min(0).nullable().optional(),
  outputUnit: z.string().trim().max(50).nullable().optional(),
  status: InterventionStatusSchema.optional(),
  notes: z.string().trim().max(5000).nullable().optional(),
  costs: z.array(CostInputSchema).max(20).optional(),
  reason: z.string().trim().min(3).max(1000).optional(),
});
export type InterventionPatch = z.infer<typeof InterventionPatchSchema>;

export const InterventionListQuerySchema = z.object({
  /** YYYY-MM */
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Bulan: YYYY-MM')
    .optional(),
  planItemId: z.coerce.number().int().positive().optional(),
});

/** The same help to the same family in the same calendar year, already recorded elsewhere. */
export const DuplicateFlagSchema = z.object({
  familyId: z.number().int(),
  headName: z.string().nullable(),
  helpType: z.string(),
  otherInterventionId: z.number().int(),
  otherOpdName: z.string(),
  otherPairingId: z.number().int(),
  otherDeliveredOn: z.string(),
});
export type DuplicateFlag = z.infer<typeof DuplicateFlagSchema>;

export const EvidenceSchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  takenAt: IsoDateTimeSchema.nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  uploadedAt: IsoDateTimeSchema,
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const InterventionSchema = z.object({
  id: z.number().int(),
  pairingId: z.number().int(),
  planItemId: z.number().int().nullable(),
  planItemTitle: z.string().nullable(),
  opdId: z.number().int(),
  opdName: z.string(),
  title: z.string(),
  helpType: z.string(),
  reach: ReachSchema,
  deliveredOn: z.string(),
  outputVolume: z.number().nullable(),
  outputUnit: z.string().nullable(),
  status: InterventionStatusSchema,
  notes: z.string().nullable(),
  beneficiaries: z.array(
    z.object({
      familyId: z.number().int(),
      personId: z.number().int().nullable(),
      headName: z.string().nullable(),
      personName: z.string().nullable(),
      rw: z.string().nullable(),
      rt: z.string().nullable(),
    }),
  ),
  costs: z.array(z.object({ fundingSource: z.string(), amount: z.number() })),
  totalCost: z.number(),
  evidence: z.array(EvidenceSchema),
  duplicates: z.array(DuplicateFlagSchema),
  createdAt: IsoDateTimeSchema,
});
export type Intervention = z.infer<typeof InterventionSchema>;

export const InterventionCreatedSchema = z.object({
  intervention: InterventionSchema,
  /** duplicate flags: recorded, not refused */
  warnings: z.array(DuplicateFlagSchema),
});
export type InterventionCreated = z.infer<typeof InterventionCreatedSchema>;

export const EvidenceUploadQuerySchema = z.object({
  fileName: z.string().trim().min(1).max(255),
  takenAt: z.iso.datetime({ offset: true }).optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
});

export const EvidenceUploadedSchema = EvidenceSchema.extend({
  /** false when the same content was already stored (kept once on disk) */
  newContent: z.boolean(),
});

/** GET /api/families/:familyId/interventions: convergence of every OPD's help to one family. */
export const FamilyInterventionSchema = z.object({
  interventionId: z.number().int(),
  pairingId: z.number().int(),
  villageName: z.string(),
  year: z.number().int(),
  opdName: z.string(),
  deliveredOn: z.string(),
  helpType: z.string(),
  title: z.string(),
  status: InterventionStatusSchema,
  personName: z.string().nullable(),
  costs: z.array(z.object({ fundingSource: z.string(), amount: z.number() })),
  totalCost: z.number(),
  /** another intervention gave the same help to this family in the same calendar year */
  duplicate: z.boolean(),
});
export type FamilyIntervention = z.infer<typeof FamilyInterventionSchema>;
export const FamilyInterventionsSchema = z.object({ familyId: z.number().int(), items: z.array(FamilyInterventionSchema) });
export type FamilyInterventions = z.infer<typeof FamilyInterventionsSchema>;
