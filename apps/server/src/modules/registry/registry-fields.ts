/**
 * The registry's columns, once: record field -> SQL column, and which table holds it.
 * The staging COPY, the merge SQL, snapshots and provenance are all generated from this list.
 */
import type { RegistryRecord } from '@dampingan/contracts';

export type Kind = 'text' | 'int' | 'float' | 'bool' | 'date' | 'json';
export interface FieldDef {
  field: keyof RegistryRecord | 'nameKey' | 'familyId';
  column: string;
  kind: Kind;
  /** sensitive personal data (UU 27/2022): masked in every read unless revealed with a reason */
  sensitive?: boolean;
}

/** Family-level fields (from the head's row) other than the key `no_kk`. */
export const FAMILY_FIELDS: readonly FieldDef[] = [
  { field: 'villageCode', column: 'village_code', kind: 'text' },
  { field: 'sourceId', column: 'source_id', kind: 'text' },
  { field: 'address', column: 'address', kind: 'text' },
  { field: 'hamlet', column: 'hamlet', kind: 'text' },
  { field: 'rt', column: 'rt', kind: 'text' },
  { field: 'rw', column: 'rw', kind: 'text' },
  { field: 'desil', column: 'desil', kind: 'int' },
  { field: 'tenure', column: 'tenure', kind: 'text' },
  { field: 'floorAreaM2', column: 'floor_area_m2', kind: 'float' },
  { field: 'floorType', column: 'floor_type', kind: 'text' },
  { field: 'wallType', column: 'wall_type', kind: 'text' },
  { field: 'wallCondition', column: 'wall_condition', kind: 'text' },
  { field: 'roofType', column: 'roof_type', kind: 'text' },
  { field: 'roofCondition', column: 'roof_condition', kind: 'text' },
  { field: 'drinkingWater', column: 'drinking_water', kind: 'text' },
  { field: 'toilet', column: 'toilet', kind: 'text' },
  { field: 'sewage', column: 'sewage', kind: 'text' },
  { field: 'lighting', column: 'lighting', kind: 'text' },
  { field: 'electricityVa', column: 'electricity_va', kind: 'int' },
  { field: 'cookingFuel', column: 'cooking_fuel', kind: 'text' },
  { field: 'assets', column: 'assets', kind: 'json' },
  { field: 'familyPrograms', column: 'family_programs', kind: 'json' },
];

/** Person-level fields other than the key `nik` (and family_id, resolved from no_kk). */
export const PERSON_FIELDS: readonly FieldDef[] = [
  { field: 'name', column: 'name', kind: 'text' },
  { field: 'nameKey', column: 'name_key', kind: 'text' },
  { field: 'sex', column: 'sex', kind: 'text' },
  { field: 'birthDate', column: 'birth_date', kind: 'date' },
  { field: 'birthPlace', column: 'birth_place', kind: 'text' },
  { field: 'relationship', column: 'relationship', kind: 'text' },
  { field: 'motherName', column: 'mother_name', kind: 'text', sensitive: true },
  { field: 'education', column: 'education', kind: 'text' },
  { field: 'schoolParticipation', column: 'school_participation', kind: 'text' },
  { field: 'workStatus', column: 'work_status', kind: 'text' },
  { field: 'disabilities', column: 'disabilities', kind: 'json' },
  { field: 'chronicIllness', column: 'chronic_illness', kind: 'bool' },
  { field: 'jkn', column: 'jkn', kind: 'text' },
  { field: 'nutritionStatus', column: 'nutrition_status', kind: 'text' },
  { field: 'personPrograms', column: 'person_programs', kind: 'json' },
];

/** Column order of the staging COPY. */
export const STAGE_COLUMNS: readonly string[] = [
  'import_id',
  'row',
  'no_kk',
  ...FAMILY_FIELDS.map((f) => f.column),
  'nik',
  ...PERSON_FIELDS.map((f) => f.column),
];
