/**
 * The attention list: which live pairings need Bappeda's attention, and why. Reasons (each with a
 * count and the date it started): no activity for NO_ACTIVITY_DAYS days (what counts as activity is
 * defined in attention.repository.ts), late reports (a draft or returned report past its due day),
 * missing months (no report at all past the due day), overdue plan items (active, past due),
 * overdue follow-ups (open, past due). Admins, viewers and supervisors see every pairing; mentors
 * their OPD's; operators their village's. Sorted by the number of reasons, most first.
 */
import {
  type AttentionList,
  type AttentionReason,
  type AttentionRow,
  NO_ACTIVITY_DAYS,
  programDate,
  type ReportMonthStatus,
} from '@dampingan/contracts';
import type { Actor } from '../auth/actor.ts';
import { dueOn, isLate, reportMonths } from '../reports/report-months.ts';
import type { WorkspaceModuleDeps } from '../workspace/deps.ts';
import { livePairings, type Reach, reportStatuses } from './attention.repository.ts';

export type AttentionService = ReturnType<typeof createAttentionService>;

const DAY_MS = 86_400_000;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

function reachOf(actor: Actor): Reach | null {
  if (actor.role === 'admin' || actor.role === 'viewer' || actor.role === 'supervisor') return {};
  if (actor.role === 'mentor') return actor.opdId ? { opdId: actor.opdId } : null;
  if (actor.role === 'operator') return actor.villageCode ? { villageCode: actor.villageCode } : null;
  return null;
}

export function createAttentionService(deps: WorkspaceModuleDeps) {
  const { db, clock } = deps;
  return {
    async list(actor: Actor, q: { programYearId?: number }): Promise<AttentionList> {
      const today = programDate(clock());
      const reach = reachOf(actor);
      if (!reach) return { today, checked: 0, items: [] };
      const pairings = await livePairings(db, today, reach, q.programYearId);
      const reports = await reportStatuses(
        db,
        pairings.map((p) => p.id),
      );
      const items: AttentionRow[] = [];
      for (const p of pairings) {
        const reasons: AttentionReason[] = [];
        const lastEpoch = p.last_activity_epoch ?? p.created_epoch;
        const lastActivityOn = programDate(new Date(Number(lastEpoch) * 1000));
        const idle = daysBetween(lastActivityOn, today);
        if (idle >= NO_ACTIVITY_DAYS) reasons.push({ kind: 'no_activity', count: idle, since: lastActivityOn });

        const status = new Map(reports.filter((r) => r.pairing_id === p.id).map((r) => [r.month, r.status as ReportMonthStatus]));
        const late: string[] = [];
        const missing: string[] = [];
        for (const month of reportMonths(p.year, p.decree_date, today)) {
          const s = status.get(month) ?? 'missing';
          if (!isLate(s, month, today)) continue;
          (s === 'missing' ? missing : late).push(month);
        }
        if (late.length) reasons.push({ kind: 'late_reports', count: late.length, since: dueOn(late[0] as string) });
        if (missing.length) reasons.push({ kind: 'missing_months', count: missing.length, since: dueOn(missing[0] as string) });
        if (p.overdue_items > 0) reasons.push({ kind: 'overdue_plan_items', count: p.overdue_items, since: p.overdue_items_since });
        if (p.overdue_follow_ups > 0)
          reasons.push({ kind: 'overdue_follow_ups', count: p.overdue_follow_ups, since: p.overdue_follow_ups_since });
        if (!reasons.length) continue;
        items.push({
          pairingId: p.id,
          programYearId: p.program_year_id,
          year: p.year,
          opdId: p.opd_id,
          opdName: p.opd_name,
          villageCode: p.village_code,
          villageName: p.village_name,
          lastActivityOn: p.last_activity_epoch == null ? null : lastActivityOn,
          reasons,
        });
      }
      const weight = (r: AttentionRow) => r.reasons.reduce((s, x) => s + (x.kind === 'no_activity' ? 1 : x.count), 0);
      items.sort(
        (a, b) => b.reasons.length - a.reasons.length || weight(b) - weight(a) || a.villageName.localeCompare(b.villageName, 'id'),
      );
      return { today, checked: pairings.length, items };
    },
  };
}
