/**
 * Shared vocabulary of the mentoring cycle (a pairing's workspace): problem categories, terms,
 * funding sources, planning channels, family criteria and the registry-derived indicators.
 * The step-specific shapes live in assessment.ts, plans.ts, delivery.ts, reports.ts,
 * supervision.ts and evaluation.ts.
 */
import { z } from 'zod';

/** Problem and potential categories (DOMAIN.md §3; the 7 slum aspects of Permen PUPR 14/2018). */
export const ProblemCategorySchema = z.enum([
  'housing_rtlh',
  'slum_buildings',
  'slum_roads',
  'slum_drinking_water',
  'slum_drainage',
  'slum_wastewater',
  'slum_solid_waste',
  'slum_fire_protection',
  'child_friendly_home',
  'stunting',
  'income_umkm',
  'education',
  'health',
  'social_protection',
  'civil_documents',
  'environment_rob',
  'other',
]);
export type ProblemCategory = z.infer<typeof ProblemCategorySchema>;

export const ProblemKindSchema = z.enum(['problem', 'potential']);
export const SeveritySchema = z.enum(['low', 'medium', 'high']);

/** jangka pendek (within the year) | menengah (1–5 years) | panjang (beyond) */
export const TermSchema = z.enum(['short', 'medium', 'long']);

export const FundingSourceSchema = z.enum([
  'apbn',
  'apbd_provinsi',
  'apbd_kota',
  'dak',
  'dana_kelurahan',
  'blud',
  'baznas',
  'csr',
  'swadaya',
  'other',
]);
export type FundingSource = z.infer<typeof FundingSourceSchema>;

export const PlanningChannelSchema = z.enum([
  'dpa_current',
  'dana_kelurahan',
  'musrenbang',
  'renja',
  'rkpd',
  'rpjmd_rpkd',
  'csr_baznas',
  'other',
]);

export const PartnerKindSchema = z.enum(['csr', 'baznas', 'university', 'community', 'other']);

/**
 * Criteria that choose families of one village from the registry: used by the registry's problem
 * proposals, the plan's target families (eligibility) and the indicators. All given criteria must hold.
 */
export const FamilyCriteriaSchema = z.object({
  desilMin: z.number().int().min(1).max(10).optional(),
  desilMax: z.number().int().min(1).max(10).optional(),
  rw: z
    .string()
    .regex(/^\d{1,3}$/)
    .optional(),
  rt: z
    .string()
    .regex(/^\d{1,3}$/)
    .optional(),
  /** toilet is not the family's own (shared, communal, public, none) */
  noOwnToilet: z.boolean().optional(),
  /** drinking water from an unprotected well or spring, surface or rain water */
  unsafeWater: z.boolean().optional(),
  /** RTLH proxy: earth floor, or wall or roof in poor condition, or < 7.2 m² per person */
  unfitHouse: z.boolean().optional(),
  /** no PLN electricity */
  noElectricity: z.boolean().optional(),
  /** a child aged 7–18 who is not attending school */
  childOutOfSchool: z.boolean().optional(),
  /** an under-five recorded as stunted */
  stuntedChild: z.boolean().optional(),
  /** a member without JKN health insurance */
  memberWithoutJkn: z.boolean().optional(),
});
export type FamilyCriteria = z.infer<typeof FamilyCriteriaSchema>;

/** Indicators the system computes from the registry for one village (counts of families). */
export const IndicatorKeySchema = z.enum([
  'families_desil_1_4',
  'families_desil_1',
  'no_own_toilet_desil_1_4',
  'unsafe_water_desil_1_4',
  'unfit_house_desil_1_4',
  'no_electricity_desil_1_4',
  'child_out_of_school',
  'stunted_child',
  'member_without_jkn_desil_1_4',
]);
export type IndicatorKey = z.infer<typeof IndicatorKeySchema>;

export const IndicatorValueSchema = z.object({
  key: IndicatorKeySchema,
  value: z.number(),
  unit: z.literal('families'),
  villageCode: z.string(),
  /** when it was computed */
  at: z.string(),
});
export type IndicatorValue = z.infer<typeof IndicatorValueSchema>;

/** What the actor may do in a workspace; the UI hides what the API would refuse. */
export const WorkspaceAccessSchema = z.object({
  read: z.literal(true),
  /** record assessment, plan, interventions and reports (the pairing's mentors and operator) */
  author: z.boolean(),
  /** approve plans, accept/return reports, unlock months (Bappeda admins) */
  review: z.boolean(),
  /** visits, follow-ups and spot-checks (admins and supervisors) */
  supervise: z.boolean(),
});
export type WorkspaceAccess = z.infer<typeof WorkspaceAccessSchema>;

/** Rupiah amounts are whole numbers. */
export const RupiahSchema = z.number().int().min(0).max(1_000_000_000_000_000);

/** GET /api/pairings/:id/workspace: what the workspace shell needs. */
export const WorkspaceSummarySchema = z.object({
  pairingId: z.number().int(),
  year: z.number().int(),
  opdId: z.number().int(),
  opdName: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  status: z.string(),
  yearStatus: z.string(),
  access: WorkspaceAccessSchema,
  /** registry-derived indicators of the village now */
  indicators: z.array(IndicatorValueSchema.extend({ label: z.string(), labelEn: z.string() })),
});
export type WorkspaceSummary = z.infer<typeof WorkspaceSummarySchema>;
