/** SQL of the December evaluation. Reads the plan's targets and the delivered interventions (owned by other modules). */
import { sql } from 'drizzle-orm';
import { type DbOrTx, rows } from '../../db/client.ts';
import { evaluations, problems } from '../../db/schema.ts';

export interface EvalProblemRow {
  id: number;
  kind: string;
  category: string;
  title: string;
  rw: string | null;
  rt: string | null;
  origin: string;
  status: string;
  indicator_key: string | null;
  baseline_value: number | null;
  baseline_date: string | null;
  eval_outcome: string | null;
  eval_reason: string | null;
  eval_value: number | null;
  evaluated_at: string | null;
  evaluated_by_name: string | null;
  interventions: number;
  families_reached: number;
}

const problemCols = sql`p.id, p.kind, p.category, p.title, p.rw, p.rt, p.origin, p.status, p.indicator_key, p.baseline_value,
    to_char(p.baseline_date, 'YYYY-MM-DD') as baseline_date, p.eval_outcome, p.eval_reason, p.eval_value,
    p.evaluated_at::text as evaluated_at, u.full_name as evaluated_by_name,
    (select count(distinct i.id)::int from interventions i join plan_items pi on pi.id = i.plan_item_id
      where pi.problem_id = p.id and i.status <> 'cancelled') as interventions,
    (select count(distinct b.family_id)::int from intervention_beneficiaries b
      join interventions i on i.id = b.intervention_id join plan_items pi on pi.id = i.plan_item_id
      where pi.problem_id = p.id and i.status <> 'cancelled') as families_reached`;

/** The pairing's accepted problems and potentials with what was delivered for them. */
export async function acceptedProblems(db: DbOrTx, pairingId: number): Promise<EvalProblemRow[]> {
  return rows<EvalProblemRow>(
    db,
    sql`select ${problemCols} from problems p left join users u on u.id = p.evaluated_by
        where p.pairing_id = ${pairingId} and p.status = 'accepted' order by p.kind, p.id`,
  );
}

export async function findEvalProblem(db: DbOrTx, id: number): Promise<(EvalProblemRow & { pairing_id: number }) | undefined> {
  const [r] = await rows<EvalProblemRow & { pairing_id: number }>(
    db,
    sql`select p.pairing_id, ${problemCols} from problems p left join users u on u.id = p.evaluated_by where p.id = ${id}`,
  );
  return r;
}

export interface TargetRow {
  problem_id: number;
  plan_item_id: number;
  plan_item_title: string;
  plan_item_status: string;
  name: string;
  unit: string;
  indicator_key: string | null;
  baseline: number;
  target: number;
  target_date: string;
}

export async function targetsOf(db: DbOrTx, pairingId: number): Promise<TargetRow[]> {
  return rows<TargetRow>(
    db,
    sql`select pi.problem_id, pi.id as plan_item_id, pi.title as plan_item_title, pi.status as plan_item_status,
          t.name, t.unit, t.indicator_key, t.baseline, t.target, to_char(t.target_date, 'YYYY-MM-DD') as target_date
        from indicator_targets t join plan_items pi on pi.id = t.plan_item_id
        where pi.pairing_id = ${pairingId} order by pi.problem_id, pi.id, t.id`,
  );
}

export async function setOutcome(
  db: DbOrTx,
  problemId: number,
  v: { outcome: string; reason: string; value: number | null; by: number | null; at: Date },
): Promise<void> {
  await db.execute(
    sql`update problems set eval_outcome = ${v.outcome}, eval_reason = ${v.reason}, eval_value = ${v.value},
          evaluated_at = ${v.at.toISOString()}, evaluated_by = ${v.by}, updated_at = ${v.at.toISOString()}
        where id = ${problemId}`,
  );
}

export async function findDecision(db: DbOrTx, pairingId: number) {
  const [r] = await rows<{
    decision: string | null;
    decision_reason: string | null;
    decided_at: string | null;
    decided_by_name: string | null;
  }>(
    db,
    sql`select e.decision, e.decision_reason, e.decided_at::text as decided_at, u.full_name as decided_by_name
        from evaluations e left join users u on u.id = e.decided_by where e.pairing_id = ${pairingId}`,
  );
  return r;
}

export async function upsertDecision(db: DbOrTx, pairingId: number, v: { decision: string; reason: string; by: number | null; at: Date }) {
  const at = v.at.toISOString();
  await db
    .insert(evaluations)
    .values({ pairingId, decision: v.decision, decisionReason: v.reason, decidedBy: v.by, decidedAt: at, updatedAt: at })
    .onConflictDoUpdate({
      target: evaluations.pairingId,
      set: { decision: v.decision, decisionReason: v.reason, decidedBy: v.by, decidedAt: at, updatedAt: at },
    });
}

/** Source problem ids already carried into the target pairing. */
export async function carriedInto(db: DbOrTx, targetPairingId: number): Promise<Set<number>> {
  const list = await rows<{ id: number }>(
    db,
    sql`select carried_from_id as id from problems where pairing_id = ${targetPairingId} and carried_from_id is not null`,
  );
  return new Set(list.map((r) => r.id));
}

export async function sourceForCarry(db: DbOrTx, problemId: number) {
  const [r] = await db.select().from(problems).where(sql`${problems.id} = ${problemId}`);
  return r;
}

export async function insertCarried(db: DbOrTx, values: typeof problems.$inferInsert): Promise<number> {
  const [r] = await db.insert(problems).values(values).returning({ id: problems.id });
  if (!r) throw new Error('carried problem insert returned nothing');
  return r.id;
}

export async function copyFamilies(db: DbOrTx, fromProblemId: number, toProblemId: number): Promise<void> {
  await db.execute(
    sql`insert into problem_families (problem_id, family_id)
        select ${toProblemId}, family_id from problem_families where problem_id = ${fromProblemId} on conflict do nothing`,
  );
}
