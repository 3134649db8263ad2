import type { Readable } from 'node:stream';
import {
  FamilyDetailSchema,
  FamilyListSchema,
  FamilySearchQuerySchema,
  FamilyStatusInputSchema,
  IdSchema,
  ImportIssuesQuerySchema,
  ImportMappingInputSchema,
  ImportMappingSchema,
  ImportStartQuerySchema,
  ImportViewSchema,
  PersonStatusInputSchema,
  RegistryStatsSchema,
  RevealInputSchema,
  RevealResultSchema,
  RowIssueSchema,
  SnapshotViewSchema,
} from '@dampingan/contracts';
import { z } from 'zod';
import { AppError } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import type { RegistryService } from './registry.service.ts';

const FamilyParams = z.object({ familyId: IdSchema });
const PersonParams = z.object({ personId: IdSchema });
const ImportParams = z.object({ importId: IdSchema });
const IssuePageSchema = z.object({
  items: z.array(RowIssueSchema.extend({ severity: z.string() })),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export function registryRoutes(registry: RegistryService) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/families',
      tag: 'registry',
      summary:
        'Search families: exact NIK or No KK, names (partial, spelling variants), RT/RW, desil, housing filters. Identifiers masked.',
      access: ['admin', 'mentor', 'operator'],
      query: FamilySearchQuerySchema,
      response: FamilyListSchema,
      handler: ({ actor, query }) => registry.search(actor, query),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/families/export',
      tag: 'registry',
      summary: 'Export the families matching a filter as CSV (admin, audited with a reason)',
      access: ['admin'],
      body: z.object({ filter: FamilySearchQuerySchema.omit({ limit: true, offset: true }), reason: RevealInputSchema.shape.reason }),
      response: z.string(),
      handler: async ({ actor, body, reply }) => {
        reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="keluarga.csv"');
        return registry.exportCsv(actor, body.filter, body.reason);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/families/:familyId',
      tag: 'registry',
      summary: 'One family: members, housing, desil history, programme receipts, the source of every value',
      access: ['admin', 'mentor', 'operator'],
      params: FamilyParams,
      response: FamilyDetailSchema,
      handler: ({ actor, params }) => registry.getFamily(actor, params.familyId),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/families/:familyId/reveal',
      tag: 'registry',
      summary: "Show the family's full No KK: needs a reason, audited",
      access: ['admin', 'mentor', 'operator'],
      params: FamilyParams,
      body: RevealInputSchema,
      response: RevealResultSchema,
      handler: ({ actor, params, body }) => registry.revealFamilyKk(actor, params.familyId, body.reason),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/families/:familyId/status',
      tag: 'registry',
      summary: 'Record a family status change (moved, dissolved, not found) with date and reason',
      access: ['admin', 'mentor', 'operator'],
      params: FamilyParams,
      body: FamilyStatusInputSchema,
      response: FamilyDetailSchema,
      handler: ({ actor, params, body }) => registry.setFamilyStatus(actor, params.familyId, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/family-snapshots/:snapshotId',
      tag: 'registry',
      summary: 'The family as one import saw it (identifiers masked)',
      access: ['admin', 'mentor', 'operator'],
      params: z.object({ snapshotId: IdSchema }),
      response: SnapshotViewSchema,
      handler: ({ actor, params }) => registry.getSnapshot(actor, params.snapshotId),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/persons/:personId/reveal',
      tag: 'registry',
      summary: "Show a person's full NIK or mother's name: needs a reason, audited",
      access: ['admin', 'mentor', 'operator'],
      params: PersonParams,
      body: RevealInputSchema.extend({ field: z.enum(['nik', 'motherName']) }),
      response: RevealResultSchema,
      handler: ({ actor, params, body }) => registry.revealPerson(actor, params.personId, body.field, body.reason),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/persons/:personId/status',
      tag: 'registry',
      summary: 'Record a person status change (moved, died, not found, present) with date and reason',
      access: ['admin', 'mentor', 'operator'],
      params: PersonParams,
      body: PersonStatusInputSchema,
      response: FamilyDetailSchema,
      handler: ({ actor, params, body }) => registry.setPersonStatus(actor, params.personId, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/registry/stats',
      tag: 'registry',
      summary: 'Families and persons per village by desil: aggregates only, no names',
      access: 'user',
      response: RegistryStatsSchema,
      handler: ({ actor }) => registry.stats(actor),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/registry/imports',
      tag: 'registry',
      summary:
        'Upload a registry file (CSV with , ; | or tab, or XLSX) as the raw request body (application/octet-stream); the import runs in the background: poll GET /api/registry/imports/{id}',
      access: ['admin'],
      query: ImportStartQuerySchema,
      response: ImportViewSchema,
      status: 202,
      handler: ({ actor, query, req }) => {
        if (!(req.headers['content-type'] ?? '').startsWith('application/octet-stream')) {
          throw new AppError('validation_failed', {
            id: 'Kirim berkas sebagai application/octet-stream',
            en: 'Send the file as application/octet-stream',
          });
        }
        return registry.startImport(actor, req.body as Readable, query);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/registry/imports',
      tag: 'registry',
      summary: 'Recent imports (admin)',
      access: ['admin'],
      response: z.object({ items: z.array(ImportViewSchema) }),
      handler: async ({ actor }) => ({ items: await registry.listImports(actor) }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/registry/imports/:importId',
      tag: 'registry',
      summary: 'One import: progress while running, counts when done (admin)',
      access: ['admin'],
      params: ImportParams,
      response: ImportViewSchema,
      handler: ({ actor, params }) => registry.getImport(actor, params.importId),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/registry/imports/:importId/issues',
      tag: 'registry',
      summary: 'Rejected rows of an import: row, column, value and message (admin)',
      access: ['admin'],
      params: ImportParams,
      query: ImportIssuesQuerySchema,
      response: IssuePageSchema,
      handler: ({ actor, params, query }) => registry.listIssues(actor, params.importId, query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/registry/imports/:importId/issues.csv',
      tag: 'registry',
      summary: 'The error report as a CSV download (admin)',
      access: ['admin'],
      params: ImportParams,
      response: z.string(),
      handler: async ({ actor, params, reply }) => {
        reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="impor-${params.importId}-galat.csv"`);
        return registry.issuesCsv(actor, params.importId);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/registry/mappings',
      tag: 'registry',
      summary: 'Saved column mappings for file layouts (admin)',
      access: ['admin'],
      response: z.object({ items: z.array(ImportMappingSchema) }),
      handler: async () => ({ items: await registry.listMappings() }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/registry/mappings',
      tag: 'registry',
      summary: 'Save a column mapping (file header -> field, or null to ignore) for reuse (admin)',
      access: ['admin'],
      body: ImportMappingInputSchema,
      response: ImportMappingSchema,
      status: 201,
      handler: ({ actor, body }) => registry.createMapping(actor, body),
    }),
  ];
}
