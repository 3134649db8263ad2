import { type Opd, type OpdInputSchema, type OpdPatchSchema, programDate } from '@dampingan/contracts';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import {
  deleteOpd,
  findOpd,
  findOpdByName,
  insertOpd,
  listOpds,
  type OpdRow,
  opdUsage,
  openPairingCount,
  updateOpd,
} from './opds.repository.ts';

export type OpdsService = ReturnType<typeof createOpdsService>;

function toOpd(row: { opd: OpdRow; activePairingCount: number }): Opd {
  const o = row.opd;
  return {
    id: o.id,
    name: o.name,
    abbreviation: o.abbreviation,
    type: o.type as Opd['type'],
    headName: o.headName,
    contactPhone: o.contactPhone,
    contactEmail: o.contactEmail,
    validFrom: o.validFrom,
    validTo: o.validTo,
    active: o.active,
    source: o.source,
    activePairingCount: row.activePairingCount,
  };
}

const strip = ({ createdAt: _c, updatedAt: _u, ...rest }: OpdRow) => rest;

export function createOpdsService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  async function get(id: number, tx: DbOrTx = db): Promise<Opd> {
    const row = await findOpd(tx, id);
    if (!row) throw notFound('OPD', 'OPD', id);
    return toOpd(row);
  }

  async function assertNameFree(tx: DbOrTx, name: string, selfId?: number) {
    const dup = await findOpdByName(tx, name);
    if (dup && dup.id !== selfId) {
      throw new AppError(
        'conflict',
        { id: `OPD bernama "${dup.name}" sudah ada`, en: `An OPD named "${dup.name}" already exists` },
        { issues: [{ path: 'body.name', message: 'Nama sudah dipakai' }] },
      );
    }
  }

  return {
    get,
    async list(f: { q?: string; includeInactive?: boolean }): Promise<Opd[]> {
      return (await listOpds(db, f)).map(toOpd);
    },
    async create(actor: Actor, input: z.output<typeof OpdInputSchema>): Promise<Opd> {
      const id = await db.transaction(async (tx) => {
        await assertNameFree(tx, input.name);
        const row = await insertOpd(tx, {
          name: input.name,
          abbreviation: input.abbreviation ?? null,
          type: input.type,
          headName: input.headName ?? null,
          contactPhone: input.contactPhone ?? null,
          contactEmail: input.contactEmail ?? null,
          validFrom: input.validFrom ?? null,
          validTo: input.validTo ?? null,
          source: 'entered by admin',
        });
        await audit.record(tx, actor, { action: 'opd.create', entityType: 'opd', entityId: row.id, after: strip(row) });
        return row.id;
      });
      return get(id);
    },
    async update(actor: Actor, id: number, patch: z.output<typeof OpdPatchSchema>): Promise<Opd> {
      await db.transaction(async (tx) => {
        const cur = await findOpd(tx, id);
        if (!cur) throw notFound('OPD', 'OPD', id);
        if (patch.name) await assertNameFree(tx, patch.name, id);
        const validFrom = patch.validFrom !== undefined ? patch.validFrom : cur.opd.validFrom;
        const validTo = patch.validTo !== undefined ? patch.validTo : cur.opd.validTo;
        if (validFrom && validTo && validFrom > validTo) {
          throw new AppError(
            'validation_failed',
            { id: 'Tanggal berakhir harus sesudah tanggal mulai', en: 'Valid-to must be after valid-from' },
            { issues: [{ path: 'body.validTo', message: 'Sebelum tanggal mulai' }] },
          );
        }
        const after = await updateOpd(tx, id, patch);
        await audit.record(tx, actor, {
          action: 'opd.update',
          entityType: 'opd',
          entityId: id,
          before: strip(cur.opd),
          after: strip(after),
        });
      });
      return get(id);
    },
    async deactivate(actor: Actor, id: number, reason: string, date: string | undefined): Promise<Opd> {
      await db.transaction(async (tx) => {
        const cur = await findOpd(tx, id);
        if (!cur) throw notFound('OPD', 'OPD', id);
        if (!cur.opd.active) throw new AppError('conflict', { id: 'OPD sudah nonaktif', en: 'The OPD is already inactive' });
        // A planned year's pairings count too: they go live when the year is activated.
        const open = await openPairingCount(tx, id);
        if (open > 0) {
          throw new AppError('conflict', {
            id: `OPD masih mendampingi ${open} kelurahan; akhiri pendampingannya dulu`,
            en: `The OPD still has ${open} active pairing(s); end them first`,
          });
        }
        const on = date ?? programDate(new Date());
        if (cur.opd.validFrom && on < cur.opd.validFrom) {
          throw new AppError(
            'validation_failed',
            {
              id: `Tanggal nonaktif sebelum OPD berlaku (${cur.opd.validFrom})`,
              en: `Deactivation date is before the OPD began (${cur.opd.validFrom})`,
            },
            { issues: [{ path: 'body.date', message: 'Sebelum tanggal mulai berlaku' }] },
          );
        }
        const after = await updateOpd(tx, id, {
          active: false,
          deactivatedOn: on,
          deactivationReason: reason,
          validTo: cur.opd.validTo ?? on,
        });
        await audit.record(tx, actor, {
          action: 'opd.deactivate',
          entityType: 'opd',
          entityId: id,
          before: strip(cur.opd),
          after: strip(after),
          reason,
        });
      });
      return get(id);
    },
    async reactivate(actor: Actor, id: number, reason: string): Promise<Opd> {
      await db.transaction(async (tx) => {
        const cur = await findOpd(tx, id);
        if (!cur) throw notFound('OPD', 'OPD', id);
        const after = await updateOpd(tx, id, { active: true, deactivatedOn: null, deactivationReason: null, validTo: null });
        await audit.record(tx, actor, {
          action: 'opd.reactivate',
          entityType: 'opd',
          entityId: id,
          before: strip(cur.opd),
          after: strip(after),
          reason,
        });
      });
      return get(id);
    },
    /** Only an OPD entered by mistake and never used may be deleted; a used one is deactivated. */
    async remove(actor: Actor, id: number): Promise<void> {
      await db.transaction(async (tx) => {
        const cur = await findOpd(tx, id);
        if (!cur) throw notFound('OPD', 'OPD', id);
        const usage = await opdUsage(tx, id);
        if (usage.pairings + usage.users > 0) {
          throw new AppError(
            'conflict',
            {
              id: `OPD sudah dipakai (${usage.pairings} pendampingan, ${usage.users} pengguna) sehingga tidak bisa dihapus; nonaktifkan saja`,
              en: `The OPD is in use (${usage.pairings} pairings, ${usage.users} users) and cannot be deleted; deactivate it instead`,
            },
            usage,
          );
        }
        await deleteOpd(tx, id);
        await audit.record(tx, actor, { action: 'opd.delete', entityType: 'opd', entityId: id, before: strip(cur.opd) });
      });
    },
  };
}
