import { describe, expect, it } from 'vitest';
import { type BoardRow, groupByDistrict } from './board.ts';

const row = (villageCode: string, districtCode: string, paired: boolean): BoardRow => ({
  villageCode,
  villageName: villageCode,
  villageType: 'kelurahan',
  districtCode,
  districtName: `Kec ${districtCode}`,
  pairing: paired ? { id: 1, opdId: 1, opdName: 'Dinas', opdAbbreviation: null, continuation: false, decreeNumber: 'SK' } : null,
});

describe('groupByDistrict', () => {
  it('groups in order and counts paired rows per kecamatan', () => {
    const groups = groupByDistrict([
      row('33.75.01.1002', '33.75.01', false),
      row('33.75.01.1003', '33.75.01', true),
      row('33.75.02.1012', '33.75.02', true),
    ]);
    expect(groups.map((g) => [g.code, g.rows.length, g.paired])).toEqual([
      ['33.75.01', 2, 1],
      ['33.75.02', 1, 1],
    ]);
  });
});
