import { createHash, randomBytes } from 'node:crypto';
import type { Me } from '@dampingan/contracts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../http/errors.ts';
import { findUserRowByUsername, findUserView, updateUser } from '../users/users.repository.ts';
import type { Actor } from './actor.ts';
import { dummyHash, verifyPassword } from './passwords.ts';
import { deleteSession, findLiveSession, insertSession, touchSession } from './sessions.repository.ts';

export const SESSION_COOKIE = 'dampingan_session';
const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
const TOUCH_EVERY_MS = 5 * 60 * 1000;
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;
/** Per client address, on top of the per-account lockout: slows password spraying across accounts. */
export const IP_WINDOW_MS = 10 * 60 * 1000;
export const IP_MAX_ATTEMPTS = 30;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(deps: {
  db: Db;
  clock: () => Date;
  villageCodesFor: (actor: Actor) => Promise<string[]>;
  audit: {
    record: (
      tx: Db,
      actor: Actor,
      e: { action: string; entityType: string; entityId: string | number; reason?: string | null },
    ) => Promise<void>;
  };
}) {
  const { db, clock } = deps;
  const ipAttempts = new Map<string, { windowStart: number; count: number }>();

  /**
   * Counted on entry, so parallel guesses are counted before any password is verified; a
   * successful login gives its count back (refundIpAttempt): a whole office behind one NAT
   * address (say a mentor training at Bappeda) must be able to log in at once.
   */
  function checkIpRate(ip: string | null) {
    if (!ip) return;
    const now = clock().getTime();
    const cur = ipAttempts.get(ip);
    if (!cur || now - cur.windowStart > IP_WINDOW_MS) {
      ipAttempts.set(ip, { windowStart: now, count: 1 });
      return;
    }
    cur.count++;
    if (cur.count > IP_MAX_ATTEMPTS) {
      throw new AppError('rate_limited', {
        id: 'Terlalu banyak percobaan masuk dari alamat ini. Coba lagi dalam 10 menit.',
        en: 'Too many login attempts from this address. Try again in 10 minutes.',
      });
    }
  }

  function refundIpAttempt(ip: string | null) {
    const cur = ip ? ipAttempts.get(ip) : undefined;
    if (cur && cur.count > 0) cur.count--;
  }

  const invalid = () => new AppError('unauthenticated', { id: 'Nama pengguna atau kata sandi salah', en: 'Wrong username or password' });

  return {
    async login(input: { username: string; password: string }, meta: { ip: string | null; userAgent: string | null }) {
      checkIpRate(meta.ip);
      const user = await findUserRowByUsername(db, input.username);
      if (!user?.active) {
        await verifyPassword(await dummyHash(), input.password);
        throw invalid();
      }
      const now = clock();
      if (user.lockedUntil && new Date(user.lockedUntil) > now) {
        throw new AppError(
          'locked',
          {
            id: `Akun dikunci sementara karena ${MAX_FAILED_ATTEMPTS} kali salah kata sandi. Coba lagi setelah ${new Date(user.lockedUntil).toLocaleTimeString('id-ID', { timeZone: 'Asia/Jakarta' })} WIB.`,
            en: `Account temporarily locked after ${MAX_FAILED_ATTEMPTS} wrong passwords. Try again after ${user.lockedUntil}.`,
          },
          { lockedUntil: user.lockedUntil },
        );
      }
      const ok = await verifyPassword(user.passwordHash, input.password);
      if (!ok) {
        const failed = user.failedAttempts + 1;
        const lock = failed >= MAX_FAILED_ATTEMPTS;
        await db.transaction(async (tx) => {
          await updateUser(tx, user.id, {
            failedAttempts: lock ? 0 : failed,
            lockedUntil: lock ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : user.lockedUntil,
          });
          if (lock) {
            await deps.audit.record(
              tx as unknown as Db,
              { ...systemActor(meta.ip) },
              {
                action: 'user.locked',
                entityType: 'user',
                entityId: user.id,
                reason: `${MAX_FAILED_ATTEMPTS} failed logins`,
              },
            );
          }
        });
        throw invalid();
      }
      const token = randomBytes(32).toString('base64url');
      await db.transaction(async (tx) => {
        await updateUser(tx, user.id, { failedAttempts: 0, lockedUntil: null, lastLoginAt: now.toISOString() });
        await insertSession(tx, {
          id: sha256(token),
          userId: user.id,
          expiresAt: new Date(now.getTime() + SESSION_IDLE_MS).toISOString(),
          lastSeenAt: now.toISOString(),
          ip: meta.ip,
          userAgent: meta.userAgent?.slice(0, 300) ?? null,
        });
      });
      refundIpAttempt(meta.ip);
      return { token, maxAgeSeconds: SESSION_IDLE_MS / 1000 };
    },

    /** Resolves a cookie token to an actor; slides the idle expiry. */
    async authenticate(token: string | undefined, ip: string | null): Promise<Actor | null> {
      if (!token || token.length > 100) return null;
      const id = sha256(token);
      // One clock for writing and checking expiry: the app's (tests move it; the database's now() would not follow).
      const now = clock().getTime();
      const row = await findLiveSession(db, id, new Date(now).toISOString());
      if (!row) return null;
      if (now - new Date(row.session.lastSeenAt).getTime() > TOUCH_EVERY_MS) {
        await touchSession(db, id, new Date(now).toISOString(), new Date(now + SESSION_IDLE_MS).toISOString());
      }
      const u = row.user;
      return {
        id: u.id,
        username: u.username,
        fullName: u.fullName,
        role: u.role as Actor['role'],
        opdId: u.opdId,
        villageCode: u.villageCode,
        sessionId: id,
        ip,
      };
    },

    async logout(actor: Actor | null): Promise<void> {
      if (actor?.sessionId) await deleteSession(db, actor.sessionId);
    },

    async me(actor: Actor): Promise<Me> {
      const user = await findUserView(db, actor.id);
      if (!user) throw invalid();
      return { user: user as Me['user'], villageCodes: await deps.villageCodesFor(actor) };
    },
  };
}

function systemActor(ip: string | null): Actor {
  return { id: 0, username: 'system', fullName: 'System', role: 'admin', opdId: null, villageCode: null, sessionId: '', ip };
}
