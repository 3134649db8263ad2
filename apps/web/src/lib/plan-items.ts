/** Pure helpers of the plan tab: grouping, term defaults, totals. */
import type { FamilyCriteria, PlanItem } from '@dampingan/contracts';

export interface ProblemGroup {
  problemId: number;
  problemTitle: string;
  items: PlanItem[];
  /** estimated cost of the group's active items */
  cost: number;
}

/** Items grouped by their problem, in first-seen order; cancelled items stay (shown struck) but cost nothing. */
export function groupByProblem(items: PlanItem[]): ProblemGroup[] {
  const groups = new Map<number, ProblemGroup>();
  for (const i of items) {
    let g = groups.get(i.problemId);
    if (!g) {
      g = { problemId: i.problemId, problemTitle: i.problemTitle, items: [], cost: 0 };
      groups.set(i.problemId, g);
    }
    g.items.push(i);
    if (i.status !== 'cancelled') g.cost += i.estimatedCost ?? 0;
  }
  return [...groups.values()];
}

/** Default start/end years for a term in a program year (what the server accepts). */
export function yearsForTerm(term: 'short' | 'medium' | 'long', year: number): { startYear: number; endYear: number } {
  if (term === 'short') return { startYear: year, endYear: year };
  if (term === 'medium') return { startYear: year, endYear: year + 2 };
  return { startYear: year, endYear: year + 9 };
}

/** The criteria a picker form holds, without empty values (what the API expects). */
export function cleanCriteria(c: {
  desilMax?: string;
  rw?: string;
  rt?: string;
  noOwnToilet?: boolean;
  unsafeWater?: boolean;
  unfitHouse?: boolean;
  noElectricity?: boolean;
  childOutOfSchool?: boolean;
  stuntedChild?: boolean;
  memberWithoutJkn?: boolean;
}): FamilyCriteria {
  const out: FamilyCriteria = {};
  const desil = Number(c.desilMax);
  if (c.desilMax && Number.isInteger(desil)) out.desilMax = desil;
  if (c.rw?.trim()) out.rw = c.rw.trim();
  if (c.rt?.trim()) out.rt = c.rt.trim();
  for (const k of [
    'noOwnToilet',
    'unsafeWater',
    'unfitHouse',
    'noElectricity',
    'childOutOfSchool',
    'stuntedChild',
    'memberWithoutJkn',
  ] as const) {
    if (c[k]) out[k] = true;
  }
  return out;
}
