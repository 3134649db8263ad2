/**
 * The December evaluation's arithmetic: how an indicator moved from its baseline to now, and how
 * far a target was reached. Every registry indicator counts families with a problem, so a lower
 * value is an improvement.
 */
export type ChangeDirection = 'improved' | 'worse' | 'same' | 'unknown';

export interface IndicatorChange {
  /** now − baseline; null when either is unknown */
  diff: number | null;
  /** the change as a share of the baseline (−0.25 = a quarter fewer); null when the baseline is 0 or unknown */
  share: number | null;
  direction: ChangeDirection;
  /** the badge tone the UI colours the change with */
  tone: 'ok' | 'danger' | 'muted';
}

export function indicatorChange(baseline: number | null, now: number | null, lowerIsBetter = true): IndicatorChange {
  if (baseline === null || now === null || !Number.isFinite(baseline) || !Number.isFinite(now)) {
    return { diff: null, share: null, direction: 'unknown', tone: 'muted' };
  }
  const diff = now - baseline;
  const share = baseline === 0 ? null : diff / baseline;
  if (diff === 0) return { diff, share, direction: 'same', tone: 'muted' };
  const better = lowerIsBetter ? diff < 0 : diff > 0;
  return { diff, share, direction: better ? 'improved' : 'worse', tone: better ? 'ok' : 'danger' };
}

/** A signed difference in the locale's digits: "+3", "−2" (a real minus sign), "±0". */
export function formatDiff(diff: number | null, locale: string): string {
  if (diff === null) return '—';
  const abs = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(Math.abs(diff));
  if (diff > 0) return `+${abs}`;
  if (diff < 0) return `\u2212${abs}`;
  return `\u00b1${abs}`;
}

/** A share as a signed whole percentage: "−25 %", "+10 %"; nothing when there is no change. */
export function formatShare(share: number | null, locale: string): string {
  if (share === null || share === 0) return '';
  const pct = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.abs(share * 100));
  return `${share > 0 ? '+' : share < 0 ? '\u2212' : ''}${pct} %`;
}

/**
 * How much of the way from baseline to target the value now has come: 0 = not at all, 1 = reached
 * (more than 1 = beyond). Null when unknown or when baseline and target are equal.
 */
export function targetProgress(baseline: number, target: number, now: number | null): number | null {
  if (now === null || baseline === target) return null;
  return (baseline - now) / (baseline - target);
}
