import { and, eq, isNull, sql } from 'drizzle-orm';
import { type DbOrTx, rows } from '../../db/client.ts';
import { pairingMentors, pairings } from '../../db/schema.ts';

export type PairingRow = typeof pairings.$inferSelect;

export interface PairingViewRow {
  id: number;
  program_id: number;
  program_year_id: number;
  year: number;
  year_status: string;
  opd_id: number;
  opd_name: string;
  opd_abbreviation: string | null;
  village_code: string;
  village_name: string;
  district_name: string;
  decree_number: string;
  decree_date: string;
  continuation: boolean;
  status: string;
  ended_on: string | null;
  end_reason: string | null;
  notes: string | null;
  lurah_name: string | null;
  lurah_phone: string | null;
  created_at: string;
  mentors: { userId: number; fullName: string; role: string; nip: string | null }[];
}

const viewSelect = sql`select p.id, y.program_id, p.program_year_id, y.year, y.status as year_status,
    p.opd_id, o.name as opd_name, o.abbreviation as opd_abbreviation,
    p.village_code, v.name as village_name, d.name as district_name,
    to_char(p.decree_date, 'YYYY-MM-DD') as decree_date, p.decree_number, p.continuation, p.status,
    to_char(p.ended_on, 'YYYY-MM-DD') as ended_on, p.end_reason, p.notes, p.lurah_name, p.lurah_phone,
    p.created_at::text as created_at,
    coalesce((select json_agg(json_build_object('userId', u.id, 'fullName', u.full_name, 'role', m.role, 'nip', u.nip) order by m.role, u.full_name)
      from pairing_mentors m join users u on u.id = m.user_id
      where m.pairing_id = p.id and m.removed_at is null), '[]'::json) as mentors
  from pairings p
  join program_years y on y.id = p.program_year_id
  join opds o on o.id = p.opd_id
  join regions v on v.code = p.village_code
  join regions d on d.code = v.parent_code`;

export async function findPairingView(db: DbOrTx, id: number): Promise<PairingViewRow | undefined> {
  const [r] = await rows<PairingViewRow>(db, sql`${viewSelect} where p.id = ${id}`);
  return r;
}

export async function listPairingViews(
  db: DbOrTx,
  f: { programYearId?: number; status: 'active' | 'ended' | 'all'; opdId?: number; villageCodes?: string[] },
): Promise<PairingViewRow[]> {
  const conds = [sql`true`];
  if (f.programYearId) conds.push(sql`p.program_year_id = ${f.programYearId}`);
  if (f.status !== 'all') conds.push(sql`p.status = ${f.status}`);
  if (f.opdId) conds.push(sql`p.opd_id = ${f.opdId}`);
  if (f.villageCodes) conds.push(sql`p.village_code in (select jsonb_array_elements_text(${JSON.stringify(f.villageCodes)}::jsonb))`);
  return rows<PairingViewRow>(db, sql`${viewSelect} where ${sql.join(conds, sql` and `)} order by y.year desc, p.village_code, p.id`);
}

export async function findPairingRow(db: DbOrTx, id: number): Promise<PairingRow | undefined> {
  const [r] = await db.select().from(pairings).where(eq(pairings.id, id));
  return r;
}

/** The active pairing holding a village (or an OPD) in a program year, named for refusals. */
export async function findActiveHolder(db: DbOrTx, programYearId: number, by: { villageCode?: string; opdId?: number }) {
  const cond = by.villageCode ? sql`p.village_code = ${by.villageCode}` : sql`p.opd_id = ${by.opdId ?? -1}`;
  const [r] = await rows<{ id: number; opd_name: string; village_name: string; decree_number: string }>(
    db,
    sql`select p.id, o.name as opd_name, v.name as village_name, p.decree_number
        from pairings p join opds o on o.id = p.opd_id join regions v on v.code = p.village_code
        where p.program_year_id = ${programYearId} and p.status = 'active' and ${cond}
        order by p.id limit 1`,
  );
  return r;
}

export async function insertPairing(db: DbOrTx, v: typeof pairings.$inferInsert): Promise<PairingRow> {
  const [r] = await db.insert(pairings).values(v).returning();
  if (!r) throw new Error('insert pairings returned nothing');
  return r;
}

export async function updatePairing(db: DbOrTx, id: number, v: Partial<typeof pairings.$inferInsert>): Promise<PairingRow> {
  const [r] = await db
    .update(pairings)
    .set({ ...v, updatedAt: sql`now()` })
    .where(eq(pairings.id, id))
    .returning();
  if (!r) throw new Error(`pairing ${id} vanished`);
  return r;
}

export async function currentMentors(db: DbOrTx, pairingId: number) {
  return db
    .select({ userId: pairingMentors.userId, role: pairingMentors.role, id: pairingMentors.id })
    .from(pairingMentors)
    .where(and(eq(pairingMentors.pairingId, pairingId), isNull(pairingMentors.removedAt)));
}

export async function addMentor(db: DbOrTx, pairingId: number, userId: number, role: string): Promise<void> {
  await db.insert(pairingMentors).values({ pairingId, userId, role });
}

export async function removeMentor(db: DbOrTx, rowId: number): Promise<void> {
  await db.update(pairingMentors).set({ removedAt: sql`now()` }).where(eq(pairingMentors.id, rowId));
}

/** Villages an OPD holds now: active pairing in an active program year. */
export async function activeVillagesOfOpd(db: DbOrTx, opdId: number): Promise<string[]> {
  const r = await rows<{ village_code: string }>(
    db,
    sql`select distinct p.village_code from pairings p join program_years y on y.id = p.program_year_id
        where p.opd_id = ${opdId} and p.status = 'active' and y.status = 'active' order by 1`,
  );
  return r.map((x) => x.village_code);
}

export async function findUsersForMentoring(db: DbOrTx, ids: number[]) {
  if (ids.length === 0) return [];
  return rows<{ id: number; full_name: string; role: string; opd_id: number | null; village_code: string | null; active: boolean }>(
    db,
    sql`select id, full_name, role, opd_id, village_code, active from users
        where id in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::int)`,
  );
}
