import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { opds } from '../../db/schema.ts';

export type OpdRow = typeof opds.$inferSelect;

const activePairingCount = sql<number>`(select count(*)::int from pairings p
  join program_years y on y.id = p.program_year_id
  where p.opd_id = opds.id and p.status = 'active' and y.status = 'active')`;

export async function listOpds(db: DbOrTx, f: { q?: string; includeInactive?: boolean }) {
  const q = f.q ? `%${f.q}%` : null;
  return db
    .select({ opd: opds, activePairingCount })
    .from(opds)
    .where(
      sql`(${f.includeInactive ? sql`true` : sql`${opds.active}`}) and (${q}::text is null or ${opds.name} ilike ${q} or ${opds.abbreviation} ilike ${q})`,
    )
    .orderBy(asc(opds.name));
}

export async function findOpd(db: DbOrTx, id: number) {
  const [row] = await db.select({ opd: opds, activePairingCount }).from(opds).where(eq(opds.id, id));
  return row;
}

export async function findOpdByName(db: DbOrTx, name: string): Promise<OpdRow | undefined> {
  const [row] = await db.select().from(opds).where(sql`lower(${opds.name}) = lower(${name})`);
  return row;
}

export async function insertOpd(db: DbOrTx, v: typeof opds.$inferInsert): Promise<OpdRow> {
  const [row] = await db.insert(opds).values(v).returning();
  if (!row) throw new Error('insert opds returned nothing');
  return row;
}

export async function updateOpd(db: DbOrTx, id: number, v: Partial<typeof opds.$inferInsert>): Promise<OpdRow> {
  const [row] = await db
    .update(opds)
    .set({ ...v, updatedAt: sql`now()` })
    .where(eq(opds.id, id))
    .returning();
  if (!row) throw new Error(`opd ${id} vanished`);
  return row;
}

/** Active pairings in a year that is running or still to come (planned): these block deactivation. */
export async function openPairingCount(db: DbOrTx, id: number): Promise<number> {
  const res = (await db.execute(sql`select count(*)::int as n from pairings p
      join program_years y on y.id = p.program_year_id
      where p.opd_id = ${id} and p.status = 'active' and y.status <> 'closed'`)) as unknown as { rows: { n: number }[] };
  return res.rows[0]?.n ?? 0;
}

/** Used = referenced by any pairing or user: such an OPD is deactivated, never deleted. */
export async function opdUsage(db: DbOrTx, id: number): Promise<{ pairings: number; users: number }> {
  const res = (await db.execute(sql`select
      (select count(*)::int from pairings where opd_id = ${id}) as pairings,
      (select count(*)::int from users where opd_id = ${id}) as users`)) as unknown as { rows: { pairings: number; users: number }[] };
  return res.rows[0] ?? { pairings: 0, users: 0 };
}

export async function deleteOpd(db: DbOrTx, id: number): Promise<void> {
  await db.delete(opds).where(eq(opds.id, id));
}
