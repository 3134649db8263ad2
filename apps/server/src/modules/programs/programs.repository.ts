import { asc, eq, sql } from 'drizzle-orm';
import { type DbOrTx, rows } from '../../db/client.ts';
import { programs, programYears } from '../../db/schema.ts';

export type ProgramRow = typeof programs.$inferSelect;
export type ProgramYearRow = typeof programYears.$inferSelect;

export async function listProgramRows(db: DbOrTx): Promise<ProgramRow[]> {
  return db.select().from(programs).orderBy(asc(programs.startYear), asc(programs.id));
}

export async function findProgramRow(db: DbOrTx, id: number): Promise<ProgramRow | undefined> {
  const [r] = await db.select().from(programs).where(eq(programs.id, id));
  return r;
}

export async function listYearsWithCounts(db: DbOrTx, programIds: number[]) {
  if (programIds.length === 0) return [];
  return rows<{ id: number; program_id: number; year: number; status: string; active_pairings: number }>(
    db,
    sql`select y.id, y.program_id, y.year, y.status,
          (select count(*)::int from pairings p where p.program_year_id = y.id and p.status = 'active') as active_pairings
        from program_years y
        where y.program_id in (select (jsonb_array_elements_text(${JSON.stringify(programIds)}::jsonb))::int)
        order by y.year`,
  );
}

export async function findYearRow(db: DbOrTx, id: number) {
  const [r] = await db
    .select({ year: programYears, program: programs })
    .from(programYears)
    .innerJoin(programs, eq(programs.id, programYears.programId))
    .where(eq(programYears.id, id));
  return r;
}

export async function insertProgram(db: DbOrTx, v: typeof programs.$inferInsert): Promise<ProgramRow> {
  const [r] = await db.insert(programs).values(v).returning();
  if (!r) throw new Error('insert programs returned nothing');
  return r;
}

export async function updateProgram(db: DbOrTx, id: number, v: Partial<typeof programs.$inferInsert>): Promise<ProgramRow> {
  const [r] = await db
    .update(programs)
    .set({ ...v, updatedAt: sql`now()` })
    .where(eq(programs.id, id))
    .returning();
  if (!r) throw new Error(`program ${id} vanished`);
  return r;
}

export async function insertYear(db: DbOrTx, v: typeof programYears.$inferInsert): Promise<ProgramYearRow> {
  const [r] = await db.insert(programYears).values(v).returning();
  if (!r) throw new Error('insert program_years returned nothing');
  return r;
}

export async function updateYearStatus(db: DbOrTx, id: number, status: string): Promise<ProgramYearRow> {
  const [r] = await db.update(programYears).set({ status }).where(eq(programYears.id, id)).returning();
  if (!r) throw new Error(`program year ${id} vanished`);
  return r;
}

/** OPDs holding more than one active pairing in one year of the program (blocks the strict rule). */
export async function opdsWithSeveralVillages(db: DbOrTx, programId: number) {
  return rows<{ opd_name: string; year: number; n: number }>(
    db,
    sql`select o.name as opd_name, y.year, count(*)::int as n
        from pairings p join program_years y on y.id = p.program_year_id join opds o on o.id = p.opd_id
        where y.program_id = ${programId} and p.status = 'active'
        group by o.name, y.year having count(*) > 1 order by y.year, o.name`,
  );
}
