import { describe, expect, it } from 'vitest';
import { costsFromRows, monthOf, monthsOfYear, parseRupiah, totalOf } from './delivery-costs.ts';

describe('parseRupiah', () => {
  it.each([
    ['1500000', 1_500_000],
    ['1.500.000', 1_500_000],
    ['Rp 1.500.000', 1_500_000],
    ['1,500,000', 1_500_000],
    ['0', 0],
    ['-5', null],
    ['1.5', null],
    ['abc', null],
    ['', null],
  ])('%s → %s', (text, value) => {
    expect(parseRupiah(text)).toBe(value);
  });
});

describe('costsFromRows', () => {
  it('skips empty rows and refuses a half-filled one', () => {
    expect(
      costsFromRows([
        { fundingSource: 'apbd_kota', amount: '3.000.000' },
        { fundingSource: '', amount: '' },
        { fundingSource: 'baznas', amount: '500000' },
      ]),
    ).toEqual({
      ok: true,
      costs: [
        { fundingSource: 'apbd_kota', amount: 3_000_000 },
        { fundingSource: 'baznas', amount: 500_000 },
      ],
    });
    expect(costsFromRows([{ fundingSource: '', amount: '5' }])).toEqual({ ok: false, index: 0 });
    expect(costsFromRows([{ fundingSource: 'csr', amount: 'x' }])).toEqual({ ok: false, index: 0 });
  });

  it('totals', () => {
    expect(totalOf([{ amount: 1 }, { amount: 2 }])).toBe(3);
  });
});

describe('months', () => {
  it('monthOf and the months of a year up to today', () => {
    expect(monthOf('2026-11-10')).toBe('2026-11');
    expect(monthsOfYear(2026, '2026-03-05')).toEqual(['2026-03', '2026-02', '2026-01']);
    expect(monthsOfYear(2025, '2026-03-05')).toHaveLength(12);
  });
});
