/** SQL of the plan step: plans, items, target families, indicator targets, frozen versions. */
import type { FamilyCriteria, Partner, PlanItem } from '@dampingan/contracts';
import { sql } from 'drizzle-orm';
import { type DbOrTx, rows } from '../../db/client.ts';

export interface PlanRow {
  pairing_id: number;
  status: string;
  version: number;
  change_reason: string | null;
  submitted_at: string | null;
  reviewed_at: string | null;
  review_comment: string | null;
}

export const isoOf = (v: unknown): string | null => (v == null ? null : new Date(v as string).toISOString());

export async function findPlan(db: DbOrTx, pairingId: number, forUpdate = false): Promise<PlanRow | undefined> {
  const [r] = await rows<PlanRow>(
    db,
    sql`select pairing_id, status, version, change_reason, submitted_at, reviewed_at, review_comment
        from plans where pairing_id = ${pairingId} ${forUpdate ? sql`for update` : sql``}`,
  );
  return r;
}

/** The plan row of a pairing, created (draft, version 1) on first use, locked for the transaction. */
export async function lockPlan(tx: DbOrTx, pairingId: number): Promise<PlanRow> {
  await tx.execute(sql`insert into plans (pairing_id) values (${pairingId}) on conflict (pairing_id) do nothing`);
  const p = await findPlan(tx, pairingId, true);
  if (!p) throw new Error('plan row missing after insert');
  return p;
}

export async function updatePlan(
  tx: DbOrTx,
  pairingId: number,
  v: {
    status: string;
    version?: number;
    changeReason?: string | null;
    submittedAt?: string | null;
    submittedBy?: number | null;
    reviewedAt?: string | null;
    reviewedBy?: number | null;
    reviewComment?: string | null;
  },
): Promise<void> {
  const sets = [sql`status = ${v.status}`, sql`updated_at = now()`];
  if (v.version !== undefined) sets.push(sql`version = ${v.version}`);
  if (v.changeReason !== undefined) sets.push(sql`change_reason = ${v.changeReason}`);
  if (v.submittedAt !== undefined) sets.push(sql`submitted_at = ${v.submittedAt}`);
  if (v.submittedBy !== undefined) sets.push(sql`submitted_by = ${v.submittedBy}`);
  if (v.reviewedAt !== undefined) sets.push(sql`reviewed_at = ${v.reviewedAt}`);
  if (v.reviewedBy !== undefined) sets.push(sql`reviewed_by = ${v.reviewedBy}`);
  if (v.reviewComment !== undefined) sets.push(sql`review_comment = ${v.reviewComment}`);
  await tx.execute(sql`update plans set ${sql.join(sets, sql`, `)} where pairing_id = ${pairingId}`);
}

interface ItemRow {
  id: number;
  pairing_id: number;
  problem_id: number;
  problem_title: string;
  problem_category: string;
  title: string;
  description: string | null;
  term: PlanItem['term'];
  start_year: number;
  end_year: number;
  responsible_opd_id: number;
  responsible_opd_name: string;
  partners: Partner[];
  help_type: string;
  output_volume: number | null;
  output_unit: string | null;
  estimated_cost: number | null;
  funding_source: string | null;
  planning_channel: string | null;
  due_on: string | null;
  status: PlanItem['status'];
  target_filter: FamilyCriteria | null;
  target_family_count: number;
  cancel_reason: string | null;
}

interface TargetRow {
  id: number;
  plan_item_id: number;
  name: string;
  unit: string;
  indicator_key: string | null;
  baseline: number;
  target: number;
  target_date: string;
}

/** Items of a pairing's plan (or one item), with problem, OPD, target-family count and indicator targets. */
export async function listItems(db: DbOrTx, pairingId: number, itemId?: number): Promise<PlanItem[]> {
  const items = await rows<ItemRow>(
    db,
    sql`select i.id, i.pairing_id, i.problem_id, pr.title as problem_title, pr.category as problem_category, i.title,
          i.description, i.term, i.start_year, i.end_year, i.responsible_opd_id, o.name as responsible_opd_name,
          i.partners, i.help_type, i.output_volume, i.output_unit, i.estimated_cost::float8 as estimated_cost,
          i.funding_source, i.planning_channel, i.due_on::text as due_on, i.status, i.target_filter,
          (select count(*)::int from plan_item_families pf where pf.plan_item_id = i.id) as target_family_count,
          case when i.status = 'cancelled' then (select a.reason from audit_log a where a.entity_type = 'plan_item'
            and a.entity_id = i.id::text and a.action = 'plan_item.cancel' order by a.id desc limit 1) end as cancel_reason
        from plan_items i join problems pr on pr.id = i.problem_id join opds o on o.id = i.responsible_opd_id
        where i.pairing_id = ${pairingId} ${itemId !== undefined ? sql`and i.id = ${itemId}` : sql``}
        order by pr.id, i.id`,
  );
  if (items.length === 0) return [];
  const targets = await rows<TargetRow>(
    db,
    sql`select t.id, t.plan_item_id, t.name, t.unit, t.indicator_key, t.baseline, t.target, t.target_date::text as target_date
        from indicator_targets t join plan_items i on i.id = t.plan_item_id
        where i.pairing_id = ${pairingId} ${itemId !== undefined ? sql`and i.id = ${itemId}` : sql``} order by t.id`,
  );
  return items.map((r) => ({
    id: r.id,
    problemId: r.problem_id,
    problemTitle: r.problem_title,
    problemCategory: r.problem_category,
    title: r.title,
    description: r.description,
    term: r.term,
    startYear: r.start_year,
    endYear: r.end_year,
    responsibleOpdId: r.responsible_opd_id,
    responsibleOpdName: r.responsible_opd_name,
    partners: r.partners ?? [],
    helpType: r.help_type,
    outputVolume: r.output_volume,
    outputUnit: r.output_unit,
    estimatedCost: r.estimated_cost,
    fundingSource: r.funding_source,
    planningChannel: r.planning_channel,
    dueOn: r.due_on,
    status: r.status,
    cancelReason: r.cancel_reason,
    targetFilter: r.target_filter,
    targetFamilyCount: r.target_family_count,
    indicatorTargets: targets
      .filter((t) => t.plan_item_id === r.id)
      .map((t) => ({
        id: t.id,
        name: t.name,
        unit: t.unit,
        indicatorKey: t.indicator_key as PlanItem['indicatorTargets'][number]['indicatorKey'],
        baseline: t.baseline,
        target: t.target,
        targetDate: t.target_date,
      })),
  }));
}

export interface ItemValues {
  problemId: number;
  title: string;
  description: string | null;
  term: string;
  startYear: number;
  endYear: number;
  responsibleOpdId: number;
  partners: Partner[];
  helpType: string;
  outputVolume: number | null;
  outputUnit: string | null;
  estimatedCost: number | null;
  fundingSource: string | null;
  planningChannel: string | null;
  dueOn: string | null;
}

export async function insertItem(tx: DbOrTx, pairingId: number, v: ItemValues, createdBy: number): Promise<number> {
  const [r] = await rows<{ id: number }>(
    tx,
    sql`insert into plan_items (pairing_id, problem_id, title, description, term, start_year, end_year, responsible_opd_id,
          partners, help_type, output_volume, output_unit, estimated_cost, funding_source, planning_channel, due_on, created_by)
        values (${pairingId}, ${v.problemId}, ${v.title}, ${v.description}, ${v.term}, ${v.startYear}, ${v.endYear},
          ${v.responsibleOpdId}, ${JSON.stringify(v.partners)}::jsonb, ${v.helpType}, ${v.outputVolume}, ${v.outputUnit},
          ${v.estimatedCost}, ${v.fundingSource}, ${v.planningChannel}, ${v.dueOn}, ${createdBy > 0 ? createdBy : null})
        returning id`,
  );
  if (!r) throw new Error('insert plan item failed');
  return r.id;
}

export async function updateItem(tx: DbOrTx, id: number, v: ItemValues): Promise<void> {
  await tx.execute(
    sql`update plan_items set problem_id = ${v.problemId}, title = ${v.title}, description = ${v.description}, term = ${v.term},
          start_year = ${v.startYear}, end_year = ${v.endYear}, responsible_opd_id = ${v.responsibleOpdId},
          partners = ${JSON.stringify(v.partners)}::jsonb, help_type = ${v.helpType}, output_volume = ${v.outputVolume},
          output_unit = ${v.outputUnit}, estimated_cost = ${v.estimatedCost}, funding_source = ${v.fundingSource},
          planning_channel = ${v.planningChannel}, due_on = ${v.dueOn}, updated_at = now()
        where id = ${id}`,
  );
}

export async function setItemStatus(tx: DbOrTx, id: number, status: string): Promise<void> {
  await tx.execute(sql`update plan_items set status = ${status}, updated_at = now() where id = ${id}`);
}

export async function replaceTargets(
  tx: DbOrTx,
  itemId: number,
  targets: { name: string; unit: string; indicatorKey: string | null; baseline: number; target: number; targetDate: string }[],
): Promise<void> {
  await tx.execute(sql`delete from indicator_targets where plan_item_id = ${itemId}`);
  for (const t of targets) {
    await tx.execute(
      sql`insert into indicator_targets (plan_item_id, name, unit, indicator_key, baseline, target, target_date)
          values (${itemId}, ${t.name}, ${t.unit}, ${t.indicatorKey}, ${t.baseline}, ${t.target}, ${t.targetDate})`,
    );
  }
}

export async function replaceTargetFamilies(tx: DbOrTx, itemId: number, familyIds: number[], filter: FamilyCriteria | null) {
  await tx.execute(sql`delete from plan_item_families where plan_item_id = ${itemId}`);
  if (familyIds.length > 0) {
    await tx.execute(
      sql`insert into plan_item_families (plan_item_id, family_id)
          select ${itemId}, x from unnest(${`{${familyIds.join(',')}}`}::int[]) as x on conflict do nothing`,
    );
  }
  await tx.execute(
    sql`update plan_items set target_filter = ${filter ? JSON.stringify(filter) : null}::jsonb, updated_at = now() where id = ${itemId}`,
  );
}

export async function targetFamilyIds(db: DbOrTx, itemId: number): Promise<number[]> {
  const r = await rows<{ family_id: number }>(db, sql`select family_id from plan_item_families where plan_item_id = ${itemId}`);
  return r.map((x) => x.family_id);
}

export interface TargetFamilyRow {
  id: number;
  head_name: string | null;
  rw: string | null;
  rt: string | null;
  desil: number | null;
}

export async function listTargetFamilies(db: DbOrTx, itemId: number): Promise<TargetFamilyRow[]> {
  return rows<TargetFamilyRow>(
    db,
    sql`select f.id, f.rw, f.rt, f.desil,
          (select p.name from persons p where p.family_id = f.id order by (p.relationship = 'head') desc nulls last, p.id limit 1) as head_name
        from plan_item_families pf join families f on f.id = pf.family_id
        where pf.plan_item_id = ${itemId} order by f.desil nulls last, f.rw, f.rt, f.id`,
  );
}

/** Which of the ids are NOT families of the village (in input order). */
export async function familiesOutside(db: DbOrTx, villageCode: string, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const inside = await rows<{ id: number }>(
    db,
    sql`select id from families where village_code = ${villageCode} and id = any(${`{${ids.join(',')}}`}::int[])`,
  );
  const ok = new Set(inside.map((r) => r.id));
  return ids.filter((id) => !ok.has(id));
}

export async function findProblem(db: DbOrTx, id: number) {
  const [r] = await rows<{ id: number; pairing_id: number; status: string; title: string; rw: string | null }>(
    db,
    sql`select id, pairing_id, status, title, rw from problems where id = ${id}`,
  );
  return r;
}

export async function findActiveOpd(db: DbOrTx, id: number) {
  const [r] = await rows<{ id: number; name: string; active: boolean }>(db, sql`select id, name, active from opds where id = ${id}`);
  return r;
}

export async function insertVersion(
  tx: DbOrTx,
  v: { pairingId: number; version: number; items: PlanItem[]; changeReason: string | null; approvedBy: number; approvedAt: string },
) {
  await tx.execute(
    sql`insert into plan_versions (pairing_id, version, items, change_reason, approved_by, approved_at)
        values (${v.pairingId}, ${v.version}, ${JSON.stringify(v.items)}::jsonb, ${v.changeReason},
          ${v.approvedBy > 0 ? v.approvedBy : null}, ${v.approvedAt})`,
  );
}

export interface VersionRow {
  version: number;
  change_reason: string | null;
  approved_at: string;
  approved_by_name: string | null;
  items: PlanItem[];
  item_count: number;
}

export async function listVersions(db: DbOrTx, pairingId: number, version?: number): Promise<VersionRow[]> {
  return rows<VersionRow>(
    db,
    sql`select v.version, v.change_reason, v.approved_at, u.full_name as approved_by_name,
          ${version !== undefined ? sql`v.items` : sql`null::jsonb`} as items, jsonb_array_length(v.items)::int as item_count
        from plan_versions v left join users u on u.id = v.approved_by
        where v.pairing_id = ${pairingId} ${version !== undefined ? sql`and v.version = ${version}` : sql``}
        order by v.version`,
  );
}

export async function activeItemCount(db: DbOrTx, pairingId: number): Promise<number> {
  const [r] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from plan_items where pairing_id = ${pairingId} and status <> 'cancelled'`,
  );
  return r?.n ?? 0;
}
