/**
 * The delivery step: interventions realising plan items for named families/persons or the whole
 * village, costs per funding source, evidence files, duplicate flags (same help, same family,
 * same calendar year, any OPD) and the convergence view of one family.
 */
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type {
  EvidenceUploadQuerySchema,
  FamilyInterventions,
  Intervention,
  InterventionCreated,
  InterventionInputSchema,
  InterventionPatch,
} from '@dampingan/contracts';
import { programDate } from '@dampingan/contracts';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import type { Actor } from '../auth/actor.ts';
import { activeVillagesOfOpd } from '../pairings/pairings.repository.ts';
import type { WorkspaceModuleDeps } from '../workspace/deps.ts';
import { loadWorkspace, type Workspace } from '../workspace/workspace-access.ts';
import {
  duplicateFlags,
  familyInterventions,
  familyVillages,
  findEvidence,
  findEvidenceBySha,
  findFamilyVillage,
  findOpdBrief,
  findPlanItemBrief,
  insertBeneficiaries,
  insertEvidence,
  insertIntervention,
  listInterventions,
  personFamilies,
  replaceCosts,
  toEvidence,
  updateIntervention,
} from './delivery.repository.ts';
import { checkDeclaredSize, evidencePath, storeEvidence } from './evidence-store.ts';

export type DeliveryService = ReturnType<typeof createDeliveryService>;
type Input = z.output<typeof InterventionInputSchema>;
type UploadQuery = z.output<typeof EvidenceUploadQuerySchema>;

interface Issue {
  path: string;
  message: string;
}
const invalid = (issues: Issue[]) =>
  new AppError(
    'validation_failed',
    { id: `Data tidak valid (${issues[0]?.path}): ${issues[0]?.message}`, en: `Invalid input (${issues[0]?.path}): ${issues[0]?.message}` },
    { issues },
  );

/** Names of families are for the people who work with them, not for leadership roles. */
const seesNames = (a: Actor) => a.role !== 'viewer' && a.role !== 'supervisor';

function costIssues(costs: { fundingSource: string }[]): Issue[] {
  const seen = new Set<string>();
  const issues: Issue[] = [];
  costs.forEach((c, i) => {
    if (seen.has(c.fundingSource)) issues.push({ path: `body.costs.${i}.fundingSource`, message: 'Sumber dana tercantum dua kali' });
    seen.add(c.fundingSource);
  });
  return issues;
}

export function createDeliveryService(deps: WorkspaceModuleDeps) {
  const { db, audit, clock, evidenceDir } = deps;
  const today = () => programDate(clock());

  async function validate(tx: DbOrTx, ws: Workspace, input: Input): Promise<Issue[]> {
    const issues: Issue[] = [];
    if (input.planItemId) {
      const item = await findPlanItemBrief(tx, input.planItemId);
      if (!item || item.pairing_id !== ws.pairingId)
        issues.push({ path: 'body.planItemId', message: `Butir rencana ${input.planItemId} bukan bagian dari pendampingan ini` });
      else if (item.status === 'cancelled') issues.push({ path: 'body.planItemId', message: 'Butir rencana ini sudah dibatalkan' });
    }
    if (input.opdId !== undefined) {
      const o = await findOpdBrief(tx, input.opdId);
      if (!o?.active) issues.push({ path: 'body.opdId', message: `OPD ${input.opdId} tidak ada atau tidak aktif` });
    }
    if (input.reach === 'village' && input.beneficiaries.length > 0)
      issues.push({ path: 'body.beneficiaries', message: 'Kegiatan skala kelurahan tidak mencantumkan penerima bernama' });
    if (input.reach === 'families' && input.beneficiaries.length === 0)
      issues.push({ path: 'body.beneficiaries', message: 'Pilih paling sedikit satu keluarga penerima' });
    if (input.status === 'done' && input.deliveredOn > today())
      issues.push({ path: 'body.deliveredOn', message: 'Intervensi yang selesai tidak boleh bertanggal di masa depan' });
    const villages = await familyVillages(
      tx,
      input.beneficiaries.map((b) => b.familyId),
    );
    const personIds = input.beneficiaries.map((b) => b.personId).filter((p): p is number => !!p);
    const owners = await personFamilies(tx, personIds);
    input.beneficiaries.forEach((b, i) => {
      if (villages.get(b.familyId) !== ws.villageCode)
        issues.push({
          path: `body.beneficiaries.${i}.familyId`,
          message: `Keluarga ${b.familyId} bukan warga kelurahan ${ws.villageName}`,
        });
      else if (b.personId && owners.get(b.personId) !== b.familyId)
        issues.push({ path: `body.beneficiaries.${i}.personId`, message: `Orang ${b.personId} bukan anggota keluarga ${b.familyId}` });
    });
    issues.push(...costIssues(input.costs));
    return issues;
  }

  async function one(pairingId: number, id: number, actor: Actor, tx: DbOrTx = db): Promise<Intervention> {
    const [item] = await listInterventions(tx, pairingId, { id, withNames: seesNames(actor) });
    if (!item) throw notFound('Intervensi', 'Intervention', id);
    return item;
  }

  return {
    async list(actor: Actor, pairingId: number, q: { month?: string; planItemId?: number }): Promise<{ items: Intervention[] }> {
      await loadWorkspace(db, actor, pairingId, 'read');
      return { items: await listInterventions(db, pairingId, { ...q, withNames: seesNames(actor) }) };
    },

    async get(actor: Actor, pairingId: number, id: number): Promise<Intervention> {
      await loadWorkspace(db, actor, pairingId, 'read');
      return one(pairingId, id, actor);
    },

    async create(actor: Actor, pairingId: number, input: Input): Promise<InterventionCreated> {
      const ws = await loadWorkspace(db, actor, pairingId, 'author');
      return db.transaction(async (tx) => {
        const issues = await validate(tx, ws, input);
        if (issues.length) throw invalid(issues);
        const id = await insertIntervention(
          tx,
          pairingId,
          {
            planItemId: input.planItemId ?? null,
            opdId: input.opdId ?? ws.opdId,
            title: input.title,
            helpType: input.helpType,
            reach: input.reach,
            deliveredOn: input.deliveredOn,
            outputVolume: input.outputVolume ?? null,
            outputUnit: input.outputUnit ?? null,
            status: input.status,
            notes: input.notes ?? null,
          },
          actor.id,
        );
        await insertBeneficiaries(
          tx,
          id,
          input.beneficiaries.map((b) => ({ familyId: b.familyId, personId: b.personId ?? null })),
        );
        await replaceCosts(tx, id, input.costs);
        const intervention = await one(pairingId, id, actor, tx);
        const warnings = (await duplicateFlags(tx, [id])).map(({ interventionId: _i, ...d }) => d);
        await audit.record(tx, actor, {
          action: 'intervention.create',
          entityType: 'intervention',
          entityId: id,
          after: { ...intervention, evidence: undefined, duplicates: warnings.length },
        });
        return { intervention, warnings: seesNames(actor) ? warnings : warnings.map((w) => ({ ...w, headName: null })) };
      });
    },

    async update(actor: Actor, pairingId: number, id: number, patch: InterventionPatch): Promise<Intervention> {
      await loadWorkspace(db, actor, pairingId, 'author');
      return db.transaction(async (tx) => {
        const before = await one(pairingId, id, actor, tx);
        if (before.status === 'cancelled')
          throw new AppError('conflict', { id: 'Intervensi ini sudah dibatalkan', en: 'This intervention is cancelled' });
        if (patch.status === 'cancelled' && !patch.reason)
          throw invalid([{ path: 'body.reason', message: 'Pembatalan intervensi wajib disertai alasan' }]);
        const next = {
          title: patch.title ?? before.title,
          deliveredOn: patch.deliveredOn ?? before.deliveredOn,
          outputVolume: patch.outputVolume !== undefined ? patch.outputVolume : before.outputVolume,
          outputUnit: patch.outputUnit !== undefined ? patch.outputUnit : before.outputUnit,
          status: patch.status ?? before.status,
          notes: patch.notes !== undefined ? patch.notes : before.notes,
        };
        const issues: Issue[] = patch.costs ? costIssues(patch.costs) : [];
        if (next.status === 'done' && next.deliveredOn > today())
          issues.push({ path: 'body.deliveredOn', message: 'Intervensi yang selesai tidak boleh bertanggal di masa depan' });
        if (issues.length) throw invalid(issues);
        await updateIntervention(tx, id, next);
        if (patch.costs) await replaceCosts(tx, id, patch.costs);
        const after = await one(pairingId, id, actor, tx);
        await audit.record(tx, actor, {
          action: next.status === 'cancelled' ? 'intervention.cancel' : 'intervention.update',
          entityType: 'intervention',
          entityId: id,
          before: { ...before, evidence: undefined },
          after: { ...after, evidence: undefined },
          reason: patch.reason ?? null,
        });
        return after;
      });
    },

    async uploadEvidence(
      actor: Actor,
      pairingId: number,
      interventionId: number,
      stream: Readable,
      q: UploadQuery,
      contentLength?: string,
    ) {
      const ws = await loadWorkspace(db, actor, pairingId, 'author');
      const target = await one(pairingId, interventionId, actor);
      if ((q.lat === undefined) !== (q.lng === undefined))
        throw invalid([{ path: `query.${q.lat === undefined ? 'lat' : 'lng'}`, message: 'Isi lintang dan bujur bersama-sama' }]);
      checkDeclaredSize(contentLength);
      const stored = await storeEvidence(evidenceDir, stream);
      return db.transaction(async (tx) => {
        const existing = await findEvidenceBySha(tx, target.id, stored.sha256);
        if (existing) return { ...toEvidence(existing), newContent: false };
        const row = await insertEvidence(tx, {
          pairingId: ws.pairingId,
          interventionId: target.id,
          sha256: stored.sha256,
          fileName: q.fileName,
          mimeType: stored.mimeType,
          sizeBytes: stored.sizeBytes,
          takenAt: q.takenAt ?? null,
          lat: q.lat ?? null,
          lng: q.lng ?? null,
          uploadedBy: actor.id,
        });
        const ev = toEvidence(row);
        await audit.record(tx, actor, {
          action: 'evidence.upload',
          entityType: 'evidence',
          entityId: row.id,
          after: { ...ev, interventionId: target.id, pairingId: ws.pairingId },
        });
        return { ...ev, newContent: stored.newContent };
      });
    },

    /** The file and its type, for whoever can read the workspace; 404 otherwise (existence not revealed). */
    async openEvidence(actor: Actor, evidenceId: number): Promise<{ stream: Readable; mimeType: string; fileName: string; size: number }> {
      const ev = await findEvidence(db, evidenceId);
      if (!ev) throw notFound('Bukti', 'Evidence', evidenceId);
      try {
        await loadWorkspace(db, actor, ev.pairing_id, 'read');
      } catch (e) {
        if (e instanceof AppError && e.code === 'not_found') throw notFound('Bukti', 'Evidence', evidenceId);
        throw e;
      }
      const file = evidencePath(evidenceDir, ev.sha256);
      if (!fs.existsSync(file)) throw notFound('Berkas bukti', 'Evidence file', evidenceId);
      return { stream: fs.createReadStream(file), mimeType: ev.mime_type, fileName: ev.file_name, size: ev.size_bytes };
    },

    /** Convergence: every OPD's interventions that reached one family. Access like the family page. */
    async forFamily(actor: Actor, familyId: number): Promise<FamilyInterventions> {
      if (actor.role === 'viewer' || actor.role === 'supervisor')
        throw forbidden('Peran pimpinan hanya melihat angka agregat, bukan nama', 'Viewers see aggregates only, not names');
      const fam = await findFamilyVillage(db, familyId);
      if (!fam) throw notFound('Keluarga', 'Family', familyId);
      if (actor.role !== 'admin') {
        const villages =
          actor.role === 'mentor' && actor.opdId
            ? await activeVillagesOfOpd(db, actor.opdId)
            : actor.role === 'operator' && actor.villageCode
              ? [actor.villageCode]
              : [];
        if (!villages.includes(fam.village_code)) throw notFound('Keluarga', 'Family', familyId);
      }
      return { familyId, items: await familyInterventions(db, familyId) };
    },
  };
}
