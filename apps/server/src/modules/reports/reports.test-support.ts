/**
 * Test support for reports, supervision and attention (imported only by *.test.ts): interventions,
 * problems and plan items written with SQL (another module owns their endpoints), and audit rows.
 */
import { sql } from 'drizzle-orm';
import { rows } from '../../db/client.ts';
import type { TestContext } from '../../test/harness.ts';

export async function insertIntervention(
  ctx: TestContext,
  o: {
    pairingId: number;
    opdId: number;
    deliveredOn: string;
    title?: string;
    status?: 'planned' | 'in_progress' | 'done' | 'cancelled';
    reach?: 'families' | 'village';
    helpType?: string;
    outputVolume?: number;
    outputUnit?: string;
    familyIds?: number[];
    costs?: { fundingSource: string; amount: number }[];
  },
): Promise<number> {
  const [r] = await rows<{ id: number }>(
    ctx.database.db,
    sql`insert into interventions (pairing_id, opd_id, title, help_type, reach, delivered_on, output_volume, output_unit, status)
        values (${o.pairingId}, ${o.opdId}, ${o.title ?? 'Bantuan uji'}, ${o.helpType ?? 'jamban'}, ${o.reach ?? 'families'},
                ${o.deliveredOn}, ${o.outputVolume ?? null}, ${o.outputUnit ?? null}, ${o.status ?? 'done'}) returning id`,
  );
  if (!r) throw new Error('intervention not inserted');
  for (const f of o.familyIds ?? [])
    await ctx.database.db.execute(sql`insert into intervention_beneficiaries (intervention_id, family_id) values (${r.id}, ${f})`);
  for (const c of o.costs ?? [])
    await ctx.database.db.execute(
      sql`insert into intervention_costs (intervention_id, funding_source, amount) values (${r.id}, ${c.fundingSource}, ${c.amount})`,
    );
  return r.id;
}

export async function insertPlanItem(
  ctx: TestContext,
  o: { pairingId: number; opdId: number; dueOn: string; status?: 'active' | 'cancelled' | 'done' },
): Promise<number> {
  const [p] = await rows<{ id: number }>(
    ctx.database.db,
    sql`insert into problems (pairing_id, category, title) values (${o.pairingId}, 'stunting', 'Masalah uji') returning id`,
  );
  const [r] = await rows<{ id: number }>(
    ctx.database.db,
    sql`insert into plan_items (pairing_id, problem_id, title, term, start_year, end_year, responsible_opd_id, help_type, due_on, status)
        values (${o.pairingId}, ${p?.id ?? 0}, 'Rencana uji', 'short', 2026, 2026, ${o.opdId}, 'jamban', ${o.dueOn}, ${o.status ?? 'active'})
        returning id`,
  );
  if (!r) throw new Error('plan item not inserted');
  return r.id;
}

/** Pushes every activity timestamp of a pairing back to `at` (tests move the clock, not the rows' wall-clock stamps). */
export async function ageActivity(ctx: TestContext, pairingId: number, at: string): Promise<void> {
  const db = ctx.database.db;
  await db.execute(sql`update pairings set created_at = ${at} where id = ${pairingId}`);
  for (const t of ['interventions', 'monthly_reports', 'problems', 'plan_items'])
    await db.execute(sql`update ${sql.identifier(t)} set created_at = ${at}, updated_at = ${at} where pairing_id = ${pairingId}`);
  await db.execute(sql`update plans set updated_at = ${at} where pairing_id = ${pairingId}`);
}

export async function auditRows(
  ctx: TestContext,
  entityType: string,
  entityId: number,
): Promise<{ action: string; reason: string | null; actor_id: number | null; before: unknown; after: unknown }[]> {
  return rows(
    ctx.database.db,
    sql`select action, reason, actor_id, before, after from audit_log where entity_type = ${entityType} and entity_id = ${String(entityId)} order by id`,
  );
}
