import { describe, expect, it } from 'vitest';
import { patchRow, removeRow } from './list-rows.ts';

describe('list rows', () => {
  const rows = [
    { name: 'a', note: '' },
    { name: 'b', note: 'x' },
  ];

  it('patches one row and leaves the others (and the input) untouched', () => {
    const next = patchRow(rows, 1, { note: 'y' });
    expect(next).toEqual([
      { name: 'a', note: '' },
      { name: 'b', note: 'y' },
    ]);
    expect(next[0]).toBe(rows[0]);
    expect(rows[1]?.note).toBe('x');
  });

  it('ignores an index outside the list', () => {
    expect(patchRow(rows, 5, { name: 'z' })).toEqual(rows);
  });

  it('removes one row', () => {
    expect(removeRow(rows, 0)).toEqual([{ name: 'b', note: 'x' }]);
    expect(removeRow(rows, 9)).toEqual(rows);
    expect(rows).toHaveLength(2);
  });
});
