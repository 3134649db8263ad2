import { describe, expect, it } from 'vitest';
import { MAPPING_TARGETS, parseMappingText } from './mapping.ts';

describe('parseMappingText', () => {
  it('reads header = field lines, arrows, ignored columns and comments', () => {
    expect(
      parseMappingText(`# DTKS 2025 export
NO_KK_KEL = noKk
Nomor Induk Kependudukan -> nik
Nama Lengkap → name
KETERANGAN = -
Punya Kulkas = assets:fridge
`),
    ).toEqual({
      columns: {
        NO_KK_KEL: 'noKk',
        'Nomor Induk Kependudukan': 'nik',
        'Nama Lengkap': 'name',
        KETERANGAN: null,
        'Punya Kulkas': 'assets:fridge',
      },
      badLines: [],
    });
  });

  it('reports lines without a separator or with an unknown field', () => {
    expect(parseMappingText('NO_KK\nNIK = nomorInduk\nRT/RW = rtRw').badLines).toEqual([1, 2]);
  });

  it('knows the record fields, region names and flag columns', () => {
    for (const k of ['noKk', 'villageName', 'rtRw', 'personPrograms:pkh', 'disabilities:seeing']) expect(MAPPING_TARGETS).toContain(k);
  });
});
