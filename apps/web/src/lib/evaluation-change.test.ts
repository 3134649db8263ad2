import { describe, expect, it } from 'vitest';
import { formatDiff, formatShare, indicatorChange, targetProgress } from './evaluation-change.ts';

describe('indicatorChange', () => {
  it('fewer families with the problem is an improvement', () => {
    expect(indicatorChange(212, 159)).toEqual({ diff: -53, share: -0.25, direction: 'improved', tone: 'ok' });
  });
  it('more is worse; none is the same', () => {
    expect(indicatorChange(10, 12)).toMatchObject({ diff: 2, direction: 'worse', tone: 'danger' });
    expect(indicatorChange(7, 7)).toMatchObject({ diff: 0, direction: 'same', tone: 'muted' });
  });
  it('a baseline of zero has no share; an unknown side has no change', () => {
    expect(indicatorChange(0, 4)).toMatchObject({ diff: 4, share: null, direction: 'worse' });
    expect(indicatorChange(null, 4)).toEqual({ diff: null, share: null, direction: 'unknown', tone: 'muted' });
    expect(indicatorChange(3, null).direction).toBe('unknown');
  });
  it('where higher is better the colours turn', () => {
    expect(indicatorChange(10, 12, false)).toMatchObject({ direction: 'improved', tone: 'ok' });
  });
});

describe('formatting', () => {
  it('signs the difference with a real minus', () => {
    expect(formatDiff(-1234, 'id-ID')).toBe('\u22121.234');
    expect(formatDiff(3, 'en-GB')).toBe('+3');
    expect(formatDiff(0, 'en-GB')).toBe('\u00b10');
    expect(formatDiff(null, 'en-GB')).toBe('—');
  });
  it('signs the share as a whole percentage', () => {
    expect(formatShare(-0.25, 'en-GB')).toBe('\u221225 %');
    expect(formatShare(0.1, 'en-GB')).toBe('+10 %');
    expect(formatShare(null, 'en-GB')).toBe('');
    expect(formatShare(0, 'en-GB')).toBe('');
  });
});

describe('targetProgress', () => {
  it('is the share of the way from baseline to target', () => {
    expect(targetProgress(3, 0, 2)).toBeCloseTo(1 / 3);
    expect(targetProgress(3, 0, 0)).toBe(1);
    expect(targetProgress(10, 20, 25)).toBe(1.5);
  });
  it('is unknown without a value now or without a gap to close', () => {
    expect(targetProgress(3, 0, null)).toBeNull();
    expect(targetProgress(5, 5, 5)).toBeNull();
  });
});
