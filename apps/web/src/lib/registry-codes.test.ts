import { RegistryRecordSchema } from '@dampingan/contracts';
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/messages.en.ts';
import { id } from '../i18n/messages.id.ts';
import {
  ageOn,
  CODE_GROUPS,
  codeKey,
  FAMILY_FIELD_GROUPS,
  FIELD_CODE_GROUP,
  type FormatContext,
  formatFieldValue,
  PERSON_FIELDS,
} from './registry-codes.ts';

const dict = (d: Record<string, string>) => (key: string) => d[key];

describe('code labels', () => {
  it('every code value in the contracts has a label in Bahasa Indonesia and in English', () => {
    const missing: string[] = [];
    for (const [group, values] of Object.entries(CODE_GROUPS)) {
      for (const v of values) {
        const key = codeKey(group as keyof typeof CODE_GROUPS, v);
        if (!dict(id)(key)?.trim()) missing.push(`id ${key}`);
        if (!dict(en)(key)?.trim()) missing.push(`en ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('no label is left over for a code the contracts no longer have', () => {
    const known = new Set(Object.entries(CODE_GROUPS).flatMap(([g, vs]) => vs.map((v) => codeKey(g as keyof typeof CODE_GROUPS, v))));
    expect(Object.keys(id).filter((k) => k.startsWith('code.') && !known.has(k))).toEqual([]);
  });

  it('every registry field shown has a name in both languages', () => {
    const fields = [...FAMILY_FIELD_GROUPS.flatMap((g) => g.fields), ...PERSON_FIELDS, 'noKk'];
    for (const f of fields) {
      expect(f in RegistryRecordSchema.shape, f).toBe(true);
      expect(dict(id)(`regField.${f}`), f).toBeTruthy();
      expect(dict(en)(`regField.${f}`), f).toBeTruthy();
    }
  });

  it('shows every family field of the record, and every coded field has a group', () => {
    const shown = new Set<string>([...FAMILY_FIELD_GROUPS.flatMap((g) => g.fields), ...PERSON_FIELDS, 'noKk']);
    expect(Object.keys(RegistryRecordSchema.shape).filter((f) => !shown.has(f))).toEqual([]);
    for (const [field, group] of Object.entries(FIELD_CODE_GROUP)) {
      expect(field in RegistryRecordSchema.shape, field).toBe(true);
      expect(CODE_GROUPS[group].length, field).toBeGreaterThan(0);
    }
  });

  it('translates the examples of the brief', () => {
    expect(id['code.toilet.own']).toBe('Milik sendiri');
    expect(id['code.floorType.earth']).toBe('Tanah');
    expect(en['code.floorType.earth']).toBe('Earth');
  });
});

describe('formatFieldValue', () => {
  const ctx: FormatContext = {
    label: (g, v) => (id as Record<string, string>)[codeKey(g, v)] ?? v,
    locale: 'id-ID',
    yes: 'Ya',
    no: 'Tidak',
    date: (d) => `tgl ${d}`,
  };

  it('labels codes, lists and booleans', () => {
    expect(formatFieldValue('toilet', 'none', ctx)).toBe('Tidak ada');
    expect(formatFieldValue('wallCondition', 'poor', ctx)).toBe('Jelek/rusak');
    expect(formatFieldValue('assets', ['fridge', 'motorbike'], ctx)).toBe('Lemari es, Sepeda motor');
    expect(formatFieldValue('personPrograms', ['pkh', 'unknown_code'], ctx)).toBe('PKH, unknown_code');
    expect(formatFieldValue('chronicIllness', true, ctx)).toBe('Ya');
    expect(formatFieldValue('chronicIllness', false, ctx)).toBe('Tidak');
  });

  it('adds units and formats numbers and dates in the locale', () => {
    expect(formatFieldValue('floorAreaM2', 35.5, ctx)).toBe('35,5 m²');
    expect(formatFieldValue('electricityVa', 1300, ctx)).toBe('1.300 VA');
    expect(formatFieldValue('desil', 3, ctx)).toBe('3');
    expect(formatFieldValue('birthDate', '1985-07-05', ctx)).toBe('tgl 1985-07-05');
    expect(formatFieldValue('address', 'Jl. Mawar 3', ctx)).toBe('Jl. Mawar 3');
  });

  it('shows empty values as a dash', () => {
    for (const v of [null, undefined, '', []]) expect(formatFieldValue('assets', v, ctx)).toBe('—');
  });
});

describe('ageOn', () => {
  it('counts whole years, before and after the birthday', () => {
    expect(ageOn('1985-07-05', '2026-07-04')).toBe(40);
    expect(ageOn('1985-07-05', '2026-07-05')).toBe(41);
    expect(ageOn('2024-02-29', '2026-02-28')).toBe(1);
  });

  it('is null for unknown or future dates', () => {
    expect(ageOn(null, '2026-01-01')).toBeNull();
    expect(ageOn('not a date', '2026-01-01')).toBeNull();
    expect(ageOn('2027-01-01', '2026-01-01')).toBeNull();
  });
});
