/** December evaluation: per-problem outcome, indicator change, continue or graduate, carry-over. */
import { z } from 'zod';
import { EvalOutcomeSchema, ProblemSchema } from './assessment.ts';
import { IsoDateSchema } from './common.ts';
import { IndicatorKeySchema, ProblemCategorySchema, ProblemKindSchema } from './workspace.ts';

export const EvaluationDecisionSchema = z.enum(['continue', 'graduate']);
export type EvaluationDecision = z.infer<typeof EvaluationDecisionSchema>;

export const EvaluationTargetSchema = z.object({
  planItemId: z.number().int(),
  planItemTitle: z.string(),
  planItemStatus: z.string(),
  name: z.string(),
  unit: z.string(),
  indicatorKey: z.string().nullable(),
  baseline: z.number(),
  target: z.number(),
  targetDate: IsoDateSchema,
});

export const EvaluationProblemSchema = z.object({
  problemId: z.number().int(),
  kind: ProblemKindSchema,
  category: ProblemCategorySchema,
  title: z.string(),
  rw: z.string().nullable(),
  origin: z.string(),
  indicatorKey: IndicatorKeySchema.nullable(),
  indicatorLabel: z.string().nullable(),
  indicatorLabelEn: z.string().nullable(),
  baselineValue: z.number().nullable(),
  baselineDate: IsoDateSchema.nullable(),
  /** the indicator counted from the registry now (restricted to the problem's RW); null without an indicator */
  nowValue: z.number().nullable(),
  outcome: EvalOutcomeSchema.nullable(),
  reason: z.string().nullable(),
  /** the value stored when the outcome was recorded */
  evalValue: z.number().nullable(),
  evaluatedAt: z.string().nullable(),
  evaluatedByName: z.string().nullable(),
  targets: z.array(EvaluationTargetSchema),
  /** interventions (not cancelled) of the problem's plan items, and the distinct families they reached */
  interventions: z.number().int(),
  familiesReached: z.number().int(),
});
export type EvaluationProblem = z.infer<typeof EvaluationProblemSchema>;

export const EvaluationDecisionViewSchema = z.object({
  decision: EvaluationDecisionSchema,
  reason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
});

export const EvaluationSchema = z.object({
  pairingId: z.number().int(),
  year: z.number().int(),
  villageCode: z.string(),
  /** today by the server's clock, and whether December of the pairing's year has begun */
  today: IsoDateSchema,
  beforeDecember: z.boolean(),
  problems: z.array(EvaluationProblemSchema),
  decision: EvaluationDecisionViewSchema.nullable(),
});
export type Evaluation = z.infer<typeof EvaluationSchema>;

export const ProblemOutcomeInputSchema = z.object({
  outcome: EvalOutcomeSchema,
  reason: z.string().trim().min(5, 'Alasan minimal 5 huruf').max(2000),
});
export type ProblemOutcomeInput = z.input<typeof ProblemOutcomeInputSchema>;

export const DecisionInputSchema = z.object({
  decision: EvaluationDecisionSchema,
  reason: z.string().trim().min(5, 'Alasan minimal 5 huruf').max(2000),
});
export type DecisionInput = z.input<typeof DecisionInputSchema>;

export const CarryOverInputSchema = z.object({
  toPairingId: z.number().int().positive(),
});

export const CarryOverResultSchema = z.object({
  created: z.array(ProblemSchema),
  /** problems already carried to that pairing earlier: not copied again */
  skipped: z.number().int(),
});
export type CarryOverResult = z.infer<typeof CarryOverResultSchema>;
