/** SQL of monthly reports: the report rows, their events, and the month's figures read from delivery and supervision. */
import type { ReportSummary } from '@dampingan/contracts';
import { sql } from 'drizzle-orm';
import { type DbOrTx, rows } from '../../db/client.ts';

export interface ReportRow {
  id: number;
  pairing_id: number;
  month: string;
  status: 'draft' | 'submitted' | 'accepted' | 'returned';
  narrative: string | null;
  obstacles: string | null;
  next_steps: string | null;
  summary: ReportSummary;
  locked: boolean;
  submitted_at: string | null;
  submitted_by: number | null;
  reviewed_at: string | null;
  reviewed_by: number | null;
  review_comment: string | null;
  created_at: string;
  updated_at: string;
}

const reportSelect = sql`select id, pairing_id, to_char(month, 'YYYY-MM-DD') as month, status, narrative, obstacles, next_steps,
  summary, locked, submitted_at::text as submitted_at, submitted_by, reviewed_at::text as reviewed_at, reviewed_by, review_comment,
  created_at::text as created_at, updated_at::text as updated_at from monthly_reports`;

export async function listReports(db: DbOrTx, pairingId: number): Promise<ReportRow[]> {
  return rows<ReportRow>(db, sql`${reportSelect} where pairing_id = ${pairingId} order by month`);
}

export async function findReport(db: DbOrTx, pairingId: number, id: number, forUpdate = false): Promise<ReportRow | undefined> {
  const [r] = await rows<ReportRow>(
    db,
    sql`${reportSelect} where pairing_id = ${pairingId} and id = ${id} ${forUpdate ? sql`for update` : sql``}`,
  );
  return r;
}

export async function findReportByMonth(db: DbOrTx, pairingId: number, month: string): Promise<ReportRow | undefined> {
  const [r] = await rows<ReportRow>(db, sql`${reportSelect} where pairing_id = ${pairingId} and month = ${month}`);
  return r;
}

export async function insertReport(db: DbOrTx, pairingId: number, month: string, summary: ReportSummary): Promise<number> {
  const [r] = await rows<{ id: number }>(
    db,
    sql`insert into monthly_reports (pairing_id, month, summary) values (${pairingId}, ${month}, ${JSON.stringify(summary)}::jsonb) returning id`,
  );
  if (!r) throw new Error('insert monthly_reports returned nothing');
  return r.id;
}

export interface ReportChange {
  status?: string;
  narrative?: string | null;
  obstacles?: string | null;
  nextSteps?: string | null;
  summary?: ReportSummary;
  locked?: boolean;
  submittedBy?: number | null;
  submittedNow?: boolean;
  reviewedBy?: number | null;
  reviewedNow?: boolean;
  reviewComment?: string | null;
}

export async function updateReport(db: DbOrTx, id: number, c: ReportChange, at: Date): Promise<void> {
  const sets = [sql`updated_at = ${at.toISOString()}`];
  if (c.status !== undefined) sets.push(sql`status = ${c.status}`);
  if (c.narrative !== undefined) sets.push(sql`narrative = ${c.narrative}`);
  if (c.obstacles !== undefined) sets.push(sql`obstacles = ${c.obstacles}`);
  if (c.nextSteps !== undefined) sets.push(sql`next_steps = ${c.nextSteps}`);
  if (c.summary !== undefined) sets.push(sql`summary = ${JSON.stringify(c.summary)}::jsonb`);
  if (c.locked !== undefined) sets.push(sql`locked = ${c.locked}`);
  if (c.submittedNow) sets.push(sql`submitted_at = ${at.toISOString()}`, sql`submitted_by = ${c.submittedBy ?? null}`);
  if (c.reviewedNow) sets.push(sql`reviewed_at = ${at.toISOString()}`, sql`reviewed_by = ${c.reviewedBy ?? null}`);
  if (c.reviewComment !== undefined) sets.push(sql`review_comment = ${c.reviewComment}`);
  await db.execute(sql`update monthly_reports set ${sql.join(sets, sql`, `)} where id = ${id}`);
}

export interface EventRow {
  id: number;
  action: 'submit' | 'return' | 'accept' | 'unlock';
  comment: string | null;
  actor_id: number | null;
  actor_name: string | null;
  at: string;
}

export async function insertEvent(
  db: DbOrTx,
  reportId: number,
  action: EventRow['action'],
  comment: string | null,
  actorId: number | null,
  at: Date,
): Promise<void> {
  await db.execute(
    sql`insert into report_events (report_id, action, comment, actor_id, at) values (${reportId}, ${action}, ${comment}, ${actorId}, ${at.toISOString()})`,
  );
}

export async function listEvents(db: DbOrTx, reportId: number): Promise<EventRow[]> {
  return rows<EventRow>(
    db,
    sql`select e.id, e.action, e.comment, e.actor_id, u.full_name as actor_name, e.at::text as at
        from report_events e left join users u on u.id = e.actor_id where e.report_id = ${reportId} order by e.at, e.id`,
  );
}

export async function pairingDecreeDate(db: DbOrTx, pairingId: number): Promise<string> {
  const [r] = await rows<{ d: string }>(db, sql`select to_char(decree_date, 'YYYY-MM-DD') as d from pairings where id = ${pairingId}`);
  return r?.d ?? '1970-01-01';
}

const num = (v: unknown) => Number(v ?? 0);

/**
 * The month's figures: interventions delivered in it (by status; families, outputs and cost counted
 * over those not cancelled), supervision visits in it, follow-ups opened (by visit date) and closed.
 */
export async function monthFigures(db: DbOrTx, pairingId: number, from: string, to: string, at: Date): Promise<ReportSummary> {
  const items = await rows<{ id: number; title: string; delivered_on: string; status: string; reach: string; families: number }>(
    db,
    sql`select i.id, i.title, to_char(i.delivered_on, 'YYYY-MM-DD') as delivered_on, i.status, i.reach,
          (select count(distinct b.family_id)::int from intervention_beneficiaries b where b.intervention_id = i.id) as families
        from interventions i where i.pairing_id = ${pairingId} and i.delivered_on between ${from} and ${to}
        order by i.delivered_on, i.id`,
  );
  const [fam] = await rows<{ n: number }>(
    db,
    sql`select count(distinct b.family_id)::int as n from intervention_beneficiaries b join interventions i on i.id = b.intervention_id
        where i.pairing_id = ${pairingId} and i.delivered_on between ${from} and ${to} and i.status <> 'cancelled'`,
  );
  const outputs = await rows<{ unit: string; volume: number }>(
    db,
    sql`select output_unit as unit, sum(output_volume)::float8 as volume from interventions
        where pairing_id = ${pairingId} and delivered_on between ${from} and ${to} and status <> 'cancelled'
          and output_unit is not null and output_volume is not null
        group by output_unit order by output_unit`,
  );
  const costs = await rows<{ funding_source: string; amount: string | number }>(
    db,
    sql`select c.funding_source, sum(c.amount)::bigint as amount from intervention_costs c join interventions i on i.id = c.intervention_id
        where i.pairing_id = ${pairingId} and i.delivered_on between ${from} and ${to} and i.status <> 'cancelled'
        group by c.funding_source order by c.funding_source`,
  );
  const visits = await rows<{ d: string }>(
    db,
    sql`select to_char(visited_on, 'YYYY-MM-DD') as d from supervision_visits
        where pairing_id = ${pairingId} and visited_on between ${from} and ${to} order by visited_on, id`,
  );
  const [fu] = await rows<{ opened: number; closed: number }>(
    db,
    sql`select count(*) filter (where v.visited_on between ${from} and ${to})::int as opened,
               count(*) filter (where f.status = 'done' and f.closed_on between ${from} and ${to})::int as closed
        from follow_ups f join supervision_visits v on v.id = f.visit_id where v.pairing_id = ${pairingId}`,
  );
  const byStatus = { planned: 0, in_progress: 0, done: 0, cancelled: 0 };
  for (const i of items) if (i.status in byStatus) byStatus[i.status as keyof typeof byStatus]++;
  const live = items.filter((i) => i.status !== 'cancelled');
  const costRows = costs.map((c) => ({ fundingSource: c.funding_source, amount: num(c.amount) }));
  return {
    draftedAt: at.toISOString(),
    interventions: {
      count: live.length,
      byStatus,
      familiesReached: num(fam?.n),
      villageWide: live.filter((i) => i.reach === 'village').length,
      outputs: outputs.map((o) => ({ unit: o.unit, volume: num(o.volume) })),
      costs: costRows,
      totalCost: costRows.reduce((s, c) => s + c.amount, 0),
      items: items.map((i) => ({ id: i.id, title: i.title, deliveredOn: i.delivered_on, status: i.status, families: num(i.families) })),
    },
    visits: { count: visits.length, dates: visits.map((v) => v.d) },
    followUps: { opened: num(fu?.opened), closed: num(fu?.closed) },
  };
}
