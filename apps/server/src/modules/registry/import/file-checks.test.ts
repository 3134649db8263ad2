import type { RegistryRecord } from '@dampingan/contracts';
import { describe, expect, it } from 'vitest';
import { DuplicateTracker } from './file-checks.ts';
import { mapHeaders } from './header-map.ts';

const headers = ['No KK', 'NIK', 'Nama', 'Hubungan', 'Kode Desa', 'Desil', 'Fasilitas BAB', 'PKH'];
const { columns } = mapHeaders(headers);

function person(over: Partial<RegistryRecord>): RegistryRecord {
  return {
    noKk: '3375010507120004',
    sourceId: null,
    villageCode: '33.75.01.1002',
    address: null,
    hamlet: null,
    rt: '003',
    rw: '005',
    desil: 2,
    tenure: null,
    floorAreaM2: null,
    floorType: null,
    wallType: null,
    wallCondition: null,
    roofType: null,
    roofCondition: null,
    drinkingWater: null,
    toilet: 'shared',
    sewage: null,
    lighting: null,
    electricityVa: null,
    cookingFuel: null,
    assets: null,
    familyPrograms: ['pkh'],
    nik: '3375011205850003',
    name: 'Slamet Riyadi',
    sex: 'male',
    birthDate: '1985-05-12',
    birthPlace: null,
    relationship: 'head',
    motherName: null,
    education: null,
    schoolParticipation: null,
    workStatus: null,
    disabilities: null,
    chronicIllness: null,
    jkn: null,
    nutritionStatus: null,
    personPrograms: null,
    ...over,
  };
}

describe('DuplicateTracker', () => {
  it('accepts a family of distinct people without issues', () => {
    const t = new DuplicateTracker({ headers, columns });
    expect(t.check(person({}), 2)).toEqual([]);
    expect(t.check(person({ nik: '3375015406880002', name: 'Sri Wahyuni', relationship: 'spouse' }), 3)).toEqual([]);
    expect(t.check(person({ nik: '3375012003100001', name: 'Bagus', relationship: 'child' }), 4)).toEqual([]);
    expect(t.persons).toBe(3);
    expect(t.familyCount).toBe(1);
  });

  it('reports a NIK twice in one family, naming the first row', () => {
    const t = new DuplicateTracker({ headers, columns });
    t.check(person({}), 12);
    const issues = t.check(person({ name: 'Slamet R.' }), 40);
    expect(issues.map((i) => [i.code, i.row, i.column, i.field, i.value])).toEqual([
      ['nik_duplicate_in_file', 40, 'NIK', 'nik', '3375011205850003'],
    ]);
    expect(issues[0]?.message).toBe('Kolom "NIK": NIK "3375011205850003" juga ada di baris 12');
    expect(issues[0]?.messageEn).toBe('Column "NIK": NIK "3375011205850003" is also on row 12');
  });

  it('reports a person in two families, with the other No KK ending', () => {
    const t = new DuplicateTracker({ headers, columns });
    t.check(person({}), 5);
    const issues = t.check(person({ noKk: '3375021108150007', relationship: 'parent' }), 90);
    expect(issues.map((i) => i.code)).toEqual(['person_in_two_families']);
    expect(issues[0]?.message).toContain('baris 5');
    expect(issues[0]?.message).toContain('berakhiran 0004');
    // the rejected row does not create the second family
    expect(t.familyCount).toBe(1);
  });

  it('warns on family fields that differ from the head row, blanks never conflict', () => {
    const t = new DuplicateTracker({ headers, columns });
    t.check(person({}), 2);
    expect(
      t.check(person({ nik: '3375015406880002', relationship: 'spouse', desil: null, toilet: null, familyPrograms: null }), 3),
    ).toEqual([]);
    const issues = t.check(person({ nik: '3375012003100001', relationship: 'child', desil: 3, toilet: 'own' }), 4);
    expect(issues.map((i) => [i.code, i.row, i.column, i.value])).toEqual([
      ['warn_family_field_conflict', 4, 'Desil', '3'],
      ['warn_family_field_conflict', 4, 'Fasilitas BAB', 'own'],
    ]);
    expect(issues[0]?.message).toContain('baris 2');
  });

  it('lets a head arriving after members become the reference', () => {
    const t = new DuplicateTracker({ headers, columns });
    expect(t.check(person({ nik: '3375012003100001', relationship: 'child', desil: 3 }), 2)).toEqual([]);
    const head = t.check(person({ desil: 2 }), 3);
    expect(head.map((i) => [i.code, i.row, i.value])).toEqual([['warn_family_field_conflict', 3, '2']]);
    // a later member agreeing with the head is fine; one agreeing with the first member is not
    expect(t.check(person({ nik: '3375015406880002', relationship: 'spouse', desil: 2 }), 4)).toEqual([]);
    expect(t.check(person({ nik: '3375015507880002', relationship: 'other', desil: 3 }), 5).map((i) => i.code)).toEqual([
      'warn_family_field_conflict',
    ]);
  });

  it('warns about a second head', () => {
    const t = new DuplicateTracker({ headers, columns });
    t.check(person({}), 2);
    const issues = t.check(person({ nik: '3375015406880002', name: 'Sri Wahyuni' }), 3);
    expect(issues.map((i) => [i.code, i.column])).toEqual([['warn_family_two_heads', 'Hubungan']]);
  });

  it('keys NIKs beyond 2^53 exactly (Papua provinces start with 9)', () => {
    const t = new DuplicateTracker({ headers, columns });
    const papua = { noKk: '9471010101200001', villageCode: '94.71.01.1001' };
    expect(t.check(person({ ...papua, nik: '9471010101900001' }), 2)).toEqual([]);
    expect(t.check(person({ ...papua, nik: '9471010101900002', relationship: 'child' }), 3)).toEqual([]);
    expect(t.check(person({ ...papua, nik: '9471010101900001', relationship: 'child' }), 4).map((i) => i.code)).toEqual([
      'nik_duplicate_in_file',
    ]);
  });

  it('tracks many persons compactly', () => {
    const t = new DuplicateTracker({ headers, columns });
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      const noKk = `33750105071${String(Math.floor(i / 4)).padStart(5, '0')}`;
      const nik = `3375011205${String(60 + Math.floor(i / 10_000)).padStart(2, '0')}${String(i % 10_000).padStart(4, '0')}`;
      t.check(person({ noKk, nik, relationship: i % 4 === 0 ? 'head' : 'child' }), i + 2);
    }
    expect(t.persons).toBe(n);
    expect(t.check(person({ nik: '3375011205600005', noKk: '3375010507100001', relationship: 'child' }), n + 2).map((i) => i.code)).toEqual(
      ['nik_duplicate_in_file'],
    );
  });
});
