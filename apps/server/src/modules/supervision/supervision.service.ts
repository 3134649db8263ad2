/**
 * Supervision (pengawasan) of a pairing by Bappeda or leadership (`supervise` access: admins and
 * supervisors): visits with findings and follow-ups tracked to closure, and spot-checks, random
 * samples of recorded interventions drawn reproducibly from a stored seed for field verification.
 * Follow-ups are closed (never deleted) by supervisors, admins or the pairing's authors who did the work.
 */

import { randomBytes } from 'node:crypto';
import { type FollowUp, type FollowUpInput, programDate, type SpotCheck, type SpotCheckItem, type Visit } from '@dampingan/contracts';
import type { DbOrTx } from '../../db/client.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Actor } from '../auth/actor.ts';
import type { WorkspaceModuleDeps } from '../workspace/deps.ts';
import { loadWorkspace } from '../workspace/workspace-access.ts';
import {
  closeFollowUp,
  drawSample,
  existingOpdIds,
  type FollowUpRow,
  findFollowUp,
  findSpotItem,
  findVisit,
  insertFollowUp,
  insertSpotCheck,
  insertVisit,
  listFollowUps,
  listSpotChecks,
  listSpotItems,
  listVisits,
  populationSize,
  type SpotItemRow,
  updateSpotItem,
  type VisitRow,
} from './supervision.repository.ts';

export type SupervisionService = ReturnType<typeof createSupervisionService>;

const actorId = (a: Actor) => (a.id > 0 ? a.id : null);

function invalid(path: string, id: string, en: string): AppError {
  return new AppError('validation_failed', { id, en }, { issues: [{ path, message: id }] });
}

function toFollowUp(f: FollowUpRow, today: string): FollowUp {
  return {
    id: f.id,
    visitId: f.visit_id,
    action: f.action,
    ownerOpdId: f.owner_opd_id,
    ownerOpdName: f.owner_opd_name,
    ownerName: f.owner_name,
    dueOn: f.due_on,
    status: f.status,
    overdue: f.status === 'open' && f.due_on < today,
    closedOn: f.closed_on,
    closingNote: f.closing_note,
  };
}

function toVisit(v: VisitRow, fus: FollowUpRow[], today: string): Visit {
  return {
    id: v.id,
    pairingId: v.pairing_id,
    visitedOn: v.visited_on,
    visitors: v.visitors,
    findings: v.findings,
    createdBy: v.created_by,
    createdByName: v.created_by_name,
    createdAt: v.created_at,
    followUps: fus.filter((f) => f.visit_id === v.id).map((f) => toFollowUp(f, today)),
  };
}

function toItem(i: SpotItemRow): SpotCheckItem {
  return {
    id: i.id,
    spotCheckId: i.spot_check_id,
    interventionId: i.intervention_id,
    title: i.title,
    deliveredOn: i.delivered_on,
    helpType: i.help_type,
    reach: i.reach,
    status: i.status,
    beneficiaries: i.beneficiaries ?? [],
    outcome: i.outcome,
    note: i.note,
    checkedOn: i.checked_on,
    checkedBy: i.checked_by,
  };
}

export function createSupervisionService(deps: WorkspaceModuleDeps) {
  const { db, audit, clock } = deps;

  /** Follow-up rows checked for owners that exist and due dates not before the visit. */
  async function checkFollowUps(tx: DbOrTx, list: FollowUpInput[], visitedOn: string, prefix: string) {
    const known = await existingOpdIds(
      tx,
      list.map((f) => f.ownerOpdId).filter((x): x is number => typeof x === 'number'),
    );
    list.forEach((f, i) => {
      const p = prefix.replace('{i}', String(i));
      if (typeof f.ownerOpdId === 'number' && !known.has(f.ownerOpdId))
        throw invalid(`${p}.ownerOpdId`, `OPD ${f.ownerOpdId} tidak ada`, `OPD ${f.ownerOpdId} does not exist`);
      if (f.dueOn < visitedOn) throw invalid(`${p}.dueOn`, 'Tenggat sebelum tanggal kunjungan', 'The due date is before the visit');
    });
  }

  async function visitOut(tx: DbOrTx, pairingId: number, id: number, today: string): Promise<Visit> {
    const v = await findVisit(tx, pairingId, id);
    if (!v) throw notFound('Kunjungan', 'Visit', id);
    return toVisit(v, await listFollowUps(tx, pairingId), today);
  }

  async function spotChecksOut(tx: DbOrTx, pairingId: number, id?: number): Promise<SpotCheck[]> {
    const checks = await listSpotChecks(tx, pairingId, id);
    const items = await listSpotItems(
      tx,
      checks.map((c) => c.id),
    );
    return checks.map((c) => ({
      id: c.id,
      pairingId: c.pairing_id,
      seed: c.seed,
      sampleSize: c.sample_size,
      population: c.population,
      drawnBy: c.drawn_by,
      drawnAt: c.drawn_at,
      items: items.filter((i) => i.spot_check_id === c.id).map(toItem),
    }));
  }

  return {
    async listVisits(actor: Actor, pairingId: number): Promise<Visit[]> {
      await loadWorkspace(db, actor, pairingId, 'read');
      const today = programDate(clock());
      const [visits, fus] = await Promise.all([listVisits(db, pairingId), listFollowUps(db, pairingId)]);
      return visits.map((v) => toVisit(v, fus, today));
    },

    async createVisit(
      actor: Actor,
      pairingId: number,
      input: { visitedOn: string; visitors: string; findings: string; followUps: FollowUpInput[] },
    ): Promise<Visit> {
      await loadWorkspace(db, actor, pairingId, 'supervise');
      const now = clock();
      const today = programDate(now);
      if (input.visitedOn > today) throw invalid('body.visitedOn', 'Tanggal kunjungan belum tiba', 'The visit date is in the future');
      return db.transaction(async (tx) => {
        await checkFollowUps(tx, input.followUps, input.visitedOn, 'body.followUps.{i}');
        const id = await insertVisit(tx, { pairingId, ...input, createdBy: actorId(actor), at: now });
        const fuIds: number[] = [];
        for (const f of input.followUps) {
          fuIds.push(
            await insertFollowUp(tx, {
              visitId: id,
              action: f.action,
              ownerOpdId: f.ownerOpdId ?? null,
              ownerName: f.ownerName || null,
              dueOn: f.dueOn,
            }),
          );
        }
        const out = await visitOut(tx, pairingId, id, today);
        await audit.record(tx, actor, {
          action: 'visit.create',
          entityType: 'supervision_visit',
          entityId: id,
          after: { pairingId, visitedOn: out.visitedOn, visitors: out.visitors, findings: out.findings, followUps: out.followUps },
        });
        return out;
      });
    },

    async addFollowUp(actor: Actor, pairingId: number, visitId: number, f: FollowUpInput): Promise<Visit> {
      await loadWorkspace(db, actor, pairingId, 'supervise');
      const today = programDate(clock());
      return db.transaction(async (tx) => {
        const v = await findVisit(tx, pairingId, visitId);
        if (!v) throw notFound('Kunjungan', 'Visit', visitId);
        await checkFollowUps(tx, [f], v.visited_on, 'body');
        const id = await insertFollowUp(tx, {
          visitId,
          action: f.action,
          ownerOpdId: f.ownerOpdId ?? null,
          ownerName: f.ownerName || null,
          dueOn: f.dueOn,
        });
        await audit.record(tx, actor, {
          action: 'follow_up.create',
          entityType: 'follow_up',
          entityId: id,
          after: { pairingId, visitId, ...f },
        });
        return visitOut(tx, pairingId, visitId, today);
      });
    },

    async closeFollowUp(
      actor: Actor,
      pairingId: number,
      followUpId: number,
      input: { closedOn: string; closingNote: string },
    ): Promise<FollowUp> {
      const ws = await loadWorkspace(db, actor, pairingId, 'read');
      if (!ws.access.supervise && !ws.access.author)
        throw new AppError('forbidden', {
          id: 'Hanya pengawas, admin Bappeda, atau pendamping/operator pendampingan ini yang dapat menutup tindak lanjut',
          en: "Only supervisors, Bappeda admins or this pairing's mentors and operator may close a follow-up",
        });
      const now = clock();
      const today = programDate(now);
      return db.transaction(async (tx) => {
        const before = await findFollowUp(tx, pairingId, followUpId, true);
        if (!before) throw notFound('Tindak lanjut', 'Follow-up', followUpId);
        if (before.status === 'done')
          throw new AppError('conflict', { id: 'Tindak lanjut ini sudah ditutup', en: 'This follow-up is already closed' });
        if (input.closedOn > today) throw invalid('body.closedOn', 'Tanggal selesai belum tiba', 'The closing date is in the future');
        if (input.closedOn < before.visited_on)
          throw invalid('body.closedOn', 'Tanggal selesai sebelum kunjungan', 'The closing date is before the visit');
        await closeFollowUp(tx, followUpId, input.closedOn, input.closingNote, now);
        const after = await findFollowUp(tx, pairingId, followUpId);
        if (!after) throw notFound('Tindak lanjut', 'Follow-up', followUpId);
        await audit.record(tx, actor, {
          action: 'follow_up.close',
          entityType: 'follow_up',
          entityId: followUpId,
          before: { status: before.status },
          after: { status: after.status, closedOn: after.closed_on, closingNote: after.closing_note },
          reason: input.closingNote,
        });
        return toFollowUp(after, today);
      });
    },

    async listSpotChecks(actor: Actor, pairingId: number): Promise<SpotCheck[]> {
      await loadWorkspace(db, actor, pairingId, 'read');
      return spotChecksOut(db, pairingId);
    },

    async drawSpotCheck(actor: Actor, pairingId: number, input: { sampleSize: number; seed?: string }): Promise<SpotCheck> {
      await loadWorkspace(db, actor, pairingId, 'supervise');
      const seed = input.seed ?? randomBytes(6).toString('hex');
      const now = clock();
      return db.transaction(async (tx) => {
        const population = await populationSize(tx, pairingId);
        if (population === 0)
          throw new AppError('conflict', {
            id: 'Belum ada intervensi selesai atau berjalan yang tercatat untuk diperiksa',
            en: 'There are no recorded interventions (done or in progress) to check yet',
          });
        const sample = await drawSample(tx, pairingId, seed, input.sampleSize);
        const id = await insertSpotCheck(
          tx,
          { pairingId, seed, sampleSize: sample.length, population, drawnBy: actorId(actor), at: now },
          sample,
        );
        await audit.record(tx, actor, {
          action: 'spot_check.draw',
          entityType: 'spot_check',
          entityId: id,
          after: { pairingId, seed, requested: input.sampleSize, sampleSize: sample.length, population, interventionIds: sample },
        });
        const [out] = await spotChecksOut(tx, pairingId, id);
        if (!out) throw notFound('Pemeriksaan acak', 'Spot-check', id);
        return out;
      });
    },

    async recordSpotItem(
      actor: Actor,
      pairingId: number,
      itemId: number,
      input: { outcome: 'verified' | 'discrepancy' | 'not_found'; note?: string | null; checkedOn: string },
    ): Promise<SpotCheckItem> {
      await loadWorkspace(db, actor, pairingId, 'supervise');
      const today = programDate(clock());
      if (input.checkedOn > today) throw invalid('body.checkedOn', 'Tanggal pemeriksaan belum tiba', 'The check date is in the future');
      return db.transaction(async (tx) => {
        const before = await findSpotItem(tx, pairingId, itemId);
        if (!before) throw notFound('Butir pemeriksaan', 'Spot-check item', itemId);
        if (input.outcome !== 'verified' && !input.note?.trim())
          throw invalid('body.note', 'Jelaskan temuan ketidaksesuaian', 'Describe what did not match');
        await updateSpotItem(tx, itemId, {
          outcome: input.outcome,
          note: input.note?.trim() || null,
          checkedOn: input.checkedOn,
          checkedBy: actorId(actor),
        });
        const after = await findSpotItem(tx, pairingId, itemId);
        if (!after) throw notFound('Butir pemeriksaan', 'Spot-check item', itemId);
        await audit.record(tx, actor, {
          action: 'spot_check_item.record',
          entityType: 'spot_check_item',
          entityId: itemId,
          before: { outcome: before.outcome, note: before.note, checkedOn: before.checked_on },
          after: { outcome: after.outcome, note: after.note, checkedOn: after.checked_on },
        });
        return toItem(after);
      });
    },
  };
}
