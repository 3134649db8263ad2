/** Attention list: pairings needing Bappeda's attention. */
import { z } from 'zod';
import { IdSchema, IsoDateSchema } from './common.ts';

/** A pairing with no activity for this many days needs attention (what counts: attention.service.ts). */
export const NO_ACTIVITY_DAYS = 30;

export const AttentionKindSchema = z.enum(['no_activity', 'late_reports', 'missing_months', 'overdue_plan_items', 'overdue_follow_ups']);
export type AttentionKind = z.infer<typeof AttentionKindSchema>;

export const AttentionReasonSchema = z.object({
  kind: AttentionKindSchema,
  /** how many (days without activity for no_activity) */
  count: z.number().int(),
  /** the date it started: last activity, the earliest due date or month concerned */
  since: IsoDateSchema.nullable(),
});
export type AttentionReason = z.infer<typeof AttentionReasonSchema>;

export const AttentionRowSchema = z.object({
  pairingId: z.number().int(),
  programYearId: z.number().int(),
  year: z.number().int(),
  opdId: z.number().int(),
  opdName: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  lastActivityOn: IsoDateSchema.nullable(),
  reasons: z.array(AttentionReasonSchema),
});
export type AttentionRow = z.infer<typeof AttentionRowSchema>;

export const AttentionListSchema = z.object({
  today: IsoDateSchema,
  /** live pairings looked at (those in reach) */
  checked: z.number().int(),
  items: z.array(AttentionRowSchema),
});
export type AttentionList = z.infer<typeof AttentionListSchema>;

export const AttentionQuerySchema = z.object({ programYearId: IdSchema.optional() });
