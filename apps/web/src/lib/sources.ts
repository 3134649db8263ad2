import type { ValueSource } from '@dampingan/contracts';

export interface NumberedSources {
  /** every distinct import that set a value on the page, oldest period first, numbered from 1 */
  list: (ValueSource & { n: number })[];
  /** footnote number of an import */
  numberOf: (importId: number) => number | undefined;
}

/**
 * Numbers the imports behind a page's values like footnotes ([1], [2]…), so each value can
 * point at its source without repeating the dataset, period and file name on every line.
 */
export function numberSources(maps: readonly Readonly<Record<string, ValueSource>>[]): NumberedSources {
  const byId = new Map<number, ValueSource>();
  for (const m of maps) for (const s of Object.values(m)) if (!byId.has(s.importId)) byId.set(s.importId, s);
  const sorted = [...byId.values()].sort((a, b) => a.period.localeCompare(b.period) || a.importId - b.importId);
  const list = sorted.map((s, i) => ({ ...s, n: i + 1 }));
  const index = new Map(list.map((s) => [s.importId, s.n]));
  return { list, numberOf: (id) => index.get(id) };
}

/** The distinct footnote numbers used by one record's values, ascending. */
export function footnotesOf(sources: Readonly<Record<string, ValueSource>>, numbered: NumberedSources): number[] {
  const set = new Set<number>();
  for (const s of Object.values(sources)) {
    const n = numbered.numberOf(s.importId);
    if (n !== undefined) set.add(n);
  }
  return [...set].sort((a, b) => a - b);
}

export interface SparkPoint {
  x: number;
  y: number;
  desil: number;
  period: string;
}

/**
 * Points of a desil sparkline in a `width` × `height` box: periods spaced evenly left to right,
 * desil 1 (poorest) at the bottom and 10 at the top. Periods without a desil are skipped.
 */
export function sparkline(
  history: readonly { period: string; desil: number | null }[],
  width: number,
  height: number,
  pad = 4,
): SparkPoint[] {
  const known = history.filter((h): h is { period: string; desil: number } => h.desil !== null);
  const n = known.length;
  const innerW = width - pad * 2;
  return known.map((h, i) => ({
    x: pad + (n === 1 ? innerW / 2 : (innerW * i) / (n - 1)),
    y: desilY(h.desil, height, pad),
    desil: h.desil,
    period: h.period,
  }));
}

/** Vertical position of a desil (1 at the bottom, 10 at the top) in a box of `height`. */
export function desilY(desil: number, height: number, pad = 4): number {
  const innerH = height - pad * 2;
  return pad + innerH - ((desil - 1) / 9) * innerH;
}
