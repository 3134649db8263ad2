import { programDate } from '@dampingan/contracts';
import { describe, expect, it } from 'vitest';
import { addMonths, dueOn, isLate, monthEnd, reportMonths } from './report-months.ts';

describe('report months', () => {
  it('adds months across years', () => {
    expect(addMonths('2026-11-01', 2)).toBe('2027-01-01');
    expect(addMonths('2026-01-01', -1)).toBe('2025-12-01');
  });

  it('knows the last day of a month, leap years included', () => {
    expect(monthEnd('2028-02-01')).toBe('2028-02-29');
    expect(monthEnd('2026-12-01')).toBe('2026-12-31');
  });

  it('is due on the 10th of the following month', () => {
    expect(dueOn('2026-10-01')).toBe('2026-11-10');
    expect(dueOn('2026-12-01')).toBe('2027-01-10');
  });

  it('lists January (or the decree month) to the current month, never past December', () => {
    expect(reportMonths(2026, '2025-12-20', '2026-03-15')).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
    expect(reportMonths(2026, '2026-09-05', '2026-11-29')).toEqual(['2026-09-01', '2026-10-01', '2026-11-01']);
    expect(reportMonths(2026, '2026-01-10', '2027-02-01')).toHaveLength(12);
    expect(reportMonths(2027, '2026-12-01', '2026-11-29')).toEqual([]);
  });

  it('is late only after the due day and only while not submitted', () => {
    expect(isLate('missing', '2026-10-01', '2026-11-10')).toBe(false);
    expect(isLate('missing', '2026-10-01', '2026-11-11')).toBe(true);
    expect(isLate('returned', '2026-10-01', '2026-11-11')).toBe(true);
    expect(isLate('submitted', '2026-10-01', '2026-12-31')).toBe(false);
    expect(isLate('accepted', '2026-10-01', '2026-12-31')).toBe(false);
  });

  it('takes today in WIB (UTC+7)', () => {
    expect(programDate(new Date('2026-11-29T16:59:00Z'))).toBe('2026-11-29');
    expect(programDate(new Date('2026-11-29T17:00:00Z'))).toBe('2026-11-30');
  });
});
