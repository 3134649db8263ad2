import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { opds, regions, users } from '../../db/schema.ts';

export type UserRow = typeof users.$inferSelect;

const publicColumns = {
  id: users.id,
  username: users.username,
  fullName: users.fullName,
  role: users.role,
  opdId: users.opdId,
  opdName: opds.name,
  villageCode: users.villageCode,
  villageName: regions.name,
  nip: users.nip,
  email: users.email,
  phone: users.phone,
  active: users.active,
  mustChangePassword: users.mustChangePassword,
  lockedUntil: users.lockedUntil,
  lastLoginAt: users.lastLoginAt,
};

export async function findUserRowByUsername(db: DbOrTx, username: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  return row;
}

export async function findUserRow(db: DbOrTx, id: number): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function findUserView(db: DbOrTx, id: number) {
  const [row] = await db
    .select(publicColumns)
    .from(users)
    .leftJoin(opds, eq(opds.id, users.opdId))
    .leftJoin(regions, eq(regions.code, users.villageCode))
    .where(eq(users.id, id));
  return row;
}

export async function listUserViews(db: DbOrTx, f: { q?: string; role?: string; opdId?: number }) {
  const q = f.q ? `%${f.q}%` : undefined;
  return db
    .select(publicColumns)
    .from(users)
    .leftJoin(opds, eq(opds.id, users.opdId))
    .leftJoin(regions, eq(regions.code, users.villageCode))
    .where(
      and(
        q ? or(ilike(users.username, q), ilike(users.fullName, q)) : undefined,
        f.role ? eq(users.role, f.role) : undefined,
        f.opdId ? eq(users.opdId, f.opdId) : undefined,
      ),
    )
    .orderBy(asc(users.fullName))
    .limit(1000);
}

export async function insertUser(db: DbOrTx, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  if (!row) throw new Error('insert users returned nothing');
  return row;
}

export async function updateUser(db: DbOrTx, id: number, values: Partial<typeof users.$inferInsert>): Promise<UserRow> {
  const [row] = await db
    .update(users)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(users.id, id))
    .returning();
  if (!row) throw new Error(`user ${id} vanished`);
  return row;
}

export async function countAdmins(db: DbOrTx): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.active, true)));
  return r?.n ?? 0;
}
