import {
  AuditEntrySchema,
  BoardSchema,
  BoundaryCollectionSchema,
  type ChangePasswordSchema,
  type DeactivateSchema,
  type EndPairingSchema,
  FamilyDetailSchema,
  FamilyListSchema,
  type FamilySearchQueryInput,
  type FamilyStatusInputSchema,
  type ImportMappingInputSchema,
  ImportMappingSchema,
  ImportViewSchema,
  type MentorRole,
  MeSchema,
  OkSchema,
  type OpdInput,
  type OpdListQuerySchema,
  type OpdPatchSchema,
  OpdSchema,
  type PairingInput,
  type PairingProfilePatchSchema,
  PairingSchema,
  type PersonStatusInputSchema,
  type ProgramInput,
  ProgramSchema,
  type ProgramYearInputSchema,
  type ProgramYearStatusSchema,
  pageSchema,
  RegionDetailSchema,
  RegionListSchema,
  RegistryStatsSchema,
  RevealResultSchema,
  type Role,
  RowIssueSchema,
  ScopeSchema,
  SnapshotViewSchema,
  type UserInput,
  UserSchema,
} from '@dampingan/contracts';
import { z } from 'zod';
import { type Query, request, requestText } from './client.ts';

const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export const HealthSchema = z.object({
  status: z.string(),
  version: z.string(),
  scope: z.string(),
  demo: z.boolean(),
});
export type Health = z.infer<typeof HealthSchema>;

export const AuditPageSchema = pageSchema(AuditEntrySchema);
export type AuditPage = z.infer<typeof AuditPageSchema>;
export type BoundaryCollection = z.infer<typeof BoundaryCollectionSchema>;

type Body<S extends z.ZodType> = z.input<S>;

/** One page of an import's error report (the server adds each issue's severity). */
export const IssuePageSchema = z.object({
  items: z.array(RowIssueSchema.extend({ severity: z.string() })),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type IssuePage = z.infer<typeof IssuePageSchema>;
export type RegistryStats = z.infer<typeof RegistryStatsSchema>;
export type SnapshotView = z.infer<typeof SnapshotViewSchema>;
export type FamilyFilter = Omit<FamilySearchQueryInput, 'limit' | 'offset'>;

export const api = {
  health: () => request('/health', { schema: HealthSchema }),
  scope: () => request('/scope', { schema: ScopeSchema }),

  login: (body: { username: string; password: string }) => request('/auth/login', { method: 'POST', body, schema: MeSchema }),
  logout: () => request('/auth/logout', { method: 'POST', schema: OkSchema }),
  me: () => request('/auth/me', { schema: MeSchema }),
  changePassword: (body: Body<typeof ChangePasswordSchema>) => request('/auth/password', { method: 'POST', body, schema: OkSchema }),

  searchRegions: (q: string, opts: { level?: number; within?: string; limit?: number } = {}) =>
    request('/regions', { query: { q, ...opts }, schema: RegionListSchema }),
  region: (code: string) => request(`/regions/${encodeURIComponent(code)}`, { schema: RegionDetailSchema }),
  regionChildren: (code: string) => request(`/regions/${encodeURIComponent(code)}/children`, { schema: RegionListSchema }),
  boundaries: (code: string, level?: number) =>
    request(`/regions/${encodeURIComponent(code)}/boundaries`, { query: { level }, schema: BoundaryCollectionSchema }),

  opds: (query: Body<typeof OpdListQuerySchema> = {}) => request('/opds', { query, schema: items(OpdSchema) }),
  createOpd: (body: OpdInput) => request('/opds', { method: 'POST', body, schema: OpdSchema }),
  updateOpd: (id: number, body: Body<typeof OpdPatchSchema>) => request(`/opds/${id}`, { method: 'PATCH', body, schema: OpdSchema }),
  deactivateOpd: (id: number, body: Body<typeof DeactivateSchema>) =>
    request(`/opds/${id}/deactivate`, { method: 'POST', body, schema: OpdSchema }),
  reactivateOpd: (id: number, body: Body<typeof DeactivateSchema>) =>
    request(`/opds/${id}/reactivate`, { method: 'POST', body, schema: OpdSchema }),

  users: (query: { q?: string; role?: Role; opdId?: number } = {}) => request('/users', { query, schema: items(UserSchema) }),
  createUser: (body: UserInput) => request('/users', { method: 'POST', body, schema: UserSchema }),
  deactivateUser: (id: number, body: Body<typeof DeactivateSchema>) =>
    request(`/users/${id}/deactivate`, { method: 'POST', body, schema: UserSchema }),
  reactivateUser: (id: number, body: Body<typeof DeactivateSchema>) =>
    request(`/users/${id}/reactivate`, { method: 'POST', body, schema: UserSchema }),
  resetPassword: (id: number, newPassword: string) =>
    request(`/users/${id}/reset-password`, { method: 'POST', body: { newPassword }, schema: UserSchema }),

  programs: () => request('/programs', { schema: items(ProgramSchema) }),
  createProgram: (body: ProgramInput) => request('/programs', { method: 'POST', body, schema: ProgramSchema }),
  addProgramYear: (programId: number, body: Body<typeof ProgramYearInputSchema>) =>
    request(`/programs/${programId}/years`, { method: 'POST', body, schema: ProgramSchema }),
  setProgramYearStatus: (programYearId: number, body: Body<typeof ProgramYearStatusSchema>) =>
    request(`/program-years/${programYearId}`, { method: 'PATCH', body, schema: ProgramSchema }),

  board: (programYearId: number) => request(`/program-years/${programYearId}/board`, { schema: BoardSchema }),
  createPairing: (programYearId: number, body: PairingInput) =>
    request(`/program-years/${programYearId}/pairings`, { method: 'POST', body, schema: PairingSchema }),
  pairings: (query: { programYearId?: number; status?: 'active' | 'ended' | 'all'; opdId?: number } = {}) =>
    request('/pairings', { query, schema: items(PairingSchema) }),
  pairing: (id: number) => request(`/pairings/${id}`, { schema: PairingSchema }),
  endPairing: (id: number, body: Body<typeof EndPairingSchema>) =>
    request(`/pairings/${id}/end`, { method: 'POST', body, schema: PairingSchema }),
  setPairingMentors: (id: number, mentors: { userId: number; role: MentorRole }[]) =>
    request(`/pairings/${id}/mentors`, { method: 'PUT', body: { mentors }, schema: PairingSchema }),
  updatePairingProfile: (id: number, body: Body<typeof PairingProfilePatchSchema>) =>
    request(`/pairings/${id}/profile`, { method: 'PATCH', body, schema: PairingSchema }),

  families: (query: FamilySearchQueryInput) => request('/families', { query: query as Query, schema: FamilyListSchema }),
  family: (id: number) => request(`/families/${id}`, { schema: FamilyDetailSchema }),
  familySnapshot: (id: number) => request(`/family-snapshots/${id}`, { schema: SnapshotViewSchema }),
  revealFamilyKk: (id: number, reason: string) =>
    request(`/families/${id}/reveal`, { method: 'POST', body: { reason }, schema: RevealResultSchema }),
  revealPerson: (id: number, field: 'nik' | 'motherName', reason: string) =>
    request(`/persons/${id}/reveal`, { method: 'POST', body: { field, reason }, schema: RevealResultSchema }),
  setFamilyStatus: (id: number, body: Body<typeof FamilyStatusInputSchema>) =>
    request(`/families/${id}/status`, { method: 'POST', body, schema: FamilyDetailSchema }),
  setPersonStatus: (id: number, body: Body<typeof PersonStatusInputSchema>) =>
    request(`/persons/${id}/status`, { method: 'POST', body, schema: FamilyDetailSchema }),
  /** CSV text (UTF-8 with BOM) of every family matching the filter; admin, audited. */
  exportFamilies: (filter: FamilyFilter, reason: string) => requestText('/families/export', { method: 'POST', body: { filter, reason } }),
  registryStats: () => request('/registry/stats', { schema: RegistryStatsSchema }),
  imports: () => request('/registry/imports', { schema: items(ImportViewSchema) }),
  importView: (id: number) => request(`/registry/imports/${id}`, { schema: ImportViewSchema }),
  importIssues: (id: number, query: { limit: number; offset: number }) =>
    request(`/registry/imports/${id}/issues`, { query, schema: IssuePageSchema }),
  importMappings: () => request('/registry/mappings', { schema: items(ImportMappingSchema) }),
  createImportMapping: (body: Body<typeof ImportMappingInputSchema>) =>
    request('/registry/mappings', { method: 'POST', body, schema: ImportMappingSchema }),

  audit: (query: {
    entityType?: string;
    entityId?: string;
    actorId?: number;
    from?: string;
    to?: string;
    limit?: number;
    offset?: number;
  }) => request('/audit', { query, schema: AuditPageSchema }),
};
