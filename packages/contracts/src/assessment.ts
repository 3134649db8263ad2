/** Assessment: village potentials profile (Form 1), problems and potentials, registry proposals, field verification of families (Form 2). */
import { z } from 'zod';
import { IsoDateSchema } from './common.ts';
import {
  FundingSourceSchema,
  IndicatorKeySchema,
  ProblemCategorySchema,
  ProblemKindSchema,
  RupiahSchema,
  SeveritySchema,
} from './workspace.ts';

const text = (max: number) => z.string().trim().max(max);
const RwSchema = z
  .string()
  .trim()
  .regex(/^\d{1,3}$/, 'RW/RT berupa angka 1–3 digit');

// ---- Form 1: the village's potentials profile -----------------------------------------------

export const EconomyKindSchema = z.enum(['batik', 'fishery', 'food_processing', 'trade', 'crafts', 'agriculture', 'services', 'other']);
export type EconomyKind = z.infer<typeof EconomyKindSchema>;

export const EconomyItemSchema = z.object({
  kind: EconomyKindSchema,
  name: z.string().trim().min(1, 'Nama wajib diisi').max(200),
  /** count or size as the field team wrote it, e.g. "12 unit", "3 ha" */
  size: text(100).default(''),
  note: text(1000).default(''),
});

export const InstitutionsSchema = z.object({
  lpm: z.boolean().default(false),
  bkm: z.boolean().default(false),
  pkk: z.boolean().default(false),
  karangTaruna: z.boolean().default(false),
  posyanduCount: z.number().int().min(0).max(500).default(0),
  others: text(2000).default(''),
});

export const InfrastructureFlagsSchema = z.object({
  roadsPoor: z.boolean().default(false),
  drainagePoor: z.boolean().default(false),
  noSewerage: z.boolean().default(false),
  noWasteCollection: z.boolean().default(false),
  limitedCleanWater: z.boolean().default(false),
});

export const InfrastructureSchema = z.object({
  description: text(4000).default(''),
  flags: InfrastructureFlagsSchema.default({
    roadsPoor: false,
    drainagePoor: false,
    noSewerage: false,
    noWasteCollection: false,
    limitedCleanWater: false,
  }),
});

export const HazardsSchema = z.object({
  flood: z.boolean().default(false),
  /** rob: tidal flooding of the north coast */
  rob: z.boolean().default(false),
  affectedRws: z.array(RwSchema).max(100).default([]),
  note: text(2000).default(''),
});

export const FundingItemSchema = z.object({
  source: FundingSourceSchema,
  amount: RupiahSchema,
  year: z.number().int().min(2000).max(2100),
  note: text(1000).default(''),
});

export const VillageProfileDataSchema = z.object({
  economy: z.array(EconomyItemSchema).max(200).default([]),
  institutions: InstitutionsSchema.default({ lpm: false, bkm: false, pkk: false, karangTaruna: false, posyanduCount: 0, others: '' }),
  infrastructure: InfrastructureSchema.default({
    description: '',
    flags: { roadsPoor: false, drainagePoor: false, noSewerage: false, noWasteCollection: false, limitedCleanWater: false },
  }),
  hazards: HazardsSchema.default({ flood: false, rob: false, affectedRws: [], note: '' }),
  funding: z.array(FundingItemSchema).max(200).default([]),
  notes: text(4000).default(''),
});
export type VillageProfileData = z.infer<typeof VillageProfileDataSchema>;
export type VillageProfileDataInput = z.input<typeof VillageProfileDataSchema>;

export const VillageProfileSchema = z.object({
  pairingId: z.number().int(),
  /** false until someone saves the profile the first time (data is then the empty profile) */
  saved: z.boolean(),
  data: VillageProfileDataSchema,
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
});
export type VillageProfile = z.infer<typeof VillageProfileSchema>;

// ---- problems and potentials ------------------------------------------------------------------

export const ProblemStatusSchema = z.enum(['proposed', 'accepted', 'dismissed']);
export type ProblemStatus = z.infer<typeof ProblemStatusSchema>;
export const ProblemOriginSchema = z.enum(['mentor', 'registry', 'carried_over']);
export const EvalOutcomeSchema = z.enum(['addressed', 'partly', 'not']);
export type EvalOutcome = z.infer<typeof EvalOutcomeSchema>;

export const ProblemSchema = z.object({
  id: z.number().int(),
  pairingId: z.number().int(),
  kind: ProblemKindSchema,
  category: ProblemCategorySchema,
  title: z.string(),
  description: z.string().nullable(),
  evidence: z.string().nullable(),
  severity: SeveritySchema,
  rw: z.string().nullable(),
  rt: z.string().nullable(),
  status: ProblemStatusSchema,
  origin: ProblemOriginSchema,
  proposalKey: z.string().nullable(),
  indicatorKey: IndicatorKeySchema.nullable(),
  baselineValue: z.number().nullable(),
  baselineDate: IsoDateSchema.nullable(),
  dismissedReason: z.string().nullable(),
  carriedFromId: z.number().int().nullable(),
  evalOutcome: EvalOutcomeSchema.nullable(),
  evalReason: z.string().nullable(),
  evalValue: z.number().nullable(),
  evaluatedAt: z.string().nullable(),
  /** the affected families (ids of the village's families) */
  familyIds: z.array(z.number().int()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Problem = z.infer<typeof ProblemSchema>;

/** The editable fields; nothing has a default so PATCH can send only what changed. */
const problemFields = {
  kind: ProblemKindSchema,
  category: ProblemCategorySchema,
  title: z.string().trim().min(3, 'Judul minimal 3 huruf').max(300),
  description: text(4000).nullable(),
  evidence: text(4000).nullable(),
  severity: SeveritySchema,
  rw: RwSchema.nullable(),
  rt: RwSchema.nullable(),
  familyIds: z.array(z.number().int().positive()).max(5000),
};

/** A mentor's problem; with an indicator key its baseline is counted from the registry at creation. */
export const ProblemInputSchema = z.object({
  ...problemFields,
  kind: problemFields.kind.optional(),
  description: problemFields.description.optional(),
  evidence: problemFields.evidence.optional(),
  severity: problemFields.severity.optional(),
  rw: problemFields.rw.optional(),
  rt: problemFields.rt.optional(),
  familyIds: problemFields.familyIds.optional(),
  indicatorKey: IndicatorKeySchema.nullable().optional(),
});
export type ProblemInput = z.input<typeof ProblemInputSchema>;

export const ProblemPatchSchema = z.object(problemFields).partial();
export type ProblemPatch = z.input<typeof ProblemPatchSchema>;

export const DismissSchema = z.object({
  reason: z.string().trim().min(5, 'Alasan minimal 5 huruf').max(1000),
});

export const ProblemListQuerySchema = z.object({
  status: z.enum(['proposed', 'accepted', 'dismissed', 'all']).default('all'),
});

export const ProposeResultSchema = z.object({
  created: z.array(ProblemSchema),
  /** proposals already made earlier (accepted, open or dismissed): not proposed again */
  skipped: z.number().int(),
});
export type ProposeResult = z.infer<typeof ProposeResultSchema>;

// ---- Form 2: low-welfare families and their field verification ---------------------------------

export const VerificationStatusSchema = z.enum(['confirmed', 'needs_help', 'improved', 'moved', 'not_found']);
export type VerificationStatus = z.infer<typeof VerificationStatusSchema>;

export const VerificationInputSchema = z.object({
  status: VerificationStatusSchema,
  note: text(2000).nullable().optional(),
  /** defaults to today */
  verifiedOn: IsoDateSchema.optional(),
});
export type VerificationInput = z.input<typeof VerificationInputSchema>;

export const VerificationSchema = z.object({
  familyId: z.number().int(),
  status: VerificationStatusSchema,
  note: z.string().nullable(),
  verifiedOn: IsoDateSchema,
  verifiedByName: z.string().nullable(),
});
export type Verification = z.infer<typeof VerificationSchema>;

export const LowWelfareQuerySchema = z.object({
  rw: RwSchema.optional(),
  status: z.enum(['unverified', 'confirmed', 'needs_help', 'improved', 'moved', 'not_found']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type LowWelfareQuery = z.input<typeof LowWelfareQuerySchema>;

export const LowWelfareFamilySchema = z.object({
  familyId: z.number().int(),
  /** null for roles that see aggregates only (viewer, supervisor) */
  headName: z.string().nullable(),
  rt: z.string().nullable(),
  rw: z.string().nullable(),
  desil: z.number().int().nullable(),
  synthetic: z.boolean(),
  verification: VerificationSchema.nullable(),
});
export type LowWelfareFamily = z.infer<typeof LowWelfareFamilySchema>;

export const VerificationCountsSchema = z.object({
  total: z.number().int(),
  unverified: z.number().int(),
  confirmed: z.number().int(),
  needs_help: z.number().int(),
  improved: z.number().int(),
  moved: z.number().int(),
  not_found: z.number().int(),
});
export type VerificationCounts = z.infer<typeof VerificationCountsSchema>;

export const LowWelfarePageSchema = z.object({
  items: z.array(LowWelfareFamilySchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  /** per verification status over the village's (or the RW's) desil 1–4 families */
  counts: VerificationCountsSchema,
  namesHidden: z.boolean(),
});
export type LowWelfarePage = z.infer<typeof LowWelfarePageSchema>;
