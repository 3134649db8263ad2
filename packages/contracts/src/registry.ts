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
/** `tile_terrazzo` (ubin/tegel/teraso) is its own Regsosek 2022 answer (code 4), between ceramic and cement. */
export const FloorTypeSchema = z.enum([
  'marble_granite',
  'ceramic',
  'parquet_vinyl',
  'cement_brick',
  'wood_plank',
  'bamboo',
  'earth',
  'other',
  'tile_terrazzo',
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

// ---- API shapes ----------------------------------------------------------------------------

const booleanQuery = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const FamilySearchQuerySchema = z.object({
  /** a 16-digit NIK or No KK finds exactly; anything else searches names (partial, spelling variants) */
  q: z.string().trim().max(100).optional(),
  villageCode: z
    .string()
    .regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/)
    .optional(),
  rt: z
    .string()
    .regex(/^\d{1,3}$/)
    .optional(),
  rw: z
    .string()
    .regex(/^\d{1,3}$/)
    .optional(),
  desilMin: z.coerce.number().int().min(1).max(10).optional(),
  desilMax: z.coerce.number().int().min(1).max(10).optional(),
  toilet: ToiletSchema.optional(),
  drinkingWater: DrinkingWaterSchema.optional(),
  floorType: FloorTypeSchema.optional(),
  noOwnToilet: booleanQuery,
  needsReview: booleanQuery,
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type FamilySearchQuery = z.output<typeof FamilySearchQuerySchema>;
export type FamilySearchQueryInput = z.input<typeof FamilySearchQuerySchema>;

export const FamilyStatusSchema = z.enum(['active', 'moved', 'dissolved', 'not_found']);
export const PersonStatusSchema = z.enum(['present', 'moved', 'died', 'not_found']);

export const FamilyListItemSchema = z.object({
  id: z.number().int(),
  noKkMasked: z.string(),
  headName: z.string().nullable(),
  villageCode: z.string(),
  villageName: z.string(),
  rt: z.string().nullable(),
  rw: z.string().nullable(),
  address: z.string().nullable(),
  desil: z.number().int().nullable(),
  members: z.number().int(),
  toilet: z.string().nullable(),
  status: FamilyStatusSchema,
  reviewReason: z.string().nullable(),
  synthetic: z.boolean(),
});
export type FamilyListItem = z.infer<typeof FamilyListItemSchema>;

export const FamilyListSchema = z.object({
  items: z.array(FamilyListItemSchema),
  /** exact up to 10,000 (1,000 for a name search); `totalCapped` says when there are more */
  total: z.number().int(),
  totalCapped: z.boolean(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const ValueSourceSchema = z.object({
  importId: z.number().int(),
  sourceKind: SourceKindSchema,
  datasetLabel: z.string().nullable(),
  period: z.string(),
  fileName: z.string(),
});
export type ValueSource = z.infer<typeof ValueSourceSchema>;

export const PersonViewSchema = z.object({
  id: z.number().int(),
  nikMasked: z.string(),
  name: z.string(),
  sex: SexSchema.nullable(),
  birthDate: z.string().nullable(),
  birthPlace: z.string().nullable(),
  relationship: RelationshipSchema.nullable(),
  motherNameMasked: z.string().nullable(),
  education: z.string().nullable(),
  schoolParticipation: z.string().nullable(),
  workStatus: z.string().nullable(),
  disabilities: z.array(z.string()).nullable(),
  chronicIllness: z.boolean().nullable(),
  jkn: z.string().nullable(),
  nutritionStatus: z.string().nullable(),
  personPrograms: z.array(z.string()).nullable(),
  status: PersonStatusSchema,
  statusDate: z.string().nullable(),
  statusReason: z.string().nullable(),
  reviewReason: z.string().nullable(),
  /** field -> source of its current value */
  sources: z.record(z.string(), ValueSourceSchema),
});
export type PersonView = z.infer<typeof PersonViewSchema>;

export const FamilyDetailSchema = z.object({
  id: z.number().int(),
  noKkMasked: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  districtName: z.string(),
  sourceKind: SourceKindSchema,
  sourceId: z.string().nullable(),
  synthetic: z.boolean(),
  status: FamilyStatusSchema,
  statusDate: z.string().nullable(),
  statusReason: z.string().nullable(),
  reviewReason: z.string().nullable(),
  /** every RegistryRecord family field with its current value */
  fields: z.record(z.string(), z.unknown()),
  sources: z.record(z.string(), ValueSourceSchema),
  members: z.array(PersonViewSchema),
  desilHistory: z.array(
    z.object({ period: z.string(), desil: z.number().int().nullable(), sourceKind: SourceKindSchema, importId: z.number().int() }),
  ),
  snapshots: z.array(z.object({ id: z.number().int(), period: z.string(), importId: z.number().int(), sourceKind: SourceKindSchema })),
});
export type FamilyDetail = z.infer<typeof FamilyDetailSchema>;

export const SnapshotViewSchema = z.object({
  id: z.number().int(),
  familyId: z.number().int(),
  period: z.string(),
  importId: z.number().int(),
  sourceKind: SourceKindSchema,
  desil: z.number().int().nullable(),
  /** the family as that import saw it; identifiers masked */
  data: z.record(z.string(), z.unknown()),
});

export const RevealInputSchema = z.object({
  reason: z.string().trim().min(10, 'Tuliskan alasan (minimal 10 huruf)').max(500),
});
export const RevealResultSchema = z.object({ field: z.string(), value: z.string().nullable() });

export const FamilyStatusInputSchema = z.object({
  status: FamilyStatusSchema,
  date: z.iso.date(),
  reason: z.string().trim().min(5).max(500),
});
export const PersonStatusInputSchema = z.object({
  status: PersonStatusSchema,
  date: z.iso.date(),
  reason: z.string().trim().min(5).max(500),
});

export const ImportStartQuerySchema = z.object({
  fileName: z.string().trim().min(1).max(200),
  sourceKind: SourceKindSchema,
  period: z.iso.date(),
  datasetLabel: z.string().trim().max(200).optional(),
  dryRun: booleanQuery,
  /** false = a partial file (one RT, a survey): families absent from it are not flagged */
  fullSnapshot: booleanQuery,
  mappingId: z.coerce.number().int().positive().optional(),
});

export const ImportViewSchema = z.object({
  id: z.number().int(),
  sourceKind: SourceKindSchema,
  datasetLabel: z.string().nullable(),
  period: z.string(),
  fileName: z.string(),
  fileBytes: z.number(),
  status: z.enum(['running', 'completed', 'dry_run', 'failed', 'aborted']),
  phase: z.string().nullable(),
  dryRun: z.boolean(),
  synthetic: z.boolean(),
  bytesRead: z.number(),
  rowsRead: z.number().int(),
  rejectedRows: z.number().int(),
  counts: z
    .object({
      families: z.object({ inserted: z.number(), updated: z.number(), unchanged: z.number() }),
      persons: z.object({ inserted: z.number(), updated: z.number(), unchanged: z.number() }),
      flaggedForReview: z.number(),
    })
    .nullable(),
  error: z.string().nullable(),
  startedByName: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportView = z.infer<typeof ImportViewSchema>;

export const ImportIssuesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ImportMappingSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  sourceKind: SourceKindSchema,
  columns: z.record(z.string(), z.string().nullable()),
});
export const ImportMappingInputSchema = z.object({
  name: z.string().trim().min(3).max(100),
  sourceKind: SourceKindSchema,
  columns: z.record(z.string(), z.string().nullable()),
});

/** Anonymous-safe aggregates per village: counts by desil; no names. */
export const RegistryStatsSchema = z.object({
  villages: z.array(
    z.object({
      villageCode: z.string(),
      villageName: z.string(),
      families: z.number().int(),
      persons: z.number().int(),
      byDesil: z.record(z.string(), z.number().int()),
      noOwnToilet: z.number().int(),
    }),
  ),
  synthetic: z.boolean(),
});
