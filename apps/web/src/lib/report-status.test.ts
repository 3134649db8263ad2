import { describe, expect, it } from 'vitest';
import { monthLabel, monthTone, reportActions } from './report-status.ts';

describe('report status', () => {
  it('tones: accepted ok, submitted info, late danger, returned warn, else muted', () => {
    expect(monthTone('accepted', false)).toBe('ok');
    expect(monthTone('submitted', false)).toBe('info');
    expect(monthTone('missing', true)).toBe('danger');
    expect(monthTone('returned', true)).toBe('danger');
    expect(monthTone('returned', false)).toBe('warn');
    expect(monthTone('draft', false)).toBe('muted');
  });

  it('authors act on draft/returned only; admins review submitted and unlock accepted', () => {
    const author = { author: true, review: false };
    const admin = { author: false, review: true };
    expect(reportActions('draft', author)).toMatchObject({ edit: true, submit: true, accept: false });
    expect(reportActions('returned', author).submit).toBe(true);
    expect(reportActions('submitted', author)).toMatchObject({ edit: false, submit: false });
    expect(reportActions('accepted', author).edit).toBe(false);
    expect(reportActions('submitted', admin)).toMatchObject({ returnIt: true, accept: true, unlock: false, edit: false });
    expect(reportActions('accepted', admin)).toMatchObject({ unlock: true, accept: false });
    expect(reportActions('draft', admin)).toMatchObject({ returnIt: false, accept: false, unlock: false });
    expect(reportActions('submitted', { author: false, review: false })).toEqual({
      edit: false,
      refresh: false,
      submit: false,
      returnIt: false,
      accept: false,
      unlock: false,
    });
  });

  it('names the month', () => {
    expect(monthLabel('2026-10-01', 'id-ID')).toBe('Oktober 2026');
    expect(monthLabel('2026-10-01', 'en-GB')).toBe('October 2026');
  });
});
