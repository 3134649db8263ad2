import {
  IdSchema,
  ReportCreateSchema,
  ReportListSchema,
  ReportPatchSchema,
  ReportReturnSchema,
  ReportSchema,
  ReportUnlockSchema,
} from '@dampingan/contracts';
import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import type { ReportsService } from './reports.service.ts';

const P = z.object({ pairingId: IdSchema });
const R = z.object({ pairingId: IdSchema, reportId: IdSchema });
const base = '/api/pairings/:pairingId/reports';

export function reportsRoutes(svc: ReportsService) {
  return [
    defineRoute({
      method: 'GET',
      url: base,
      tag: 'reports',
      summary: 'Every month of the program year to now with its report status (missing, late) (anyone who may read the pairing)',
      access: 'user',
      params: P,
      response: ReportListSchema,
      handler: ({ actor, params }) => svc.list(actor, params.pairingId),
    }),
    defineRoute({
      method: 'POST',
      url: base,
      tag: 'reports',
      summary: "Draft a month's report from the month's data (authors: the pairing's mentors and operator). 409 when it exists",
      access: 'user',
      params: P,
      body: ReportCreateSchema,
      response: ReportSchema,
      status: 201,
      handler: ({ actor, params, body }) => svc.create(actor, params.pairingId, body.month),
    }),
    defineRoute({
      method: 'GET',
      url: `${base}/:reportId`,
      tag: 'reports',
      summary: 'One report with its event history',
      access: 'user',
      params: R,
      response: ReportSchema,
      handler: ({ actor, params }) => svc.get(actor, params.pairingId, params.reportId),
    }),
    defineRoute({
      method: 'PATCH',
      url: `${base}/:reportId`,
      tag: 'reports',
      summary: 'Write the narrative, obstacles, next steps (authors; draft or returned only: 423 when accepted, 409 when submitted)',
      access: 'user',
      params: R,
      body: ReportPatchSchema,
      response: ReportSchema,
      handler: ({ actor, params, body }) => svc.update(actor, params.pairingId, params.reportId, body),
    }),
    defineRoute({
      method: 'POST',
      url: `${base}/:reportId/refresh`,
      tag: 'reports',
      summary: "Re-draft the figures from the month's data (authors; draft or returned only)",
      access: 'user',
      params: R,
      response: ReportSchema,
      handler: ({ actor, params }) => svc.refresh(actor, params.pairingId, params.reportId),
    }),
    defineRoute({
      method: 'POST',
      url: `${base}/:reportId/submit`,
      tag: 'reports',
      summary: 'Submit to Bappeda (authors; the narrative is required)',
      access: 'user',
      params: R,
      response: ReportSchema,
      handler: ({ actor, params }) => svc.submit(actor, params.pairingId, params.reportId),
    }),
    defineRoute({
      method: 'POST',
      url: `${base}/:reportId/return`,
      tag: 'reports',
      summary: 'Return a submitted report with a comment (Bappeda admins)',
      access: 'user',
      params: R,
      body: ReportReturnSchema,
      response: ReportSchema,
      handler: ({ actor, params, body }) => svc.returnReport(actor, params.pairingId, params.reportId, body.comment),
    }),
    defineRoute({
      method: 'POST',
      url: `${base}/:reportId/accept`,
      tag: 'reports',
      summary: 'Accept a submitted report; it is locked (Bappeda admins)',
      access: 'user',
      params: R,
      response: ReportSchema,
      handler: ({ actor, params }) => svc.accept(actor, params.pairingId, params.reportId),
    }),
    defineRoute({
      method: 'POST',
      url: `${base}/:reportId/unlock`,
      tag: 'reports',
      summary: 'Unlock an accepted report with a reason; it goes back to returned (Bappeda admins)',
      access: 'user',
      params: R,
      body: ReportUnlockSchema,
      response: ReportSchema,
      handler: ({ actor, params, body }) => svc.unlock(actor, params.pairingId, params.reportId, body.reason),
    }),
  ];
}
