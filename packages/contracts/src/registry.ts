/**
 * The family registry (issue 3): keluarga (one No KK) and their members (persons, one NIK),
 * as normalised from DTSEN / DTKS / P3KE / local survey files. Field groups follow the
 * Regsosek 2022 questionnaire (research/domain.md §3.8). Codes are English snake_case;
 * the UI labels them in Bahasa Indonesia.
 */
import { z } from 'zod';

export const SourceKindSchema = z.enum(['dtsen', 'dtks', 'p3ke', 'local_survey', 'synthetic']);
export type SourceKind = z.infer<typeof SourceKindSchema>;

export const SexSchema = z.enum(['male', 'female']);
export const RelationshipSchema = z.enum(['head', 'spouse', 'child', 'child_in_law', 'grandchild', 'parent', 'domestic_worker', 'other']);
export const TenureSchema = z.enum(['own', 'rent', 'rent_free', 'official', 'other']);
export const FloorTypeSchema = z.enum([
  'marble_granite',
  'ceramic',
  'parquet_vinyl',
  'cement_brick',
  'wood_plank',
  'bamboo',
  'earth',
  'other',
]);
export const WallTypeSchema = z.enum(['masonry', 'plaster_woven_bamboo', 'wood_plank', 'woven_bamboo', 'wood_log', 'bamboo', 'other']);
export const RoofTypeSchema = z.enum(['concrete', 'clay_tile', 'asbestos', 'zinc', 'wood_shingle', 'bamboo', 'thatch', 'other']);
export const ConditionSchema = z.enum(['good', 'poor']);
export const DrinkingWaterSchema = z.enum([
  'bottled',
  'refill',
  'piped',
  'bore_well',
  'protected_well',
  'unprotected_well',
  'protected_spring',
  'unprotected_spring',
  'surface',
  'rain',
  'other',
]);
export const ToiletSchema = z.enum(['own', 'shared', 'communal', 'public', 'none']);
export const SewageSchema = z.enum(['septic_tank', 'ipal', 'pit', 'water_body', 'open_ground', 'other']);
export const LightingSchema = z.enum(['pln_metered', 'pln_unmetered', 'non_pln', 'none']);
export const CookingFuelSchema = z.enum([
  'electricity',
  'lpg_3kg',
  'lpg_large',
  'city_gas',
  'biogas',
  'kerosene',
  'briquette',
  'charcoal',
  'wood',
  'none',
  'other',
]);
export const AssetSchema = z.enum([
  'lpg_3kg',
  'fridge',
  'air_conditioner',
  'water_heater',
  'landline',
  'television',
  'gold_10g',
  'bank_account',
  'computer',
  'bicycle',
  'motorbike',
  'car',
  'boat',
  'smartphone',
  'land',
  'house_elsewhere',
  'livestock',
]);
/** Social-protection programmes received by the family or person (with the period when given). */
export const ProgramCodeSchema = z.enum(['pkh', 'bpnt', 'pbi_jk', 'pip', 'blt', 'bst', 'electricity_subsidy', 'other']);
export const EducationSchema = z.enum(['none', 'sd', 'smp', 'sma', 'diploma', 'bachelor', 'postgraduate', 'paket_a', 'paket_b', 'paket_c']);
export const SchoolParticipationSchema = z.enum(['never', 'attending', 'not_attending', 'not_yet']);
export const WorkStatusSchema = z.enum(['working', 'not_working', 'school', 'housekeeping', 'other']);
/** Washington Group short set, plus the Regsosek additions. */
export const DisabilitySchema = z.enum([
  'seeing',
  'hearing',
  'walking',
  'hands',
  'learning',
  'remembering',
  'behaviour',
  'communicating',
  'self_care',
]);
export const JknStatusSchema = z.enum(['pbi', 'non_pbi', 'none']);
export const NutritionStatusSchema = z.enum(['normal', 'stunting', 'wasting', 'underweight', 'overweight']);

/**
 * One normalised row of an import file: a person and the family they belong to. Files repeat the
 * family columns on every member row; the family fields of the head's row win.
 */
export const RegistryRecordSchema = z.object({
  // family
  noKk: z.string().regex(/^\d{16}$/),
  sourceId: z.string().nullable(),
  villageCode: z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/),
  address: z.string().nullable(),
  hamlet: z.string().nullable(),
  rt: z
    .string()
    .regex(/^\d{3}$/)
    .nullable(),
  rw: z
    .string()
    .regex(/^\d{3}$/)
    .nullable(),
  desil: z.number().int().min(1).max(10).nullable(),
  tenure: TenureSchema.nullable(),
  floorAreaM2: z.number().positive().max(10000).nullable(),
  floorType: FloorTypeSchema.nullable(),
  wallType: WallTypeSchema.nullable(),
  wallCondition: ConditionSchema.nullable(),
  roofType: RoofTypeSchema.nullable(),
  roofCondition: ConditionSchema.nullable(),
  drinkingWater: DrinkingWaterSchema.nullable(),
  toilet: ToiletSchema.nullable(),
  sewage: SewageSchema.nullable(),
  lighting: LightingSchema.nullable(),
  electricityVa: z.number().int().positive().max(100000).nullable(),
  cookingFuel: CookingFuelSchema.nullable(),
  assets: z.array(AssetSchema).nullable(),
  familyPrograms: z.array(ProgramCodeSchema).nullable(),
  // person
  nik: z.string().regex(/^\d{16}$/),
  name: z.string().min(1).max(200),
  sex: SexSchema.nullable(),
  birthDate: z.iso.date().nullable(),
  birthPlace: z.string().nullable(),
  relationship: RelationshipSchema.nullable(),
  motherName: z.string().nullable(),
  education: EducationSchema.nullable(),
  schoolParticipation: SchoolParticipationSchema.nullable(),
  workStatus: WorkStatusSchema.nullable(),
  disabilities: z.array(DisabilitySchema).nullable(),
  chronicIllness: z.boolean().nullable(),
  jkn: JknStatusSchema.nullable(),
  nutritionStatus: NutritionStatusSchema.nullable(),
  personPrograms: z.array(ProgramCodeSchema).nullable(),
});
export type RegistryRecord = z.infer<typeof RegistryRecordSchema>;
export type RegistryField = keyof RegistryRecord;

/**
 * Extra input-only fields: region NAMES (DTKS layout) that the importer resolves to a village code
 * against the region list and its aliases; an ambiguous or unknown name is a row error, never a guess.
 */
export const RegionNameFieldSchema = z.enum(['provinceName', 'regencyName', 'districtName', 'villageName']);
export type RegionNameField = z.infer<typeof RegionNameFieldSchema>;

/** A rejected value: where (row, column), what, and why in both languages. */
export const RowIssueSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  field: z.string().nullable(),
  value: z.string(),
  code: z.string(),
  message: z.string(),
  messageEn: z.string(),
});
export type RowIssue = z.infer<typeof RowIssueSchema>;

const Counts = z.object({ inserted: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });

export const ImportSummarySchema = z.object({
  importId: z.number().int().nullable(),
  dryRun: z.boolean(),
  status: z.enum(['completed', 'dry_run', 'failed', 'aborted', 'running']),
  sourceKind: SourceKindSchema,
  fileName: z.string(),
  fileSha256: z.string(),
  rowsRead: z.number().int(),
  families: Counts,
  persons: Counts,
  rejectedRows: z.number().int(),
  flaggedForReview: z.number().int(),
  durationMs: z.number(),
});
export type ImportSummary = z.infer<typeof ImportSummarySchema>;
