import {
  LowWelfarePageSchema,
  type ProblemInput,
  type ProblemPatch,
  ProblemSchema,
  ProposeResultSchema,
  type VerificationInput,
  VerificationSchema,
  type VillageProfileDataInput,
  VillageProfileSchema,
} from '@dampingan/contracts';
import { z } from 'zod';
import { request } from './client.ts';

const base = (pairingId: number) => `/pairings/${pairingId}`;

export interface LowWelfareFilter {
  rw?: string;
  status?: 'unverified' | 'confirmed' | 'needs_help' | 'improved' | 'moved' | 'not_found';
  limit?: number;
  offset?: number;
}

/** The assessment tab: village profile (Form 1), problems and proposals, Form 2 verification. */
export const assessmentApi = {
  profile: (pairingId: number) => request(`${base(pairingId)}/village-profile`, { schema: VillageProfileSchema }),
  saveProfile: (pairingId: number, data: VillageProfileDataInput) =>
    request(`${base(pairingId)}/village-profile`, { method: 'PUT', body: data, schema: VillageProfileSchema }),

  problems: (pairingId: number) => request(`${base(pairingId)}/problems`, { schema: z.object({ items: z.array(ProblemSchema) }) }),
  createProblem: (pairingId: number, body: ProblemInput) =>
    request(`${base(pairingId)}/problems`, { method: 'POST', body, schema: ProblemSchema }),
  updateProblem: (pairingId: number, problemId: number, body: ProblemPatch) =>
    request(`${base(pairingId)}/problems/${problemId}`, { method: 'PATCH', body, schema: ProblemSchema }),
  propose: (pairingId: number) => request(`${base(pairingId)}/problems/propose`, { method: 'POST', schema: ProposeResultSchema }),
  accept: (pairingId: number, problemId: number) =>
    request(`${base(pairingId)}/problems/${problemId}/accept`, { method: 'POST', schema: ProblemSchema }),
  dismiss: (pairingId: number, problemId: number, reason: string) =>
    request(`${base(pairingId)}/problems/${problemId}/dismiss`, { method: 'POST', body: { reason }, schema: ProblemSchema }),

  lowWelfare: (pairingId: number, q: LowWelfareFilter) =>
    request(`${base(pairingId)}/low-welfare-families`, { query: { ...q }, schema: LowWelfarePageSchema }),
  verify: (pairingId: number, familyId: number, body: VerificationInput) =>
    request(`${base(pairingId)}/verifications/${familyId}`, { method: 'PUT', body, schema: VerificationSchema }),
};
