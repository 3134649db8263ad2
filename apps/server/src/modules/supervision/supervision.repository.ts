/** SQL of supervision: visits, follow-ups, spot-checks and the interventions they sample. */
import { sql } from 'drizzle-orm';
import { type DbOrTx, rows } from '../../db/client.ts';

export interface VisitRow {
  id: number;
  pairing_id: number;
  visited_on: string;
  visitors: string;
  findings: string;
  created_by: number | null;
  created_by_name: string | null;
  created_at: string;
}

export interface FollowUpRow {
  id: number;
  visit_id: number;
  pairing_id: number;
  visited_on: string;
  action: string;
  owner_opd_id: number | null;
  owner_opd_name: string | null;
  owner_name: string | null;
  due_on: string;
  status: 'open' | 'done';
  closed_on: string | null;
  closing_note: string | null;
}

const visitSelect = sql`select v.id, v.pairing_id, to_char(v.visited_on, 'YYYY-MM-DD') as visited_on, v.visitors, v.findings,
  v.created_by, u.full_name as created_by_name, v.created_at::text as created_at
  from supervision_visits v left join users u on u.id = v.created_by`;

const followUpSelect = sql`select f.id, f.visit_id, v.pairing_id, to_char(v.visited_on, 'YYYY-MM-DD') as visited_on, f.action,
  f.owner_opd_id, o.name as owner_opd_name, f.owner_name, to_char(f.due_on, 'YYYY-MM-DD') as due_on, f.status,
  to_char(f.closed_on, 'YYYY-MM-DD') as closed_on, f.closing_note
  from follow_ups f join supervision_visits v on v.id = f.visit_id left join opds o on o.id = f.owner_opd_id`;

export async function listVisits(db: DbOrTx, pairingId: number): Promise<VisitRow[]> {
  return rows<VisitRow>(db, sql`${visitSelect} where v.pairing_id = ${pairingId} order by v.visited_on desc, v.id desc`);
}

export async function findVisit(db: DbOrTx, pairingId: number, id: number): Promise<VisitRow | undefined> {
  const [r] = await rows<VisitRow>(db, sql`${visitSelect} where v.pairing_id = ${pairingId} and v.id = ${id}`);
  return r;
}

export async function insertVisit(
  db: DbOrTx,
  v: { pairingId: number; visitedOn: string; visitors: string; findings: string; createdBy: number | null; at: Date },
): Promise<number> {
  const [r] = await rows<{ id: number }>(
    db,
    sql`insert into supervision_visits (pairing_id, visited_on, visitors, findings, created_by, created_at)
        values (${v.pairingId}, ${v.visitedOn}, ${v.visitors}, ${v.findings}, ${v.createdBy}, ${v.at.toISOString()}) returning id`,
  );
  if (!r) throw new Error('insert supervision_visits returned nothing');
  return r.id;
}

export async function listFollowUps(db: DbOrTx, pairingId: number): Promise<FollowUpRow[]> {
  return rows<FollowUpRow>(db, sql`${followUpSelect} where v.pairing_id = ${pairingId} order by f.due_on, f.id`);
}

export async function findFollowUp(db: DbOrTx, pairingId: number, id: number, forUpdate = false): Promise<FollowUpRow | undefined> {
  const [r] = await rows<FollowUpRow>(
    db,
    sql`${followUpSelect} where v.pairing_id = ${pairingId} and f.id = ${id} ${forUpdate ? sql`for update of f` : sql``}`,
  );
  return r;
}

export async function insertFollowUp(
  db: DbOrTx,
  f: { visitId: number; action: string; ownerOpdId: number | null; ownerName: string | null; dueOn: string },
): Promise<number> {
  const [r] = await rows<{ id: number }>(
    db,
    sql`insert into follow_ups (visit_id, action, owner_opd_id, owner_name, due_on)
        values (${f.visitId}, ${f.action}, ${f.ownerOpdId}, ${f.ownerName}, ${f.dueOn}) returning id`,
  );
  if (!r) throw new Error('insert follow_ups returned nothing');
  return r.id;
}

export async function closeFollowUp(db: DbOrTx, id: number, closedOn: string, note: string, at: Date): Promise<void> {
  await db.execute(
    sql`update follow_ups set status = 'done', closed_on = ${closedOn}, closing_note = ${note}, updated_at = ${at.toISOString()} where id = ${id}`,
  );
}

export async function existingOpdIds(db: DbOrTx, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const found = await rows<{ id: number }>(db, sql`select id from opds where id in (${sql.join(ids, sql`, `)})`);
  return new Set(found.map((r) => r.id));
}

// ---- spot-checks -------------------------------------------------------------------------------

/** The population a spot-check draws from: the pairing's recorded interventions, done or in progress. */
const population = (pairingId: number) => sql`interventions i where i.pairing_id = ${pairingId} and i.status in ('done','in_progress')`;

export async function populationSize(db: DbOrTx, pairingId: number): Promise<number> {
  const [r] = await rows<{ n: number }>(db, sql`select count(*)::int as n from ${population(pairingId)}`);
  return r?.n ?? 0;
}

/**
 * The sample: the population ordered by md5(seed || ':' || id), first `size`. The same seed over the
 * same interventions gives the same sample, so anyone can re-draw and check it.
 */
export async function drawSample(db: DbOrTx, pairingId: number, seed: string, size: number): Promise<number[]> {
  const r = await rows<{ id: number }>(
    db,
    sql`select i.id from ${population(pairingId)} order by md5(${seed}::text || ':' || i.id::text), i.id limit ${size}`,
  );
  return r.map((x) => x.id);
}

export async function insertSpotCheck(
  db: DbOrTx,
  s: { pairingId: number; seed: string; sampleSize: number; population: number; drawnBy: number | null; at: Date },
  interventionIds: number[],
): Promise<number> {
  const [r] = await rows<{ id: number }>(
    db,
    sql`insert into spot_checks (pairing_id, seed, sample_size, population, drawn_by, created_at)
        values (${s.pairingId}, ${s.seed}, ${s.sampleSize}, ${s.population}, ${s.drawnBy}, ${s.at.toISOString()}) returning id`,
  );
  if (!r) throw new Error('insert spot_checks returned nothing');
  for (const iid of interventionIds) {
    await db.execute(sql`insert into spot_check_items (spot_check_id, intervention_id) values (${r.id}, ${iid})`);
  }
  return r.id;
}

export interface SpotCheckRow {
  id: number;
  pairing_id: number;
  seed: string;
  sample_size: number;
  population: number;
  drawn_by: number | null;
  drawn_at: string;
}

export async function listSpotChecks(db: DbOrTx, pairingId: number, id?: number): Promise<SpotCheckRow[]> {
  return rows<SpotCheckRow>(
    db,
    sql`select id, pairing_id, seed, sample_size, population, drawn_by, created_at::text as drawn_at from spot_checks
        where pairing_id = ${pairingId} ${id ? sql`and id = ${id}` : sql``} order by created_at desc, id desc`,
  );
}

export interface SpotItemRow {
  id: number;
  spot_check_id: number;
  intervention_id: number;
  title: string;
  delivered_on: string;
  help_type: string;
  reach: string;
  status: string;
  outcome: 'pending' | 'verified' | 'discrepancy' | 'not_found';
  note: string | null;
  checked_on: string | null;
  checked_by: number | null;
  beneficiaries: { familyId: number; headName: string | null; rw: string | null; rt: string | null }[];
}

const itemSelect = sql`select s.id, s.spot_check_id, s.intervention_id, i.title, to_char(i.delivered_on, 'YYYY-MM-DD') as delivered_on,
    i.help_type, i.reach, i.status, s.outcome, s.note, to_char(s.checked_on, 'YYYY-MM-DD') as checked_on, s.checked_by,
    coalesce((select json_agg(json_build_object('familyId', f.id, 'rw', f.rw, 'rt', f.rt,
        'headName', (select p.name from persons p where p.family_id = f.id order by (p.relationship = 'head') desc nulls last, p.id limit 1))
        order by f.rw, f.rt, f.id)
      from families f where f.id in (select b.family_id from intervention_beneficiaries b where b.intervention_id = i.id)), '[]'::json) as beneficiaries
  from spot_check_items s join interventions i on i.id = s.intervention_id join spot_checks c on c.id = s.spot_check_id`;

export async function listSpotItems(db: DbOrTx, spotCheckIds: number[]): Promise<SpotItemRow[]> {
  if (!spotCheckIds.length) return [];
  return rows<SpotItemRow>(
    db,
    sql`${itemSelect} where s.spot_check_id in (${sql.join(spotCheckIds, sql`, `)}) order by i.delivered_on, s.id`,
  );
}

export async function findSpotItem(db: DbOrTx, pairingId: number, itemId: number): Promise<SpotItemRow | undefined> {
  const [r] = await rows<SpotItemRow>(db, sql`${itemSelect} where c.pairing_id = ${pairingId} and s.id = ${itemId}`);
  return r;
}

export async function updateSpotItem(
  db: DbOrTx,
  id: number,
  v: { outcome: string; note: string | null; checkedOn: string; checkedBy: number | null },
): Promise<void> {
  await db.execute(
    sql`update spot_check_items set outcome = ${v.outcome}, note = ${v.note}, checked_on = ${v.checkedOn}, checked_by = ${v.checkedBy} where id = ${id}`,
  );
}
