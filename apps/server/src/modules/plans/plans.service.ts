/**
 * The plan step of the mentoring cycle: items per accepted problem, their target families (by
 * name or by eligibility filter) and indicator targets; draft → submitted → approved | returned,
 * and a change to an approved plan opens version n+1 while the approved one stays frozen.
 */
import type {
  EligibleCount,
  FamilyCriteria,
  IndicatorKey,
  Plan,
  PlanItem,
  PlanItemInputSchema,
  PlanItemPatchSchema,
  PlanStatus,
  PlanVersion,
  TargetFamiliesInputSchema,
} from '@dampingan/contracts';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Actor } from '../auth/actor.ts';
import type { WorkspaceModuleDeps } from '../workspace/deps.ts';
import { countFamilies, INDICATORS, indicatorValues, matchingFamilyIds } from '../workspace/family-criteria.ts';
import { loadWorkspace, type Workspace } from '../workspace/workspace-access.ts';
import { editState, type Issue, termIssues } from './plan-rules.ts';
import {
  activeItemCount,
  familiesOutside,
  findActiveOpd,
  findPlan,
  findProblem,
  type ItemValues,
  insertItem,
  insertVersion,
  isoOf,
  listItems,
  listTargetFamilies,
  listVersions,
  lockPlan,
  type PlanRow,
  replaceTargetFamilies,
  replaceTargets,
  setItemStatus,
  updateItem,
  updatePlan,
} from './plans.repository.ts';

export type PlansService = ReturnType<typeof createPlansService>;

type ItemInput = z.output<typeof PlanItemInputSchema>;
type ItemPatch = z.output<typeof PlanItemPatchSchema>;
type TargetsInput = z.output<typeof TargetFamiliesInputSchema>;

const invalid = (issues: Issue[]) =>
  new AppError(
    'validation_failed',
    { id: `Data tidak valid (${issues[0]?.path}): ${issues[0]?.message}`, en: `Invalid input (${issues[0]?.path}): ${issues[0]?.message}` },
    { issues },
  );

export function createPlansService(deps: WorkspaceModuleDeps) {
  const { db, audit, clock } = deps;

  /**
   * Opens the plan for a change to its items: refused while submitted (409); a change to an
   * approved plan needs a reason and opens version n+1 in draft. Returns the (new) plan row.
   */
  async function openForChange(tx: DbOrTx, actor: Actor, ws: Workspace, changeReason: string | undefined): Promise<PlanRow> {
    const plan = await lockPlan(tx, ws.pairingId);
    const state = editState(plan.status as PlanStatus);
    if (state === 'locked_submitted')
      throw new AppError('conflict', {
        id: 'Rencana sedang diajukan ke Bappeda; tunggu disetujui atau dikembalikan sebelum mengubahnya',
        en: 'The plan is submitted for review; wait until it is approved or returned before changing it',
      });
    if (state === 'reopen') {
      if (!changeReason)
        throw invalid([{ path: 'body.changeReason', message: 'Perubahan rencana yang sudah disetujui wajib disertai alasan' }]);
      const next = plan.version + 1;
      await updatePlan(tx, ws.pairingId, {
        status: 'draft',
        version: next,
        changeReason,
        submittedAt: null,
        submittedBy: null,
        reviewedAt: null,
        reviewedBy: null,
        reviewComment: null,
      });
      await audit.record(tx, actor, {
        action: 'plan.reopen',
        entityType: 'plan',
        entityId: ws.pairingId,
        before: { status: plan.status, version: plan.version },
        after: { status: 'draft', version: next },
        reason: changeReason,
      });
      return { ...plan, status: 'draft', version: next, change_reason: changeReason };
    }
    return plan;
  }

  async function checkProblem(tx: DbOrTx, ws: Workspace, problemId: number): Promise<Issue[]> {
    const p = await findProblem(tx, problemId);
    if (!p || p.pairing_id !== ws.pairingId)
      return [{ path: 'body.problemId', message: `Masalah ${problemId} bukan bagian dari pendampingan ini` }];
    if (p.status !== 'accepted') return [{ path: 'body.problemId', message: `Masalah ${problemId} belum diterima (status: ${p.status})` }];
    return [];
  }

  async function checkOpd(tx: DbOrTx, opdId: number): Promise<Issue[]> {
    const o = await findActiveOpd(tx, opdId);
    if (!o?.active) return [{ path: 'body.responsibleOpdId', message: `OPD ${opdId} tidak ada atau tidak aktif` }];
    return [];
  }

  /**
   * Indicator targets: a missing baseline is the registry's value now, counted over the problem's
   * RW when it has one (as the problem's own baseline was), else over the whole village.
   */
  async function resolveTargets(tx: DbOrTx, ws: Workspace, problemId: number, list: ItemInput['indicatorTargets']) {
    let values: Record<IndicatorKey, number> | null = null;
    const rw = (await findProblem(tx, problemId))?.rw ?? null;
    const issues: Issue[] = [];
    const out: { name: string; unit: string; indicatorKey: string | null; baseline: number; target: number; targetDate: string }[] = [];
    for (const [i, t] of list.entries()) {
      let baseline = t.baseline;
      if (baseline === undefined && t.indicatorKey) {
        if (rw) {
          baseline = await countFamilies(tx, ws.villageCode, { ...INDICATORS[t.indicatorKey].criteria, rw });
        } else {
          values ??= await indicatorValues(tx, ws.villageCode);
          baseline = values[t.indicatorKey];
        }
      }
      if (baseline === undefined) {
        issues.push({ path: `body.indicatorTargets.${i}.baseline`, message: 'Isi nilai awal (baseline) atau pilih indikator registri' });
        continue;
      }
      out.push({ name: t.name, unit: t.unit, indicatorKey: t.indicatorKey ?? null, baseline, target: t.target, targetDate: t.targetDate });
    }
    return { out, issues };
  }

  async function validateItem(tx: DbOrTx, ws: Workspace, v: ItemValues, targets: ItemInput['indicatorTargets'] | undefined) {
    const issues = [
      ...(await checkProblem(tx, ws, v.problemId)),
      ...termIssues(v.term as ItemInput['term'], v.startYear, v.endYear, ws.year),
      ...(await checkOpd(tx, v.responsibleOpdId)),
    ];
    const resolved = targets ? await resolveTargets(tx, ws, v.problemId, targets) : null;
    if (resolved) issues.push(...resolved.issues);
    if (issues.length) throw invalid(issues);
    return resolved?.out;
  }

  async function itemOf(tx: DbOrTx, ws: Workspace, itemId: number): Promise<PlanItem> {
    const [item] = await listItems(tx, ws.pairingId, itemId);
    if (!item) throw notFound('Butir rencana', 'Plan item', itemId);
    return item;
  }

  function assertActive(item: PlanItem) {
    if (item.status === 'cancelled')
      throw new AppError('conflict', { id: 'Butir rencana ini sudah dibatalkan', en: 'This plan item is cancelled' });
  }

  async function view(pairingId: number): Promise<Plan> {
    const plan = await findPlan(db, pairingId);
    const [items, versions] = await Promise.all([listItems(db, pairingId), listVersions(db, pairingId)]);
    return {
      pairingId,
      status: (plan?.status ?? 'draft') as PlanStatus,
      version: plan?.version ?? 1,
      changeReason: plan?.change_reason ?? null,
      submittedAt: isoOf(plan?.submitted_at),
      reviewedAt: isoOf(plan?.reviewed_at),
      reviewComment: plan?.review_comment ?? null,
      items,
      versions: versions.map((v) => ({
        version: v.version,
        changeReason: v.change_reason,
        approvedAt: isoOf(v.approved_at) ?? '',
        approvedByName: v.approved_by_name,
        itemCount: v.item_count,
      })),
    };
  }

  return {
    async get(actor: Actor, pairingId: number): Promise<Plan> {
      await loadWorkspace(db, actor, pairingId, 'read');
      return view(pairingId);
    },

    async version(actor: Actor, pairingId: number, version: number): Promise<PlanVersion> {
      await loadWorkspace(db, actor, pairingId, 'read');
      const [v] = await listVersions(db, pairingId, version);
      if (!v) throw notFound('Versi rencana', 'Plan version', version);
      return {
        version: v.version,
        changeReason: v.change_reason,
        approvedAt: isoOf(v.approved_at) ?? '',
        approvedByName: v.approved_by_name,
        items: v.items,
      };
    },

    async eligible(actor: Actor, pairingId: number, criteria: FamilyCriteria): Promise<EligibleCount> {
      const ws = await loadWorkspace(db, actor, pairingId, 'read');
      const [count, familyIds] = await Promise.all([
        countFamilies(db, ws.villageCode, criteria),
        matchingFamilyIds(db, ws.villageCode, criteria),
      ]);
      return { count, familyIds };
    },

    async createItem(actor: Actor, pairingId: number, input: ItemInput): Promise<PlanItem> {
      const ws = await loadWorkspace(db, actor, pairingId, 'author');
      const values: ItemValues = {
        problemId: input.problemId,
        title: input.title,
        description: input.description ?? null,
        term: input.term,
        startYear: input.startYear,
        endYear: input.endYear,
        responsibleOpdId: input.responsibleOpdId ?? ws.opdId,
        partners: input.partners,
        helpType: input.helpType,
        outputVolume: input.outputVolume ?? null,
        outputUnit: input.outputUnit ?? null,
        estimatedCost: input.estimatedCost ?? null,
        fundingSource: input.fundingSource ?? null,
        planningChannel: input.planningChannel ?? null,
        dueOn: input.dueOn ?? null,
      };
      return db.transaction(async (tx) => {
        const targets = (await validateItem(tx, ws, values, input.indicatorTargets)) ?? [];
        const plan = await openForChange(tx, actor, ws, input.changeReason);
        const id = await insertItem(tx, pairingId, values, actor.id);
        await replaceTargets(tx, id, targets);
        const item = await itemOf(tx, ws, id);
        await audit.record(tx, actor, {
          action: 'plan_item.create',
          entityType: 'plan_item',
          entityId: id,
          after: { ...item, planVersion: plan.version },
          reason: input.changeReason ?? null,
        });
        return item;
      });
    },

    async updateItem(actor: Actor, pairingId: number, itemId: number, patch: ItemPatch): Promise<PlanItem> {
      const ws = await loadWorkspace(db, actor, pairingId, 'author');
      return db.transaction(async (tx) => {
        const before = await itemOf(tx, ws, itemId);
        assertActive(before);
        const values: ItemValues = {
          problemId: patch.problemId ?? before.problemId,
          title: patch.title ?? before.title,
          description: patch.description !== undefined ? patch.description : before.description,
          term: patch.term ?? before.term,
          startYear: patch.startYear ?? before.startYear,
          endYear: patch.endYear ?? before.endYear,
          responsibleOpdId: patch.responsibleOpdId ?? before.responsibleOpdId,
          partners: patch.partners ?? before.partners,
          helpType: patch.helpType ?? before.helpType,
          outputVolume: patch.outputVolume !== undefined ? patch.outputVolume : before.outputVolume,
          outputUnit: patch.outputUnit !== undefined ? patch.outputUnit : before.outputUnit,
          estimatedCost: patch.estimatedCost !== undefined ? patch.estimatedCost : before.estimatedCost,
          fundingSource: patch.fundingSource !== undefined ? patch.fundingSource : before.fundingSource,
          planningChannel: patch.planningChannel !== undefined ? patch.planningChannel : before.planningChannel,
          dueOn: patch.dueOn !== undefined ? patch.dueOn : before.dueOn,
        };
        const targets = await validateItem(tx, ws, values, patch.indicatorTargets);
        const plan = await openForChange(tx, actor, ws, patch.changeReason);
        await updateItem(tx, itemId, values);
        if (targets) await replaceTargets(tx, itemId, targets);
        const after = await itemOf(tx, ws, itemId);
        await audit.record(tx, actor, {
          action: 'plan_item.update',
          entityType: 'plan_item',
          entityId: itemId,
          before,
          after: { ...after, planVersion: plan.version },
          reason: patch.changeReason ?? null,
        });
        return after;
      });
    },

    async cancelItem(actor: Actor, pairingId: number, itemId: number, body: { reason: string; changeReason?: string }): Promise<PlanItem> {
      const ws = await loadWorkspace(db, actor, pairingId, 'author');
      return db.transaction(async (tx) => {
        const before = await itemOf(tx, ws, itemId);
        assertActive(before);
        await openForChange(tx, actor, ws, body.changeReason ?? body.reason);
        await setItemStatus(tx, itemId, 'cancelled');
        await audit.record(tx, actor, {
          action: 'plan_item.cancel',
          entityType: 'plan_item',
          entityId: itemId,
          before: { status: before.status },
          after: { status: 'cancelled' },
          reason: body.reason,
        });
        return itemOf(tx, ws, itemId);
      });
    },

    async setTargetFamilies(actor: Actor, pairingId: number, itemId: number, input: TargetsInput): Promise<PlanItem> {
      const ws = await loadWorkspace(db, actor, pairingId, 'author');
      return db.transaction(async (tx) => {
        const before = await itemOf(tx, ws, itemId);
        assertActive(before);
        let ids: number[];
        if (input.familyIds) {
          ids = [...new Set(input.familyIds)];
          const outside = await familiesOutside(tx, ws.villageCode, ids);
          if (outside.length) {
            throw invalid(
              outside.map((id) => ({
                path: `body.familyIds.${input.familyIds?.indexOf(id)}`,
                message: `Keluarga ${id} bukan warga kelurahan ${ws.villageName}`,
              })),
            );
          }
        } else {
          ids = await matchingFamilyIds(tx, ws.villageCode, input.criteria ?? {});
        }
        await openForChange(tx, actor, ws, input.changeReason);
        await replaceTargetFamilies(tx, itemId, ids, input.criteria ?? null);
        const after = await itemOf(tx, ws, itemId);
        await audit.record(tx, actor, {
          action: 'plan_item.targets',
          entityType: 'plan_item',
          entityId: itemId,
          before: { targetFamilyCount: before.targetFamilyCount, targetFilter: before.targetFilter },
          after: { targetFamilyCount: after.targetFamilyCount, targetFilter: after.targetFilter, familyIds: ids },
          reason: input.changeReason ?? null,
        });
        return after;
      });
    },

    async targetFamilies(actor: Actor, pairingId: number, itemId: number) {
      const ws = await loadWorkspace(db, actor, pairingId, 'read');
      if (actor.role === 'viewer' || actor.role === 'supervisor')
        throw new AppError('forbidden', {
          id: 'Peran pimpinan hanya melihat angka agregat, bukan nama',
          en: 'Viewers see aggregates only, not names',
        });
      await itemOf(db, ws, itemId);
      const list = await listTargetFamilies(db, itemId);
      return { items: list.map((f) => ({ id: f.id, headName: f.head_name, rw: f.rw, rt: f.rt, desil: f.desil })) };
    },

    async submit(actor: Actor, pairingId: number): Promise<Plan> {
      const ws = await loadWorkspace(db, actor, pairingId, 'author');
      await db.transaction(async (tx) => {
        const plan = await lockPlan(tx, ws.pairingId);
        if (plan.status === 'submitted' || plan.status === 'approved')
          throw new AppError('conflict', {
            id: plan.status === 'submitted' ? 'Rencana sudah diajukan' : 'Rencana sudah disetujui; ubah butirnya untuk membuka versi baru',
            en:
              plan.status === 'submitted' ? 'The plan is already submitted' : 'The plan is approved; change an item to open a new version',
          });
        if ((await activeItemCount(tx, ws.pairingId)) === 0)
          throw invalid([{ path: 'body', message: 'Rencana belum memiliki butir; tambahkan butir rencana sebelum mengajukan' }]);
        const now = clock().toISOString();
        await updatePlan(tx, ws.pairingId, { status: 'submitted', submittedAt: now, submittedBy: actor.id > 0 ? actor.id : null });
        await audit.record(tx, actor, {
          action: 'plan.submit',
          entityType: 'plan',
          entityId: ws.pairingId,
          before: { status: plan.status, version: plan.version },
          after: { status: 'submitted', version: plan.version },
        });
      });
      return view(pairingId);
    },

    async review(actor: Actor, pairingId: number, decision: 'approve' | 'return', comment: string | undefined): Promise<Plan> {
      const ws = await loadWorkspace(db, actor, pairingId, 'review');
      await db.transaction(async (tx) => {
        const plan = await lockPlan(tx, ws.pairingId);
        if (plan.status !== 'submitted')
          throw new AppError('conflict', {
            id: 'Hanya rencana yang sedang diajukan yang dapat disetujui atau dikembalikan',
            en: 'Only a submitted plan can be approved or returned',
          });
        const now = clock().toISOString();
        const status = decision === 'approve' ? 'approved' : 'returned';
        if (decision === 'approve') {
          await insertVersion(tx, {
            pairingId: ws.pairingId,
            version: plan.version,
            items: await listItems(tx, ws.pairingId),
            changeReason: plan.change_reason,
            approvedBy: actor.id,
            approvedAt: now,
          });
        }
        await updatePlan(tx, ws.pairingId, {
          status,
          reviewedAt: now,
          reviewedBy: actor.id > 0 ? actor.id : null,
          reviewComment: comment ?? null,
        });
        await audit.record(tx, actor, {
          action: `plan.${decision}`,
          entityType: 'plan',
          entityId: ws.pairingId,
          before: { status: plan.status, version: plan.version },
          after: { status, version: plan.version },
          reason: comment ?? null,
        });
      });
      return view(pairingId);
    },
  };
}
