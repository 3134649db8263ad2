import { describe, expect, it } from 'vitest';
import { diffRecords, formatValue } from './diff.ts';

describe('diffRecords', () => {
  it('lists only the fields that changed, by name', () => {
    const before = { id: 8, status: 'active', endedOn: null, endReason: null, opdId: 10, updatedAt: 'x' };
    const after = { id: 8, status: 'ended', endedOn: '2027-06-30', endReason: 'OPD dialihkan', opdId: 10, updatedAt: 'y' };
    expect(diffRecords(before, after)).toEqual([
      { field: 'endedOn', before: null, after: '2027-06-30' },
      { field: 'endReason', before: null, after: 'OPD dialihkan' },
      { field: 'status', before: 'active', after: 'ended' },
    ]);
  });

  it('compares lists and objects by value', () => {
    const mentors = [{ userId: 2, role: 'coordinator' }];
    expect(diffRecords({ mentors }, { mentors: [{ userId: 2, role: 'coordinator' }] })).toEqual([]);
    expect(diffRecords({ mentors }, { mentors: [] })).toEqual([{ field: 'mentors', before: mentors, after: [] }]);
  });

  it('shows a creation as its filled fields, and a deletion as what was there', () => {
    expect(diffRecords(null, { id: 1, name: 'Dinas Kesehatan', headName: null, mentors: [] })).toEqual([
      { field: 'name', before: null, after: 'Dinas Kesehatan' },
    ]);
    expect(diffRecords({ name: 'DKP' }, null)).toEqual([{ field: 'name', before: 'DKP', after: null }]);
  });

  it('treats a missing field like null', () => {
    expect(diffRecords({ notes: null }, {})).toEqual([]);
  });

  it('wraps non-object snapshots as a single value', () => {
    expect(diffRecords('planned', 'active')).toEqual([{ field: 'value', before: 'planned', after: 'active' }]);
  });
});

describe('formatValue', () => {
  it('formats empty values, booleans, text and objects', () => {
    expect(formatValue(null)).toBe('—');
    expect(formatValue('')).toBe('—');
    expect(formatValue(true, { yes: 'yes', no: 'no' })).toBe('yes');
    expect(formatValue(false)).toBe('tidak');
    expect(formatValue(2027)).toBe('2027');
    expect(formatValue({ a: 1 })).toBe('{"a":1}');
    expect(
      formatValue([
        { userId: 2, role: 'member' },
        { userId: 4, role: 'kelurahan_liaison' },
      ]),
    ).toBe('userId: 2, role: member; userId: 4, role: kelurahan_liaison');
    expect(formatValue([])).toBe('—');
    expect(formatValue([1, 2])).toBe('[1,2]');
    expect(formatValue('x'.repeat(300)).length).toBe(160);
  });
});
