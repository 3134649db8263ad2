import type { User, UserInput, UserPatchSchema } from '@dampingan/contracts';
import { UserInputSchema } from '@dampingan/contracts';
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client.ts';
import { opds, regions } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { deleteUserSessions } from '../auth/sessions.repository.ts';
import {
  countAdmins,
  findUserRow,
  findUserRowByUsername,
  findUserView,
  insertUser,
  listUserViews,
  type UserRow,
  updateUser,
} from './users.repository.ts';

export type UsersService = ReturnType<typeof createUsersService>;

/** What the audit log keeps of a user: never the password hash. */
function auditView(u: UserRow) {
  const { passwordHash: _h, failedAttempts: _f, ...rest } = u;
  return rest;
}

export function createUsersService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  async function checkLinks(tx: DbOrTx, role: string, opdId: number | null | undefined, villageCode: string | null | undefined) {
    if (role === 'mentor') {
      const [o] = await tx
        .select({ id: opds.id, active: opds.active })
        .from(opds)
        .where(eq(opds.id, opdId ?? -1));
      if (!o)
        throw new AppError(
          'validation_failed',
          { id: `OPD ${opdId} tidak ada`, en: `OPD ${opdId} does not exist` },
          { issues: [{ path: 'body.opdId', message: 'OPD tidak ada' }] },
        );
      if (!o.active)
        throw new AppError(
          'validation_failed',
          { id: 'OPD sudah dinonaktifkan', en: 'The OPD is deactivated' },
          { issues: [{ path: 'body.opdId', message: 'OPD nonaktif' }] },
        );
    }
    if (role === 'operator') {
      const [r] = await tx
        .select({ level: regions.level })
        .from(regions)
        .where(eq(regions.code, villageCode ?? ''));
      if (r?.level !== 4)
        throw new AppError(
          'validation_failed',
          { id: `Kelurahan/desa ${villageCode} tidak ada`, en: `Village ${villageCode} does not exist` },
          { issues: [{ path: 'body.villageCode', message: 'Kelurahan tidak ada' }] },
        );
    }
  }

  async function getView(id: number): Promise<User> {
    const v = await findUserView(db, id);
    if (!v) throw notFound('Pengguna', 'User', id);
    return v as User;
  }

  return {
    getView,
    async list(_actor: Actor, f: { q?: string; role?: string; opdId?: number }): Promise<User[]> {
      return (await listUserViews(db, f)) as User[];
    },

    async create(actor: Actor, input: z.output<typeof UserInputSchema>, opts: { mustChangePassword?: boolean } = {}): Promise<User> {
      const passwordHash = await hashPassword(input.password);
      const id = await db.transaction(async (tx) => {
        if (await findUserRowByUsername(tx, input.username)) {
          throw new AppError(
            'conflict',
            { id: `Nama pengguna "${input.username}" sudah dipakai`, en: `Username "${input.username}" is taken` },
            { issues: [{ path: 'body.username', message: 'Sudah dipakai' }] },
          );
        }
        await checkLinks(tx, input.role, input.opdId, input.villageCode);
        const row = await insertUser(tx, {
          username: input.username,
          fullName: input.fullName,
          role: input.role,
          opdId: input.role === 'mentor' ? (input.opdId ?? null) : null,
          villageCode: input.role === 'operator' ? (input.villageCode ?? null) : null,
          nip: input.nip ?? null,
          email: input.email ?? null,
          phone: input.phone ?? null,
          passwordHash,
          mustChangePassword: opts.mustChangePassword ?? actor.id !== 0,
        });
        await audit.record(tx, actor, { action: 'user.create', entityType: 'user', entityId: row.id, after: auditView(row) });
        return row.id;
      });
      return getView(id);
    },

    async update(actor: Actor, id: number, patch: z.output<typeof UserPatchSchema>): Promise<User> {
      await db.transaction(async (tx) => {
        const before = await findUserRow(tx, id);
        if (!before) throw notFound('Pengguna', 'User', id);
        const next = { ...patch };
        await checkLinks(
          tx,
          before.role,
          next.opdId !== undefined ? next.opdId : before.opdId,
          next.villageCode !== undefined ? next.villageCode : before.villageCode,
        );
        const after = await updateUser(tx, id, next);
        await audit.record(tx, actor, {
          action: 'user.update',
          entityType: 'user',
          entityId: id,
          before: auditView(before),
          after: auditView(after),
        });
      });
      return getView(id);
    },

    async setActive(actor: Actor, id: number, active: boolean, reason: string): Promise<User> {
      await db.transaction(async (tx) => {
        const before = await findUserRow(tx, id);
        if (!before) throw notFound('Pengguna', 'User', id);
        if (!active && before.role === 'admin' && before.active && (await countAdmins(tx)) <= 1) {
          throw new AppError('conflict', { id: 'Admin terakhir tidak boleh dinonaktifkan', en: 'The last admin cannot be deactivated' });
        }
        if (!active && id === actor.id)
          throw new AppError('conflict', { id: 'Anda tidak dapat menonaktifkan akun sendiri', en: 'You cannot deactivate yourself' });
        const after = await updateUser(tx, id, { active });
        if (!active) await deleteUserSessions(tx, id);
        await audit.record(tx, actor, {
          action: active ? 'user.reactivate' : 'user.deactivate',
          entityType: 'user',
          entityId: id,
          before: { active: before.active },
          after: { active: after.active },
          reason,
        });
      });
      return getView(id);
    },

    async resetPassword(actor: Actor, id: number, newPassword: string): Promise<User> {
      const passwordHash = await hashPassword(newPassword);
      await db.transaction(async (tx) => {
        const before = await findUserRow(tx, id);
        if (!before) throw notFound('Pengguna', 'User', id);
        await updateUser(tx, id, { passwordHash, mustChangePassword: true, failedAttempts: 0, lockedUntil: null });
        await deleteUserSessions(tx, id);
        await audit.record(tx, actor, { action: 'user.reset_password', entityType: 'user', entityId: id });
      });
      return getView(id);
    },

    async changeOwnPassword(actor: Actor, current: string, next: string): Promise<void> {
      const row = await findUserRow(db, actor.id);
      if (!row || !(await verifyPassword(row.passwordHash, current))) {
        throw new AppError(
          'validation_failed',
          { id: 'Kata sandi lama salah', en: 'Current password is wrong' },
          { issues: [{ path: 'body.currentPassword', message: 'Kata sandi lama salah' }] },
        );
      }
      const passwordHash = await hashPassword(next);
      await db.transaction(async (tx) => {
        await updateUser(tx, actor.id, { passwordHash, mustChangePassword: false });
        await deleteUserSessions(tx, actor.id, actor.sessionId);
        await audit.record(tx, actor, { action: 'user.change_password', entityType: 'user', entityId: actor.id });
      });
    },

    /** First-run: the CLI creates the first admin. Refused once an admin exists (use the UI then). */
    async createFirstAdmin(actor: Actor, input: { username: string; fullName: string; password: string }): Promise<User> {
      if ((await countAdmins(db)) > 0) {
        throw new AppError('conflict', {
          id: 'Sudah ada admin; tambahkan admin lain dari menu Pengguna',
          en: 'An admin already exists; add more admins from the Users page',
        });
      }
      const parsed = UserInputSchema.parse({ ...input, role: 'admin' } satisfies UserInput);
      return this.create(actor, parsed, { mustChangePassword: false });
    },

    async count(): Promise<number> {
      const res = await db.execute(sql`select count(*)::int as n from users`);
      return (res as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
    },
  };
}
