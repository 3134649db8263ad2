import { AuditEntrySchema, AuditQuerySchema, pageSchema } from '@dampingan/contracts';
import { defineRoute } from '../../http/route.ts';
import type { AuditService } from './audit.service.ts';

export function auditRoutes(audit: AuditService) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/audit',
      tag: 'audit',
      summary: 'Audit log, filtered by record, user and date (admin)',
      access: ['admin'],
      query: AuditQuerySchema,
      response: pageSchema(AuditEntrySchema),
      handler: ({ actor, query }) => audit.list(actor, query),
    }),
  ];
}
