/**
 * The assessment step of the mentoring cycle: the village's potentials profile (Form 1), problems
 * and potentials (mentors' own and the registry's proposals), and the field verification of the
 * village's low-welfare families (Form 2). Every change is audited in its own transaction.
 */
import {
  type IndicatorKey,
  type LowWelfarePage,
  type LowWelfareQuerySchema,
  type Problem,
  type ProblemInputSchema,
  type ProblemPatchSchema,
  type ProposeResult,
  programDate,
  type VerificationInputSchema,
  type VerificationStatus,
  type VillageProfile,
  type VillageProfileData,
  VillageProfileDataSchema,
} from '@dampingan/contracts';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client.ts';
import { AppError, notFound, validationError } from '../../http/errors.ts';
import type { Actor } from '../auth/actor.ts';
import type { WorkspaceModuleDeps } from '../workspace/deps.ts';
import { countFamilies, INDICATORS } from '../workspace/family-criteria.ts';
import { loadWorkspace, type Workspace } from '../workspace/workspace-access.ts';
import {
  activePlanItemsOf,
  addProblemFamilies,
  countByRw,
  existingProposalKeys,
  familiesOutside,
  findFamilyOfVillage,
  findProblem,
  findProblemsByIds,
  findProfile,
  findVerification,
  insertProblem,
  listLowWelfare,
  listProblems,
  lowWelfareCounts,
  type ProblemInsert,
  setProblemFamilies,
  updateProblem,
  upsertProfile,
  upsertVerification,
} from './assessment.repository.ts';
import { padRw, rwLabel } from './dates.ts';

export type AssessmentService = ReturnType<typeof createAssessmentService>;

/** Indicators that are a problem in themselves; the pure desil counts are context, not a problem. */
export const PROPOSAL_INDICATORS: IndicatorKey[] = (Object.keys(INDICATORS) as IndicatorKey[]).filter(
  (k) => k !== 'families_desil_1_4' && k !== 'families_desil_1',
);

/** Roles that see family names; viewers and supervisors see aggregates only. */
const SEES_NAMES = new Set(['mentor', 'operator', 'admin']);

const EMPTY_PROFILE: VillageProfileData = VillageProfileDataSchema.parse({});

/** The registry count of an indicator in the village, restricted to an RW when the problem has one. */
export async function indicatorNow(db: DbOrTx, villageCode: string, key: IndicatorKey, rw: string | null): Promise<number> {
  const criteria = { ...INDICATORS[key].criteria, ...(rw ? { rw } : {}) };
  return countFamilies(db, villageCode, criteria);
}

export function proposalTitle(key: IndicatorKey, count: number, rw: string): { id: string; en: string } {
  const label = INDICATORS[key].label;
  return {
    id: `${count} ${label.id.replace(/^Keluarga/, 'keluarga')} di RW ${rwLabel(rw)}`,
    en: `${count} ${label.en} in RW ${rwLabel(rw)}`,
  };
}

const closed = (p: Problem) =>
  new AppError(
    'conflict',
    { id: `Masalah ${p.id} sudah ditolak: tidak dapat diubah lagi`, en: `Problem ${p.id} was dismissed and can no longer change` },
    { status: p.status },
  );

export function createAssessmentService(deps: WorkspaceModuleDeps) {
  const { db, audit, clock } = deps;

  async function problemOf(tx: DbOrTx, ws: Workspace, problemId: number): Promise<Problem> {
    const p = await findProblem(tx, problemId);
    if (!p || p.pairingId !== ws.pairingId) throw notFound('Masalah', 'Problem', problemId);
    return p;
  }

  async function mustGet(tx: DbOrTx, problemId: number): Promise<Problem> {
    const p = await findProblem(tx, problemId);
    if (!p) throw notFound('Masalah', 'Problem', problemId);
    return p;
  }

  /** 400 naming every family id that is not a family of the pairing's village. */
  async function checkFamilies(tx: DbOrTx, ws: Workspace, ids: number[]): Promise<number[]> {
    const unique = [...new Set(ids)];
    const outside = await familiesOutside(tx, ws.villageCode, unique);
    if (outside.length > 0) {
      throw validationError(
        outside.map((id) => ({
          path: `body.familyIds.${ids.indexOf(id)}`,
          message: `Keluarga ${id} bukan keluarga Kelurahan ${ws.villageName}`,
        })),
      );
    }
    return unique;
  }

  return {
    // ---- Form 1 ------------------------------------------------------------------------------
    async getProfile(actor: Actor, pairingId: number): Promise<VillageProfile> {
      const ws = await loadWorkspace(db, actor, pairingId, 'read');
      const r = await findProfile(db, ws.pairingId);
      if (!r) return { pairingId: ws.pairingId, saved: false, data: EMPTY_PROFILE, updatedAt: null, updatedByName: null };
      // stored data was validated on the way in; parsing again fills defaults added since
      const parsed = VillageProfileDataSchema.safeParse(r.data);
      return {
        pairingId: ws.pairingId,
        saved: true,
        data: parsed.success ? parsed.data : EMPTY_PROFILE,
        updatedAt: r.updated_at,
        updatedByName: r.updated_by_name,
      };
    },

    async putProfile(actor: Actor, pairingId: number, data: VillageProfileData): Promise<VillageProfile> {
      await db.transaction(async (tx) => {
        const ws = await loadWorkspace(tx, actor, pairingId, 'author');
        const before = await findProfile(tx, ws.pairingId);
        await upsertProfile(tx, ws.pairingId, data, actor.id > 0 ? actor.id : null, clock());
        await audit.record(tx, actor, {
          action: before ? 'village_profile.update' : 'village_profile.create',
          entityType: 'village_profile',
          entityId: ws.pairingId,
          before: before?.data ?? null,
          after: data,
        });
      });
      return this.getProfile(actor, pairingId);
    },

    // ---- problems and potentials --------------------------------------------------------------
    async listProblems(actor: Actor, pairingId: number, status: string): Promise<Problem[]> {
      const ws = await loadWorkspace(db, actor, pairingId, 'read');
      return listProblems(db, ws.pairingId, status === 'all' ? undefined : status);
    },

    async createProblem(actor: Actor, pairingId: number, input: z.output<typeof ProblemInputSchema>): Promise<Problem> {
      const id = await db.transaction(async (tx) => {
        const ws = await loadWorkspace(tx, actor, pairingId, 'author');
        const familyIds = await checkFamilies(tx, ws, input.familyIds ?? []);
        const rw = input.rw ? padRw(input.rw) : null;
        const key = input.indicatorKey ?? null;
        const values: ProblemInsert = {
          pairingId: ws.pairingId,
          kind: input.kind ?? 'problem',
          category: input.category,
          title: input.title,
          description: input.description ?? null,
          evidence: input.evidence ?? null,
          severity: input.severity ?? 'medium',
          rw,
          rt: input.rt ?? null,
          status: 'accepted',
          origin: 'mentor',
          indicatorKey: key,
          baselineValue: key ? await indicatorNow(tx, ws.villageCode, key, rw) : null,
          baselineDate: key ? programDate(clock()) : null,
          createdBy: actor.id > 0 ? actor.id : null,
        };
        const newId = await insertProblem(tx, values);
        if (newId === null) throw new Error('problem insert returned nothing');
        await addProblemFamilies(tx, newId, familyIds);
        await audit.record(tx, actor, {
          action: 'problem.create',
          entityType: 'problem',
          entityId: newId,
          after: await mustGet(tx, newId),
        });
        return newId;
      });
      return mustGet(db, id);
    },

    async updateProblem(actor: Actor, pairingId: number, problemId: number, patch: z.output<typeof ProblemPatchSchema>): Promise<Problem> {
      await db.transaction(async (tx) => {
        const ws = await loadWorkspace(tx, actor, pairingId, 'author');
        const before = await problemOf(tx, ws, problemId);
        if (before.status === 'dismissed') throw closed(before);
        const { familyIds, ...fields } = patch;
        const set: Partial<ProblemInsert> = { ...fields };
        if (fields.rw !== undefined) set.rw = fields.rw ? padRw(fields.rw) : null;
        if (before.indicatorKey && set.rw !== undefined && set.rw !== before.rw) {
          // the baseline was counted for that RW; the evaluation compares like with like
          throw validationError([
            { path: 'body.rw', message: 'RW masalah berindikator tidak dapat diubah: data awalnya dihitung untuk RW itu' },
          ]);
        }
        await updateProblem(tx, problemId, set, clock());
        if (familyIds !== undefined) await setProblemFamilies(tx, problemId, await checkFamilies(tx, ws, familyIds));
        await audit.record(tx, actor, {
          action: 'problem.update',
          entityType: 'problem',
          entityId: problemId,
          before,
          after: await mustGet(tx, problemId),
        });
      });
      return mustGet(db, problemId);
    },

    async acceptProblem(actor: Actor, pairingId: number, problemId: number): Promise<Problem> {
      await db.transaction(async (tx) => {
        const ws = await loadWorkspace(tx, actor, pairingId, 'author');
        const before = await problemOf(tx, ws, problemId);
        if (before.status !== 'proposed') {
          throw new AppError(
            'conflict',
            {
              id: `Hanya usulan yang dapat diterima; masalah ${problemId} berstatus ${before.status}`,
              en: `Only proposals can be accepted; problem ${problemId} is ${before.status}`,
            },
            { status: before.status },
          );
        }
        await updateProblem(tx, problemId, { status: 'accepted' }, clock());
        await audit.record(tx, actor, {
          action: 'problem.accept',
          entityType: 'problem',
          entityId: problemId,
          before: { status: before.status },
          after: { status: 'accepted' },
        });
      });
      return mustGet(db, problemId);
    },

    async dismissProblem(actor: Actor, pairingId: number, problemId: number, reason: string): Promise<Problem> {
      await db.transaction(async (tx) => {
        const ws = await loadWorkspace(tx, actor, pairingId, 'author');
        const before = await problemOf(tx, ws, problemId);
        if (before.status === 'dismissed') throw closed(before);
        const planned = await activePlanItemsOf(tx, problemId);
        if (planned > 0) {
          throw new AppError(
            'conflict',
            {
              id: `Masalah ${problemId} masih dijawab ${planned} butir rencana aktif: batalkan butir rencana itu dahulu`,
              en: `Problem ${problemId} still has ${planned} active plan item(s): cancel them first`,
            },
            { activePlanItems: planned },
          );
        }
        await updateProblem(tx, problemId, { status: 'dismissed', dismissedReason: reason }, clock());
        await audit.record(tx, actor, {
          action: 'problem.dismiss',
          entityType: 'problem',
          entityId: problemId,
          before: { status: before.status },
          after: { status: 'dismissed' },
          reason,
        });
      });
      return mustGet(db, problemId);
    },

    /**
     * Proposals from the registry: per indicator and RW with at least one family, a `proposed`
     * problem with the count as baseline and the families linked. The proposal key (indicator + RW)
     * is unique per pairing, so a proposal is never made twice and a dismissed one stays dismissed.
     */
    async propose(actor: Actor, pairingId: number): Promise<ProposeResult> {
      const result = await db.transaction(async (tx) => {
        const ws = await loadWorkspace(tx, actor, pairingId, 'author');
        const existing = await existingProposalKeys(tx, ws.pairingId);
        const today = programDate(clock());
        const created: number[] = [];
        let skipped = 0;
        for (const key of PROPOSAL_INDICATORS) {
          const def = INDICATORS[key];
          for (const g of await countByRw(tx, ws.villageCode, def.criteria)) {
            const proposalKey = `${key}:rw${g.rw}`;
            if (existing.has(proposalKey)) {
              skipped += 1;
              continue;
            }
            const title = proposalTitle(key, g.n, g.rw);
            const id = await insertProblem(tx, {
              pairingId: ws.pairingId,
              kind: 'problem',
              category: def.category,
              title: title.id,
              description: `Usulan dari registri: ${def.label.id}, RW ${rwLabel(g.rw)}, per ${today}.`,
              evidence: `Registri keluarga (data terakhir yang dimuat), dihitung ${today}`,
              severity: 'medium',
              rw: g.rw,
              status: 'proposed',
              origin: 'registry',
              proposalKey,
              indicatorKey: key,
              baselineValue: g.n,
              baselineDate: today,
              createdBy: actor.id > 0 ? actor.id : null,
            });
            if (id === null) {
              skipped += 1; // made by a concurrent run
              continue;
            }
            await addProblemFamilies(tx, id, g.ids);
            await audit.record(tx, actor, {
              action: 'problem.propose',
              entityType: 'problem',
              entityId: id,
              after: { proposalKey, indicatorKey: key, rw: g.rw, baselineValue: g.n, baselineDate: today, families: g.ids.length },
            });
            created.push(id);
          }
        }
        return { created, skipped };
      });
      return { created: await findProblemsByIds(db, result.created), skipped: result.skipped };
    },

    // ---- Form 2 ---------------------------------------------------------------------------------
    async lowWelfare(actor: Actor, pairingId: number, q: z.output<typeof LowWelfareQuerySchema>): Promise<LowWelfarePage> {
      const ws = await loadWorkspace(db, actor, pairingId, 'read');
      const namesHidden = !SEES_NAMES.has(actor.role);
      const list = await listLowWelfare(db, ws.pairingId, ws.villageCode, q);
      const c = await lowWelfareCounts(db, ws.pairingId, ws.villageCode, q);
      const n = (k: string) => c[k] ?? 0;
      return {
        items: list.map((r) => ({
          familyId: r.family_id,
          headName: namesHidden ? null : r.head_name,
          rt: r.rt,
          rw: r.rw,
          desil: r.desil,
          synthetic: r.synthetic,
          verification:
            r.v_status && r.v_on
              ? {
                  familyId: r.family_id,
                  status: r.v_status as VerificationStatus,
                  note: r.v_note,
                  verifiedOn: r.v_on,
                  verifiedByName: namesHidden ? null : r.v_by,
                }
              : null,
        })),
        total: n('filtered'),
        limit: q.limit,
        offset: q.offset,
        counts: {
          total: n('total'),
          unverified: n('unverified'),
          confirmed: n('confirmed'),
          needs_help: n('needs_help'),
          improved: n('improved'),
          moved: n('moved'),
          not_found: n('not_found'),
        },
        namesHidden,
      };
    },

    async verify(actor: Actor, pairingId: number, familyId: number, input: z.output<typeof VerificationInputSchema>) {
      await db.transaction(async (tx) => {
        const ws = await loadWorkspace(tx, actor, pairingId, 'author');
        if (!(await findFamilyOfVillage(tx, familyId, ws.villageCode))) {
          throw validationError([{ path: 'params.familyId', message: `Keluarga ${familyId} bukan keluarga Kelurahan ${ws.villageName}` }]);
        }
        const before = await findVerification(tx, ws.pairingId, familyId);
        const after = {
          pairingId: ws.pairingId,
          familyId,
          status: input.status,
          note: input.note ?? null,
          verifiedOn: input.verifiedOn ?? programDate(clock()),
          verifiedBy: actor.id > 0 ? actor.id : null,
        };
        await upsertVerification(tx, after, clock());
        await audit.record(tx, actor, {
          action: before ? 'family_verification.update' : 'family_verification.create',
          entityType: 'family_verification',
          entityId: `${ws.pairingId}:${familyId}`,
          before: before ? { status: before.status, note: before.note, verifiedOn: before.verified_on } : null,
          after: { status: after.status, note: after.note, verifiedOn: after.verifiedOn },
        });
      });
      const v = await findVerification(db, pairingId, familyId);
      if (!v) throw new Error('verification missing after write');
      return {
        familyId,
        status: v.status as VerificationStatus,
        note: v.note,
        verifiedOn: v.verified_on,
        verifiedByName: v.verified_by_name,
      };
    },

    // ---- for the evaluation module ----------------------------------------------------------------
    /** Problems by id, in the API's shape (no access check: the caller has loaded the workspace). */
    problemsByIds: (ids: number[]) => findProblemsByIds(db, ids),
  };
}
