import { and, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { sessions, users } from '../../db/schema.ts';

export async function insertSession(
  db: DbOrTx,
  s: { id: string; userId: number; expiresAt: string; lastSeenAt: string; ip: string | null; userAgent: string | null },
): Promise<void> {
  await db.insert(sessions).values(s);
}

/** `now` comes from the app clock, the same clock that wrote `expires_at` (not the database's now()). */
export async function findLiveSession(db: DbOrTx, id: string, now: string) {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now), eq(users.active, true)));
  return row;
}

export async function touchSession(db: DbOrTx, id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
  await db.update(sessions).set({ lastSeenAt, expiresAt }).where(eq(sessions.id, id));
}

export async function deleteSession(db: DbOrTx, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteUserSessions(db: DbOrTx, userId: number, exceptId?: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.userId, userId), exceptId ? sql`${sessions.id} <> ${exceptId}` : undefined));
}
