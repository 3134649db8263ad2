/** SQL of the assessment: village profiles, problems and their families, family verifications. */
import type { FamilyCriteria, Problem } from '@dampingan/contracts';
import { eq, sql } from 'drizzle-orm';
import { type DbOrTx, rows } from '../../db/client.ts';
import { familyVerifications, problemFamilies, problems, villageProfiles } from '../../db/schema.ts';
import { criteriaSql, villageFamilies } from '../workspace/family-criteria.ts';

export type ProblemInsert = typeof problems.$inferInsert;

// ---- village profile ----------------------------------------------------------------------------

export async function findProfile(db: DbOrTx, pairingId: number) {
  const [r] = await rows<{ data: unknown; updated_at: string; updated_by_name: string | null }>(
    db,
    sql`select vp.data, vp.updated_at::text as updated_at, u.full_name as updated_by_name
        from village_profiles vp left join users u on u.id = vp.updated_by where vp.pairing_id = ${pairingId}`,
  );
  return r;
}

export async function upsertProfile(db: DbOrTx, pairingId: number, data: unknown, userId: number | null, at: Date) {
  await db
    .insert(villageProfiles)
    .values({ pairingId, data, updatedBy: userId })
    .onConflictDoUpdate({ target: villageProfiles.pairingId, set: { data, updatedBy: userId, updatedAt: at.toISOString() } });
}

// ---- problems -----------------------------------------------------------------------------------

const problemSelect = sql`select p.id, p.pairing_id as "pairingId", p.kind, p.category, p.title, p.description, p.evidence,
    p.severity, p.rw, p.rt, p.status, p.origin, p.proposal_key as "proposalKey", p.indicator_key as "indicatorKey",
    p.baseline_value as "baselineValue", to_char(p.baseline_date, 'YYYY-MM-DD') as "baselineDate",
    p.dismissed_reason as "dismissedReason", p.carried_from_id as "carriedFromId", p.eval_outcome as "evalOutcome",
    p.eval_reason as "evalReason", p.eval_value as "evalValue", p.evaluated_at::text as "evaluatedAt",
    coalesce((select array_agg(pf.family_id order by pf.family_id) from problem_families pf where pf.problem_id = p.id),
      '{}'::int[]) as "familyIds",
    p.created_at::text as "createdAt", p.updated_at::text as "updatedAt"
  from problems p`;

export async function listProblems(db: DbOrTx, pairingId: number, status?: string): Promise<Problem[]> {
  const cond = status ? sql`and p.status = ${status}` : sql``;
  return rows<Problem>(
    db,
    sql`${problemSelect} where p.pairing_id = ${pairingId} ${cond}
        order by case p.status when 'proposed' then 0 when 'accepted' then 1 else 2 end, p.id`,
  );
}

export async function findProblem(db: DbOrTx, id: number): Promise<Problem | undefined> {
  const [r] = await rows<Problem>(db, sql`${problemSelect} where p.id = ${id}`);
  return r;
}

export async function findProblemsByIds(db: DbOrTx, ids: number[]): Promise<Problem[]> {
  if (ids.length === 0) return [];
  return rows<Problem>(
    db,
    sql`${problemSelect} where p.id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::int) order by p.id`,
  );
}

export async function insertProblem(db: DbOrTx, values: ProblemInsert): Promise<number | null> {
  const [r] = await db.insert(problems).values(values).onConflictDoNothing().returning({ id: problems.id });
  return r?.id ?? null;
}

export async function updateProblem(db: DbOrTx, id: number, set: Partial<ProblemInsert>, at: Date): Promise<void> {
  await db
    .update(problems)
    .set({ ...set, updatedAt: at.toISOString() })
    .where(eq(problems.id, id));
}

/** Replaces the problem's affected families with `familyIds`. */
export async function setProblemFamilies(db: DbOrTx, problemId: number, familyIds: number[]): Promise<void> {
  await db.delete(problemFamilies).where(eq(problemFamilies.problemId, problemId));
  await addProblemFamilies(db, problemId, familyIds);
}

export async function addProblemFamilies(db: DbOrTx, problemId: number, familyIds: number[]): Promise<void> {
  if (familyIds.length === 0) return;
  await db.execute(
    sql`insert into problem_families (problem_id, family_id)
        select ${problemId}, x::int from jsonb_array_elements_text(${JSON.stringify(familyIds)}::jsonb) as x
        on conflict do nothing`,
  );
}

/** Which of `ids` are not families of the village (the caller names them in a 400). */
export async function familiesOutside(db: DbOrTx, villageCode: string, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const inside = await rows<{ id: number }>(
    db,
    sql`select f.id from families f where f.village_code = ${villageCode}
        and f.id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::int)`,
  );
  const ok = new Set(inside.map((r) => r.id));
  return ids.filter((id) => !ok.has(id));
}

export async function existingProposalKeys(db: DbOrTx, pairingId: number): Promise<Set<string>> {
  const list = await rows<{ k: string }>(
    db,
    sql`select proposal_key as k from problems where pairing_id = ${pairingId} and proposal_key is not null`,
  );
  return new Set(list.map((r) => r.k));
}

/** Per RW (families without an RW are left out): how many active families meet the criteria, and which. */
export async function countByRw(db: DbOrTx, villageCode: string, c: FamilyCriteria) {
  return rows<{ rw: string; n: number; ids: number[] }>(
    db,
    sql`select lpad(coalesce(nullif(ltrim(f.rw, '0'), ''), '0'), 3, '0') as rw, count(*)::int as n,
          array_agg(f.id order by f.desil nulls last, f.rt, f.id) as ids
        from ${villageFamilies(villageCode, c)} where f.village_code = ${villageCode} and f.rw is not null and ${criteriaSql(c)}
        group by 1 order by 1`,
  );
}

export async function activePlanItemsOf(db: DbOrTx, problemId: number): Promise<number> {
  const [r] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from plan_items where problem_id = ${problemId} and status = 'active'`,
  );
  return r?.n ?? 0;
}

// ---- low-welfare families (Form 2) -----------------------------------------------------------------

const LOW_WELFARE = sql`f.status = 'active' and f.desil between 1 and 4`;

export interface LowWelfareRow {
  family_id: number;
  head_name: string | null;
  rt: string | null;
  rw: string | null;
  desil: number | null;
  synthetic: boolean;
  v_status: string | null;
  v_note: string | null;
  v_on: string | null;
  v_by: string | null;
}

export async function listLowWelfare(
  db: DbOrTx,
  pairingId: number,
  villageCode: string,
  q: { rw?: string; status?: string; limit: number; offset: number },
) {
  const conds = [sql`f.village_code = ${villageCode}`, LOW_WELFARE];
  if (q.rw !== undefined) conds.push(sql`ltrim(f.rw, '0') = ltrim(${q.rw}, '0')`);
  const base = sql.join(conds, sql` and `);
  const statusCond = q.status === undefined ? sql`true` : q.status === 'unverified' ? sql`v.status is null` : sql`v.status = ${q.status}`;
  const from = sql`from families f left join family_verifications v on v.family_id = f.id and v.pairing_id = ${pairingId}
    left join users u on u.id = v.verified_by
    where ${base}`;
  const items = await rows<LowWelfareRow>(
    db,
    sql`select f.id as family_id, f.rt, f.rw, f.desil, f.synthetic,
          (select p.name from persons p where p.family_id = f.id
            order by (p.relationship = 'head') desc nulls last, (p.status = 'present') desc, p.id limit 1) as head_name,
          v.status as v_status, v.note as v_note, to_char(v.verified_on, 'YYYY-MM-DD') as v_on, u.full_name as v_by
        ${from} and ${statusCond}
        order by f.rw nulls last, f.rt nulls last, f.desil, f.id
        limit ${q.limit} offset ${q.offset}`,
  );
  return items;
}

export async function lowWelfareCounts(db: DbOrTx, pairingId: number, villageCode: string, q: { rw?: string; status?: string }) {
  const conds = [sql`f.village_code = ${villageCode}`, LOW_WELFARE];
  if (q.rw !== undefined) conds.push(sql`ltrim(f.rw, '0') = ltrim(${q.rw}, '0')`);
  const [r] = await rows<Record<string, number>>(
    db,
    sql`select count(*)::int as total, count(*) filter (where v.status is null)::int as unverified,
          count(*) filter (where v.status = 'confirmed')::int as confirmed,
          count(*) filter (where v.status = 'needs_help')::int as needs_help,
          count(*) filter (where v.status = 'improved')::int as improved,
          count(*) filter (where v.status = 'moved')::int as moved,
          count(*) filter (where v.status = 'not_found')::int as not_found,
          count(*) filter (where ${
            q.status === undefined ? sql`true` : q.status === 'unverified' ? sql`v.status is null` : sql`v.status = ${q.status}`
          })::int as filtered
        from families f left join family_verifications v on v.family_id = f.id and v.pairing_id = ${pairingId}
        where ${sql.join(conds, sql` and `)}`,
  );
  return r ?? {};
}

export async function findFamilyOfVillage(db: DbOrTx, familyId: number, villageCode: string) {
  const [r] = await rows<{ id: number }>(db, sql`select id from families where id = ${familyId} and village_code = ${villageCode}`);
  return r;
}

export async function findVerification(db: DbOrTx, pairingId: number, familyId: number) {
  const [r] = await rows<{ status: string; note: string | null; verified_on: string; verified_by_name: string | null }>(
    db,
    sql`select v.status, v.note, to_char(v.verified_on, 'YYYY-MM-DD') as verified_on, u.full_name as verified_by_name
        from family_verifications v left join users u on u.id = v.verified_by
        where v.pairing_id = ${pairingId} and v.family_id = ${familyId}`,
  );
  return r;
}

export async function upsertVerification(
  db: DbOrTx,
  v: { pairingId: number; familyId: number; status: string; note: string | null; verifiedOn: string; verifiedBy: number | null },
  at: Date,
) {
  await db
    .insert(familyVerifications)
    .values(v)
    .onConflictDoUpdate({
      target: [familyVerifications.pairingId, familyVerifications.familyId],
      set: { status: v.status, note: v.note, verifiedOn: v.verifiedOn, verifiedBy: v.verifiedBy, updatedAt: at.toISOString() },
    });
}
