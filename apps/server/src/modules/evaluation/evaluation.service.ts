/**
 * The December evaluation of a pairing: per accepted problem the outcome (with its reason) and the
 * indicator's change from the registry (baseline vs. now, counted the way the proposal counted),
 * the plan's targets and what was delivered; Bappeda's decision (continue or graduate); and the
 * carry-over of problems not addressed into the village's next pairing.
 */

import {
  type CarryOverResult,
  type EvalOutcome,
  type Evaluation,
  type EvaluationDecision,
  type EvaluationProblem,
  type IndicatorKey,
  type ProblemCategory,
  programDate,
} from '@dampingan/contracts';
import { AppError, notFound } from '../../http/errors.ts';
import { createAssessmentService, indicatorNow } from '../assessment/assessment.service.ts';
import { isBeforeDecember } from '../assessment/dates.ts';
import type { Actor } from '../auth/actor.ts';
import type { WorkspaceModuleDeps } from '../workspace/deps.ts';
import { INDICATORS } from '../workspace/family-criteria.ts';
import { loadWorkspace, type Workspace } from '../workspace/workspace-access.ts';
import {
  acceptedProblems,
  carriedInto,
  copyFamilies,
  type EvalProblemRow,
  findDecision,
  findEvalProblem,
  insertCarried,
  setOutcome,
  sourceForCarry,
  type TargetRow,
  targetsOf,
  upsertDecision,
} from './evaluation.repository.ts';

export type EvaluationService = ReturnType<typeof createEvaluationService>;

const isIndicator = (k: string | null): k is IndicatorKey => k !== null && k in INDICATORS;

export function createEvaluationService(deps: WorkspaceModuleDeps) {
  const { db, audit, clock } = deps;
  const assessment = createAssessmentService(deps);
  const by = (actor: Actor) => (actor.id > 0 ? actor.id : null);

  async function nowValue(ws: Workspace, r: { indicator_key: string | null; rw: string | null }): Promise<number | null> {
    return isIndicator(r.indicator_key) ? indicatorNow(db, ws.villageCode, r.indicator_key, r.rw) : null;
  }

  function toView(r: EvalProblemRow, now: number | null, targets: TargetRow[]): EvaluationProblem {
    const key = isIndicator(r.indicator_key) ? r.indicator_key : null;
    return {
      problemId: r.id,
      kind: r.kind as EvaluationProblem['kind'],
      category: r.category as ProblemCategory,
      title: r.title,
      rw: r.rw,
      origin: r.origin,
      indicatorKey: key,
      indicatorLabel: key ? INDICATORS[key].label.id : null,
      indicatorLabelEn: key ? INDICATORS[key].label.en : null,
      baselineValue: r.baseline_value,
      baselineDate: r.baseline_date,
      nowValue: now,
      outcome: r.eval_outcome as EvalOutcome | null,
      reason: r.eval_reason,
      evalValue: r.eval_value,
      evaluatedAt: r.evaluated_at,
      evaluatedByName: r.evaluated_by_name,
      targets: targets
        .filter((t) => t.problem_id === r.id)
        .map((t) => ({
          planItemId: t.plan_item_id,
          planItemTitle: t.plan_item_title,
          planItemStatus: t.plan_item_status,
          name: t.name,
          unit: t.unit,
          indicatorKey: t.indicator_key,
          baseline: t.baseline,
          target: t.target,
          targetDate: t.target_date,
        })),
      interventions: r.interventions,
      familiesReached: r.families_reached,
    };
  }

  return {
    async get(actor: Actor, pairingId: number): Promise<Evaluation> {
      const ws = await loadWorkspace(db, actor, pairingId, 'read');
      const list = await acceptedProblems(db, ws.pairingId);
      const targets = await targetsOf(db, ws.pairingId);
      const problems: EvaluationProblem[] = [];
      for (const r of list) problems.push(toView(r, await nowValue(ws, r), targets));
      const d = await findDecision(db, ws.pairingId);
      const today = programDate(clock());
      return {
        pairingId: ws.pairingId,
        year: ws.year,
        villageCode: ws.villageCode,
        today,
        beforeDecember: isBeforeDecember(today, ws.year),
        problems,
        decision: d?.decision
          ? {
              decision: d.decision as EvaluationDecision,
              reason: d.decision_reason,
              decidedAt: d.decided_at,
              decidedByName: d.decided_by_name,
            }
          : null,
      };
    },

    /** An author records whether an accepted problem was addressed; the indicator's value now is kept with it. */
    async setOutcome(actor: Actor, pairingId: number, problemId: number, input: { outcome: EvalOutcome; reason: string }) {
      await db.transaction(async (tx) => {
        const ws = await loadWorkspace(tx, actor, pairingId, 'author');
        const p = await findEvalProblem(tx, problemId);
        if (!p || p.pairing_id !== ws.pairingId) throw notFound('Masalah', 'Problem', problemId);
        if (p.status !== 'accepted') {
          throw new AppError(
            'conflict',
            {
              id: `Hanya masalah yang diterima yang dievaluasi; masalah ${problemId} berstatus ${p.status}`,
              en: `Only accepted problems are evaluated; problem ${problemId} is ${p.status}`,
            },
            { status: p.status },
          );
        }
        const value = isIndicator(p.indicator_key) ? await indicatorNow(tx, ws.villageCode, p.indicator_key, p.rw) : null;
        await setOutcome(tx, problemId, { outcome: input.outcome, reason: input.reason, value, by: by(actor), at: clock() });
        await audit.record(tx, actor, {
          action: 'problem.evaluate',
          entityType: 'problem',
          entityId: problemId,
          before: { evalOutcome: p.eval_outcome, evalReason: p.eval_reason, evalValue: p.eval_value },
          after: { evalOutcome: input.outcome, evalReason: input.reason, evalValue: value },
          reason: input.reason,
        });
      });
      const ws = await loadWorkspace(db, actor, pairingId, 'read');
      const r = await findEvalProblem(db, problemId);
      if (!r) throw notFound('Masalah', 'Problem', problemId);
      return toView(r, await nowValue(ws, r), await targetsOf(db, ws.pairingId));
    },

    /** Bappeda decides whether the pairing continues next year (lanjutan) or the village graduates. */
    async decide(actor: Actor, pairingId: number, input: { decision: EvaluationDecision; reason: string }) {
      await db.transaction(async (tx) => {
        const ws = await loadWorkspace(tx, actor, pairingId, 'review');
        const before = await findDecision(tx, ws.pairingId);
        await upsertDecision(tx, ws.pairingId, { decision: input.decision, reason: input.reason, by: by(actor), at: clock() });
        await audit.record(tx, actor, {
          action: 'evaluation.decide',
          entityType: 'evaluation',
          entityId: ws.pairingId,
          before: before ? { decision: before.decision, reason: before.decision_reason } : null,
          after: { decision: input.decision, reason: input.reason },
          reason: input.reason,
        });
      });
      return this.get(actor, pairingId);
    },

    /**
     * Copies every accepted problem whose outcome is not `addressed` into the village's pairing of a
     * later year, as `carried_over` with the current value as its new baseline. Carrying twice
     * copies nothing twice.
     */
    async carryOver(actor: Actor, pairingId: number, toPairingId: number): Promise<CarryOverResult> {
      const result = await db.transaction(async (tx) => {
        const ws = await loadWorkspace(tx, actor, pairingId, 'review');
        const bad = (message: string, en: string) =>
          new AppError('validation_failed', { id: message, en }, { issues: [{ path: 'body.toPairingId', message }] });
        let target: Workspace;
        try {
          target = await loadWorkspace(tx, actor, toPairingId, 'read');
        } catch (err) {
          if (err instanceof AppError && err.code === 'not_found') {
            throw bad(`Pendampingan ${toPairingId} tidak ditemukan`, `Pairing ${toPairingId} not found`);
          }
          throw err;
        }
        if (target.villageCode !== ws.villageCode) {
          throw bad(
            `Pendampingan tujuan untuk kelurahan lain (${target.villageName}); harus kelurahan yang sama (${ws.villageName})`,
            `The target pairing is for another village (${target.villageName}); it must be the same village (${ws.villageName})`,
          );
        }
        if (target.year <= ws.year) {
          throw bad(
            `Pendampingan tujuan tahun ${target.year}; harus tahun program sesudah ${ws.year}`,
            `The target pairing is for ${target.year}; it must be a program year after ${ws.year}`,
          );
        }
        if (target.status !== 'active') {
          throw bad('Pendampingan tujuan sudah berakhir', 'The target pairing has ended');
        }
        const already = await carriedInto(tx, target.pairingId);
        const today = programDate(clock());
        const created: number[] = [];
        let skipped = 0;
        for (const r of await acceptedProblems(tx, ws.pairingId)) {
          if (r.eval_outcome === 'addressed') continue;
          if (already.has(r.id)) {
            skipped += 1;
            continue;
          }
          const src = await sourceForCarry(tx, r.id);
          if (!src) continue;
          const key = isIndicator(src.indicatorKey) ? src.indicatorKey : null;
          const id = await insertCarried(tx, {
            pairingId: target.pairingId,
            kind: src.kind,
            category: src.category,
            title: src.title,
            description: src.description,
            evidence: src.evidence,
            severity: src.severity,
            rw: src.rw,
            rt: src.rt,
            status: 'accepted',
            origin: 'carried_over',
            indicatorKey: key,
            baselineValue: key ? await indicatorNow(tx, ws.villageCode, key, src.rw) : null,
            baselineDate: key ? today : null,
            carriedFromId: src.id,
            createdBy: by(actor),
          });
          await copyFamilies(tx, src.id, id);
          await audit.record(tx, actor, {
            action: 'problem.carry_over',
            entityType: 'problem',
            entityId: id,
            after: { fromPairingId: ws.pairingId, toPairingId: target.pairingId, carriedFromId: src.id, evalOutcome: src.evalOutcome },
          });
          created.push(id);
        }
        return { created, skipped };
      });
      return { created: await assessment.problemsByIds(result.created), skipped: result.skipped };
    },
  };
}
