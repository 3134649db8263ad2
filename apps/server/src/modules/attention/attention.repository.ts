/** SQL of the attention list: live pairings in reach with their activity, overdue items and reports. */
import { sql } from 'drizzle-orm';
import { type DbOrTx, rows } from '../../db/client.ts';

/**
 * ACTIVITY, defined here and only here: the latest moment a pairing's workspace was worked on, i.e.
 * the latest of
 *   - an intervention recorded, changed or delivered (interventions.created_at/updated_at/delivered_on),
 *   - a monthly report drafted or changed (monthly_reports.created_at/updated_at),
 *   - a problem or potential recorded or changed (problems.created_at/updated_at),
 *   - a plan item added or changed, or the plan's state changed (plan_items.*, plans.updated_at).
 * Supervision visits are Bappeda's work, not the pairing's, so they do not count.
 * A pairing with none of these counts from the day it was created.
 */
const lastActivity = sql`greatest(
    (select max(greatest(i.created_at, i.updated_at, i.delivered_on::timestamptz)) from interventions i where i.pairing_id = p.id),
    (select max(greatest(r.created_at, r.updated_at)) from monthly_reports r where r.pairing_id = p.id),
    (select max(greatest(pr.created_at, pr.updated_at)) from problems pr where pr.pairing_id = p.id),
    (select max(greatest(pi.created_at, pi.updated_at)) from plan_items pi where pi.pairing_id = p.id),
    (select pl.updated_at from plans pl where pl.pairing_id = p.id)
  )`;

export interface AttentionPairingRow {
  id: number;
  program_year_id: number;
  year: number;
  opd_id: number;
  opd_name: string;
  village_code: string;
  village_name: string;
  decree_date: string;
  created_epoch: number;
  last_activity_epoch: number | null;
  overdue_items: number;
  overdue_items_since: string | null;
  overdue_follow_ups: number;
  overdue_follow_ups_since: string | null;
}

export interface Reach {
  opdId?: number;
  villageCode?: string;
}

export async function livePairings(db: DbOrTx, today: string, reach: Reach, programYearId?: number): Promise<AttentionPairingRow[]> {
  const conds = [sql`p.status = 'active'`, sql`y.status = 'active'`];
  if (programYearId) conds.push(sql`p.program_year_id = ${programYearId}`);
  if (reach.opdId !== undefined) conds.push(sql`p.opd_id = ${reach.opdId}`);
  if (reach.villageCode !== undefined) conds.push(sql`p.village_code = ${reach.villageCode}`);
  return rows<AttentionPairingRow>(
    db,
    sql`select p.id, p.program_year_id, y.year, p.opd_id, o.name as opd_name, p.village_code, v.name as village_name,
          to_char(p.decree_date, 'YYYY-MM-DD') as decree_date,
          extract(epoch from p.created_at)::float8 as created_epoch,
          extract(epoch from ${lastActivity})::float8 as last_activity_epoch,
          (select count(*)::int from plan_items pi where pi.pairing_id = p.id and pi.status = 'active' and pi.due_on < ${today}) as overdue_items,
          (select to_char(min(pi.due_on), 'YYYY-MM-DD') from plan_items pi where pi.pairing_id = p.id and pi.status = 'active' and pi.due_on < ${today}) as overdue_items_since,
          (select count(*)::int from follow_ups f join supervision_visits sv on sv.id = f.visit_id
             where sv.pairing_id = p.id and f.status = 'open' and f.due_on < ${today}) as overdue_follow_ups,
          (select to_char(min(f.due_on), 'YYYY-MM-DD') from follow_ups f join supervision_visits sv on sv.id = f.visit_id
             where sv.pairing_id = p.id and f.status = 'open' and f.due_on < ${today}) as overdue_follow_ups_since
        from pairings p
        join program_years y on y.id = p.program_year_id
        join opds o on o.id = p.opd_id
        join regions v on v.code = p.village_code
        where ${sql.join(conds, sql` and `)}
        order by p.id`,
  );
}

export async function reportStatuses(db: DbOrTx, pairingIds: number[]): Promise<{ pairing_id: number; month: string; status: string }[]> {
  if (!pairingIds.length) return [];
  return rows(
    db,
    sql`select pairing_id, to_char(month, 'YYYY-MM-DD') as month, status from monthly_reports
        where pairing_id in (${sql.join(pairingIds, sql`, `)})`,
  );
}
