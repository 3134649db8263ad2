/** Plan: plan items per problem, target families, indicator targets, approval and versions. */
import { z } from 'zod';
import { IsoDateSchema, IsoDateTimeSchema } from './common.ts';
import {
  FamilyCriteriaSchema,
  FundingSourceSchema,
  IndicatorKeySchema,
  PartnerKindSchema,
  PlanningChannelSchema,
  RupiahSchema,
  TermSchema,
} from './workspace.ts';

export const PlanStatusSchema = z.enum(['draft', 'submitted', 'approved', 'returned']);
export type PlanStatus = z.infer<typeof PlanStatusSchema>;
export const PlanItemStatusSchema = z.enum(['active', 'cancelled', 'done']);

export const PartnerSchema = z.object({ kind: PartnerKindSchema, name: z.string().trim().min(1).max(200) });
export type Partner = z.infer<typeof PartnerSchema>;

const Year = z.number().int().min(2000).max(2100);
/** Why an approved plan is changed: required when the change opens a new version. */
const ChangeReason = z.string().trim().min(3).max(1000).optional();

export const IndicatorTargetInputSchema = z.object({
  name: z.string().trim().min(1).max(300),
  unit: z.string().trim().min(1).max(50),
  indicatorKey: IndicatorKeySchema.optional(),
  /** defaults to the indicator's value now when indicatorKey is given; required otherwise */
  baseline: z.number().min(0).optional(),
  target: z.number().min(0),
  targetDate: IsoDateSchema,
});
export type IndicatorTargetInput = z.infer<typeof IndicatorTargetInputSchema>;

const itemFields = {
  problemId: z.number().int().positive(),
  title: z.string().trim().min(3).max(300),
  description: z.string().trim().max(5000).nullable().optional(),
  term: TermSchema,
  startYear: Year,
  endYear: Year,
  /** the OPD responsible; defaults to the pairing's OPD */
  responsibleOpdId: z.number().int().positive().optional(),
  partners: z.array(PartnerSchema).max(20).default([]),
  /** code of the kind of help (jamban, rtlh, beasiswa...), used for duplicate flags */
  helpType: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9_-]{2,40}$/, 'Kode jenis bantuan: huruf kecil, angka, _ atau - (contoh: jamban)'),
  outputVolume: z.number().min(0).nullable().optional(),
  outputUnit: z.string().trim().max(50).nullable().optional(),
  estimatedCost: RupiahSchema.nullable().optional(),
  fundingSource: FundingSourceSchema.nullable().optional(),
  planningChannel: PlanningChannelSchema.nullable().optional(),
  dueOn: IsoDateSchema.nullable().optional(),
  indicatorTargets: z.array(IndicatorTargetInputSchema).max(20).default([]),
};

export const PlanItemInputSchema = z.object({ ...itemFields, changeReason: ChangeReason });
export type PlanItemInput = z.input<typeof PlanItemInputSchema>;

/** Edit an item: every field optional; indicatorTargets, when given, replaces the list. */
export const PlanItemPatchSchema = z.object({
  problemId: itemFields.problemId.optional(),
  title: itemFields.title.optional(),
  description: itemFields.description,
  term: TermSchema.optional(),
  startYear: Year.optional(),
  endYear: Year.optional(),
  responsibleOpdId: itemFields.responsibleOpdId,
  partners: z.array(PartnerSchema).max(20).optional(),
  helpType: itemFields.helpType.optional(),
  outputVolume: itemFields.outputVolume,
  outputUnit: itemFields.outputUnit,
  estimatedCost: itemFields.estimatedCost,
  fundingSource: itemFields.fundingSource,
  planningChannel: itemFields.planningChannel,
  dueOn: itemFields.dueOn,
  indicatorTargets: z.array(IndicatorTargetInputSchema).max(20).optional(),
  changeReason: ChangeReason,
});
export type PlanItemPatch = z.input<typeof PlanItemPatchSchema>;

export const PlanItemCancelSchema = z.object({
  reason: z.string().trim().min(3).max(1000),
  changeReason: ChangeReason,
});

/** Target families: explicit ids of the village, or eligibility criteria resolved on the registry now. */
export const TargetFamiliesInputSchema = z
  .object({
    familyIds: z.array(z.number().int().positive()).max(5000).optional(),
    criteria: FamilyCriteriaSchema.optional(),
    changeReason: ChangeReason,
  })
  .refine((v) => (v.familyIds === undefined) !== (v.criteria === undefined), {
    message: 'Kirim familyIds atau criteria (salah satu)',
    path: ['familyIds'],
  });
export type TargetFamiliesInput = z.input<typeof TargetFamiliesInputSchema>;

export const EligibleQuerySchema = z.object({ criteria: FamilyCriteriaSchema });
export const EligibleCountSchema = z.object({ count: z.number().int(), familyIds: z.array(z.number().int()) });
export type EligibleCount = z.infer<typeof EligibleCountSchema>;

export const PlanSubmitSchema = z.object({ note: z.string().trim().max(1000).optional() });
export const PlanReturnSchema = z.object({ comment: z.string().trim().min(3).max(2000) });
export const PlanApproveSchema = z.object({ comment: z.string().trim().max(2000).optional() });

export const IndicatorTargetSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  unit: z.string(),
  indicatorKey: IndicatorKeySchema.nullable(),
  baseline: z.number(),
  target: z.number(),
  targetDate: z.string(),
});
export type IndicatorTarget = z.infer<typeof IndicatorTargetSchema>;

export const PlanItemSchema = z.object({
  id: z.number().int(),
  problemId: z.number().int(),
  problemTitle: z.string(),
  problemCategory: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  term: TermSchema,
  startYear: z.number().int(),
  endYear: z.number().int(),
  responsibleOpdId: z.number().int(),
  responsibleOpdName: z.string(),
  partners: z.array(PartnerSchema),
  helpType: z.string(),
  outputVolume: z.number().nullable(),
  outputUnit: z.string().nullable(),
  estimatedCost: z.number().nullable(),
  fundingSource: z.string().nullable(),
  planningChannel: z.string().nullable(),
  dueOn: z.string().nullable(),
  status: PlanItemStatusSchema,
  /** why it was cancelled (from the audit trail) */
  cancelReason: z.string().nullable(),
  targetFilter: FamilyCriteriaSchema.nullable(),
  targetFamilyCount: z.number().int(),
  indicatorTargets: z.array(IndicatorTargetSchema),
});
export type PlanItem = z.infer<typeof PlanItemSchema>;

export const PlanVersionSummarySchema = z.object({
  version: z.number().int(),
  changeReason: z.string().nullable(),
  approvedAt: IsoDateTimeSchema,
  approvedByName: z.string().nullable(),
  itemCount: z.number().int(),
});

export const PlanSchema = z.object({
  pairingId: z.number().int(),
  status: PlanStatusSchema,
  version: z.number().int(),
  /** why the current (unapproved) version was opened */
  changeReason: z.string().nullable(),
  submittedAt: IsoDateTimeSchema.nullable(),
  reviewedAt: IsoDateTimeSchema.nullable(),
  reviewComment: z.string().nullable(),
  items: z.array(PlanItemSchema),
  versions: z.array(PlanVersionSummarySchema),
});
export type Plan = z.infer<typeof PlanSchema>;

export const PlanVersionSchema = z.object({
  version: z.number().int(),
  changeReason: z.string().nullable(),
  approvedAt: IsoDateTimeSchema,
  approvedByName: z.string().nullable(),
  items: z.array(PlanItemSchema),
});
export type PlanVersion = z.infer<typeof PlanVersionSchema>;
