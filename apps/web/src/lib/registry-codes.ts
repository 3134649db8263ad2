/**
 * The registry's code values (English snake_case in the API) and how the UI labels them.
 * Labels live in the i18n dictionaries under `code.<group>.<value>`; this module only knows
 * which values exist (straight from the contracts) and how to format a field's value, so it
 * stays free of React and is unit-tested for completeness in both languages.
 */
import {
  AssetSchema,
  ConditionSchema,
  CookingFuelSchema,
  DisabilitySchema,
  DrinkingWaterSchema,
  EducationSchema,
  FamilyStatusSchema,
  FloorTypeSchema,
  ImportViewSchema,
  JknStatusSchema,
  LightingSchema,
  NutritionStatusSchema,
  PersonStatusSchema,
  ProgramCodeSchema,
  RelationshipSchema,
  RoofTypeSchema,
  SchoolParticipationSchema,
  SewageSchema,
  SexSchema,
  SourceKindSchema,
  TenureSchema,
  ToiletSchema,
  WallTypeSchema,
  WorkStatusSchema,
} from '@dampingan/contracts';

export const CODE_GROUPS = {
  sourceKind: SourceKindSchema.options,
  sex: SexSchema.options,
  relationship: RelationshipSchema.options,
  tenure: TenureSchema.options,
  floorType: FloorTypeSchema.options,
  wallType: WallTypeSchema.options,
  roofType: RoofTypeSchema.options,
  condition: ConditionSchema.options,
  drinkingWater: DrinkingWaterSchema.options,
  toilet: ToiletSchema.options,
  sewage: SewageSchema.options,
  lighting: LightingSchema.options,
  cookingFuel: CookingFuelSchema.options,
  asset: AssetSchema.options,
  program: ProgramCodeSchema.options,
  education: EducationSchema.options,
  schoolParticipation: SchoolParticipationSchema.options,
  workStatus: WorkStatusSchema.options,
  disability: DisabilitySchema.options,
  jkn: JknStatusSchema.options,
  nutrition: NutritionStatusSchema.options,
  familyStatus: FamilyStatusSchema.options,
  personStatus: PersonStatusSchema.options,
  importStatus: ImportViewSchema.shape.status.options,
  /** phases the import pipeline reports (registry.import.ts ImportProgress) */
  importPhase: ['reading', 'merging', 'done'],
  /** review flags the merge sets (registry.merge.ts); not an enum in the contracts yet */
  reviewReason: ['missing_from_snapshot'],
  severity: ['error', 'warning'],
} as const;

export type CodeGroup = keyof typeof CODE_GROUPS;

export function codeKey(group: CodeGroup, value: string): string {
  return `code.${group}.${value}`;
}

/** The family-level fields shown on the family page, grouped as the Regsosek questionnaire does. */
export const FAMILY_FIELD_GROUPS = [
  { key: 'location', fields: ['sourceId', 'address', 'hamlet', 'rt', 'rw', 'villageCode', 'desil'] },
  {
    key: 'housing',
    fields: ['tenure', 'floorAreaM2', 'floorType', 'wallType', 'wallCondition', 'roofType', 'roofCondition'],
  },
  { key: 'water', fields: ['drinkingWater', 'toilet', 'sewage'] },
  { key: 'energy', fields: ['lighting', 'electricityVa', 'cookingFuel'] },
  { key: 'assets', fields: ['assets', 'familyPrograms'] },
] as const;

export type FamilyFieldGroup = (typeof FAMILY_FIELD_GROUPS)[number]['key'];

/** Person fields in the order the members' tables show them. */
export const PERSON_FIELDS = [
  'nik',
  'name',
  'sex',
  'birthDate',
  'birthPlace',
  'relationship',
  'motherName',
  'education',
  'schoolParticipation',
  'workStatus',
  'disabilities',
  'chronicIllness',
  'jkn',
  'nutritionStatus',
  'personPrograms',
] as const;

/** Which code group labels a field's value (lists are labelled item by item). */
export const FIELD_CODE_GROUP: Readonly<Record<string, CodeGroup>> = {
  tenure: 'tenure',
  floorType: 'floorType',
  wallType: 'wallType',
  wallCondition: 'condition',
  roofType: 'roofType',
  roofCondition: 'condition',
  drinkingWater: 'drinkingWater',
  toilet: 'toilet',
  sewage: 'sewage',
  lighting: 'lighting',
  cookingFuel: 'cookingFuel',
  assets: 'asset',
  familyPrograms: 'program',
  sex: 'sex',
  relationship: 'relationship',
  education: 'education',
  schoolParticipation: 'schoolParticipation',
  workStatus: 'workStatus',
  disabilities: 'disability',
  jkn: 'jkn',
  nutritionStatus: 'nutrition',
  personPrograms: 'program',
};

export interface FormatContext {
  /** the label of a code, or the code itself when the dictionary has none */
  label: (group: CodeGroup, value: string) => string;
  locale: string;
  yes: string;
  no: string;
  /** formats a calendar date `YYYY-MM-DD` */
  date: (iso: string) => string;
}

const EMPTY = '—';

/** A registry field's value as the UI shows it: codes labelled, units added, empty as a dash. */
export function formatFieldValue(field: string, value: unknown, ctx: FormatContext): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  const group = FIELD_CODE_GROUP[field];
  if (Array.isArray(value)) {
    if (value.length === 0) return EMPTY;
    return value.map((v) => (group ? ctx.label(group, String(v)) : String(v))).join(', ');
  }
  if (typeof value === 'boolean') return value ? ctx.yes : ctx.no;
  if (group) return ctx.label(group, String(value));
  if (typeof value === 'number') {
    const n = new Intl.NumberFormat(ctx.locale, { maximumFractionDigits: 1 }).format(value);
    if (field === 'floorAreaM2') return `${n} m²`;
    if (field === 'electricityVa') return `${n} VA`;
    return n;
  }
  if (field === 'birthDate') return ctx.date(String(value));
  return String(value);
}

/** Whole years between a birth date and today (both `YYYY-MM-DD`); null when unknown. */
export function ageOn(birthDate: string | null | undefined, today: string): number | null {
  if (!birthDate) return null;
  const b = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  const t = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (!b || !t) return null;
  let age = Number(t[1]) - Number(b[1]);
  if (Number(t[2]) * 100 + Number(t[3]) < Number(b[2]) * 100 + Number(b[3])) age -= 1;
  return age >= 0 ? age : null;
}
