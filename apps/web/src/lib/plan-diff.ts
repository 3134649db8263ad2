/**
 * What changed between two versions of a plan (frozen item lists): items added, items removed
 * or cancelled, and per kept item the fields that differ. Pure, for the version history.
 */
import type { PlanItem } from '@dampingan/contracts';

export interface ItemFieldChange {
  field: PlanDiffField;
  before: unknown;
  after: unknown;
}

export interface PlanDiff {
  added: PlanItem[];
  /** in the older version and no longer active in the newer one (cancelled or missing) */
  removed: PlanItem[];
  changed: { item: PlanItem; changes: ItemFieldChange[] }[];
}

export const PLAN_DIFF_FIELDS = [
  'title',
  'problemTitle',
  'term',
  'startYear',
  'endYear',
  'responsibleOpdName',
  'helpType',
  'outputVolume',
  'outputUnit',
  'estimatedCost',
  'fundingSource',
  'planningChannel',
  'dueOn',
  'targetFamilyCount',
  'indicatorTargets',
  'partners',
] as const;
export type PlanDiffField = (typeof PLAN_DIFF_FIELDS)[number];

/** Indicator targets compared by what they say, not by their database ids. */
function comparable(item: PlanItem, field: PlanDiffField): unknown {
  if (field === 'indicatorTargets')
    return item.indicatorTargets.map((t) => `${t.name} (${t.unit}): ${t.baseline} → ${t.target} @ ${t.targetDate}`);
  if (field === 'partners') return item.partners.map((p) => `${p.kind}: ${p.name}`);
  return item[field] ?? null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function diffPlanVersions(older: PlanItem[], newer: PlanItem[]): PlanDiff {
  const live = (list: PlanItem[]) => new Map(list.filter((i) => i.status !== 'cancelled').map((i) => [i.id, i]));
  const a = live(older);
  const b = live(newer);
  const added = [...b.values()].filter((i) => !a.has(i.id));
  const removed = [...a.values()].filter((i) => !b.has(i.id));
  const changed: PlanDiff['changed'] = [];
  for (const [id, before] of a) {
    const after = b.get(id);
    if (!after) continue;
    const changes = PLAN_DIFF_FIELDS.flatMap((field) => {
      const x = comparable(before, field);
      const y = comparable(after, field);
      return same(x, y) ? [] : [{ field, before: x, after: y }];
    });
    if (changes.length) changed.push({ item: after, changes });
  }
  return { added, removed, changed };
}

export const isEmptyDiff = (d: PlanDiff) => d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0;
