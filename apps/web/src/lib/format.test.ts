import { describe, expect, it } from 'vitest';
import { formatDate, parseTimestamp, todayIso } from './format.ts';

describe('parseTimestamp', () => {
  it('reads Postgres timestamps with a short offset', () => {
    expect(parseTimestamp('2026-11-29 10:25:59.156+00')?.toISOString()).toBe('2026-11-29T10:25:59.156Z');
    expect(parseTimestamp('2026-11-29T17:00:00+07:00')?.toISOString()).toBe('2026-11-29T10:00:00.000Z');
    expect(parseTimestamp('not a date')).toBeNull();
  });
});

describe('formatDate', () => {
  it('formats calendar dates without shifting the day', () => {
    expect(formatDate('2026-01-12', 'en-GB')).toBe('12 Jan 2026');
    expect(formatDate(null, 'id-ID')).toBe('—');
  });
});

describe('todayIso', () => {
  it('uses the Jakarta calendar day', () => {
    // 20:00 UTC on 31 Dec is already 1 Jan in Jakarta (UTC+7).
    expect(todayIso(new Date('2026-12-31T20:00:00Z'))).toBe('2027-01-01');
  });
});
