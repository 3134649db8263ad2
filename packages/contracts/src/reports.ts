/** Monthly reports: draft, submit, accept or return, lock and unlock. */
import { z } from 'zod';
import { IsoDateSchema } from './common.ts';
import { FundingSourceSchema } from './workspace.ts';

/**
 * A month's report is due on this day of the FOLLOWING month (the 10th): a month whose report is
 * not submitted (or accepted) by then is late. Server and web both read this one constant.
 */
export const REPORT_DUE_DAY = 10;

export const ReportStatusSchema = z.enum(['draft', 'submitted', 'accepted', 'returned']);
export type ReportStatus = z.infer<typeof ReportStatusSchema>;
/** A month in the list: its report's status, or `missing` when nobody drafted one. */
export const ReportMonthStatusSchema = z.enum(['missing', 'draft', 'submitted', 'accepted', 'returned']);
export type ReportMonthStatus = z.infer<typeof ReportMonthStatusSchema>;
export const ReportEventActionSchema = z.enum(['submit', 'return', 'accept', 'unlock']);

const text = (max: number) => z.string().trim().max(max).nullable().optional();

/** The figures drafted from the month's data (stored in `monthly_reports.summary`). */
export const ReportSummarySchema = z.object({
  /** when the figures were (re)drafted */
  draftedAt: z.string(),
  interventions: z.object({
    /** delivered that month, not cancelled */
    count: z.number().int(),
    byStatus: z.object({
      planned: z.number().int(),
      in_progress: z.number().int(),
      done: z.number().int(),
      cancelled: z.number().int(),
    }),
    /** distinct families named as beneficiaries */
    familiesReached: z.number().int(),
    /** kelurahan-wide works (no named families) */
    villageWide: z.number().int(),
    outputs: z.array(z.object({ unit: z.string(), volume: z.number() })),
    costs: z.array(z.object({ fundingSource: FundingSourceSchema.or(z.string()), amount: z.number() })),
    totalCost: z.number(),
    items: z.array(
      z.object({ id: z.number().int(), title: z.string(), deliveredOn: z.string(), status: z.string(), families: z.number().int() }),
    ),
  }),
  visits: z.object({ count: z.number().int(), dates: z.array(z.string()) }),
  followUps: z.object({ opened: z.number().int(), closed: z.number().int() }),
});
export type ReportSummary = z.infer<typeof ReportSummarySchema>;

export const ReportMonthSchema = z.object({
  /** first day of the month */
  month: IsoDateSchema,
  dueOn: IsoDateSchema,
  status: ReportMonthStatusSchema,
  /** not submitted (nor accepted) and the due day has passed */
  late: z.boolean(),
  locked: z.boolean(),
  reportId: z.number().int().nullable(),
  submittedAt: z.string().nullable(),
});
export type ReportMonth = z.infer<typeof ReportMonthSchema>;

export const ReportListSchema = z.object({
  pairingId: z.number().int(),
  dueDay: z.number().int(),
  /** today by the server's clock */
  today: IsoDateSchema,
  months: z.array(ReportMonthSchema),
});
export type ReportList = z.infer<typeof ReportListSchema>;

export const ReportEventSchema = z.object({
  id: z.number().int(),
  action: ReportEventActionSchema,
  comment: z.string().nullable(),
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
});
export type ReportEvent = z.infer<typeof ReportEventSchema>;

export const ReportSchema = z.object({
  id: z.number().int(),
  pairingId: z.number().int(),
  month: IsoDateSchema,
  dueOn: IsoDateSchema,
  status: ReportStatusSchema,
  late: z.boolean(),
  locked: z.boolean(),
  narrative: z.string().nullable(),
  obstacles: z.string().nullable(),
  nextSteps: z.string().nullable(),
  summary: ReportSummarySchema,
  submittedAt: z.string().nullable(),
  submittedBy: z.number().int().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedBy: z.number().int().nullable(),
  reviewComment: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  events: z.array(ReportEventSchema),
});
export type Report = z.infer<typeof ReportSchema>;

export const ReportCreateSchema = z.object({
  /** the first day of the month reported on, e.g. 2026-10-01 */
  month: IsoDateSchema.refine((d) => d.endsWith('-01'), 'Bulan ditulis sebagai tanggal 1 (YYYY-MM-01)'),
});
export const ReportPatchSchema = z.object({
  narrative: text(8000),
  obstacles: text(8000),
  nextSteps: text(8000),
});
export type ReportPatch = z.infer<typeof ReportPatchSchema>;
export const ReportReturnSchema = z.object({ comment: z.string().trim().min(3, 'Komentar minimal 3 huruf').max(4000) });
export const ReportUnlockSchema = z.object({ reason: z.string().trim().min(5, 'Alasan minimal 5 huruf').max(1000) });
