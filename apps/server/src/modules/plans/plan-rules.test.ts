import { describe, expect, it } from 'vitest';
import { editState, termIssues } from './plan-rules.ts';

describe('termIssues', () => {
  it.each([
    ['short', 2026, 2026, 0],
    ['short', 2026, 2027, 1],
    ['short', 2027, 2027, 1],
    ['medium', 2026, 2026, 0],
    ['medium', 2026, 2030, 0],
    ['medium', 2026, 2031, 1],
    ['long', 2026, 2031, 0],
    ['long', 2026, 2030, 1],
    ['medium', 2025, 2026, 1],
  ] as const)('%s %i–%i in 2026 → %i issues', (term, s, e, n) => {
    expect(termIssues(term, s, e, 2026)).toHaveLength(n);
  });
});

describe('editState', () => {
  it('locks while submitted and reopens an approved plan', () => {
    expect(editState('draft')).toBe('open');
    expect(editState('returned')).toBe('open');
    expect(editState('submitted')).toBe('locked_submitted');
    expect(editState('approved')).toBe('reopen');
  });
});
