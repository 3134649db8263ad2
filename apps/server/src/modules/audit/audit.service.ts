import type { AuditEntry } from '@dampingan/contracts';
import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../auth/actor.ts';
import { type AuditFilter, insertAudit, listAudit } from './audit.repository.ts';

export type AuditService = ReturnType<typeof createAuditService>;

/** Audit rows are written inside the caller's transaction: no change without its record. */
export function createAuditService(db: DbOrTx) {
  return {
    async record(
      tx: DbOrTx,
      actor: Actor,
      e: { action: string; entityType: string; entityId: string | number; before?: unknown; after?: unknown; reason?: string | null },
    ): Promise<void> {
      await insertAudit(tx, {
        actorId: actor.id > 0 ? actor.id : null,
        action: e.action,
        entityType: e.entityType,
        entityId: String(e.entityId),
        before: e.before,
        after: e.after,
        reason: e.reason ?? null,
        ip: actor.ip,
      });
    },
    async list(_actor: Actor, filter: AuditFilter): Promise<{ items: AuditEntry[]; total: number; limit: number; offset: number }> {
      const { items, total } = await listAudit(db, filter);
      return { items: items as AuditEntry[], total, limit: filter.limit, offset: filter.offset };
    },
  };
}
