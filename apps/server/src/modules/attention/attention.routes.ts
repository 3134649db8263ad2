import { AttentionListSchema, AttentionQuerySchema } from '@dampingan/contracts';
import { defineRoute } from '../../http/route.ts';
import type { AttentionService } from './attention.service.ts';

export function attentionRoutes(svc: AttentionService) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/attention',
      tag: 'attention',
      summary:
        'Live pairings that need attention and why (no activity for 30 days, late or missing reports, overdue plan items and follow-ups). All for admins, viewers, supervisors; own OPD for mentors; own village for operators',
      access: 'user',
      query: AttentionQuerySchema,
      response: AttentionListSchema,
      handler: ({ actor, query }) => svc.list(actor, query),
    }),
  ];
}
