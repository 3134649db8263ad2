import {
  BoardSchema,
  EndPairingSchema,
  IdSchema,
  PairingInputSchema,
  PairingListQuerySchema,
  PairingMentorsSchema,
  PairingProfilePatchSchema,
  PairingSchema,
} from '@dampingan/contracts';
import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import type { PairingsService } from './pairings.service.ts';

const Params = z.object({ pairingId: IdSchema });

export function pairingsRoutes(pairings: PairingsService) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/program-years/:programYearId/board',
      tag: 'pairings',
      summary: 'Pairing board: every village in the program region with its OPD; unpaired have pairing=null (admin, viewer)',
      access: ['admin', 'viewer', 'supervisor'],
      params: z.object({ programYearId: IdSchema }),
      response: BoardSchema,
      handler: ({ params }) => pairings.board(params.programYearId),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/program-years/:programYearId/pairings',
      tag: 'pairings',
      summary: 'Pair an OPD with a village for the year (admin). 409 names the existing pairing.',
      access: ['admin'],
      params: z.object({ programYearId: IdSchema }),
      body: PairingInputSchema,
      response: PairingSchema,
      status: 201,
      handler: ({ actor, params, body }) => pairings.create(actor, params.programYearId, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/pairings',
      tag: 'pairings',
      summary: 'Pairings visible to me: all for admin and viewer; my live ones for mentors and operators',
      access: 'user',
      query: PairingListQuerySchema,
      response: z.object({ items: z.array(PairingSchema) }),
      handler: async ({ actor, query }) => ({ items: await pairings.list(actor, query) }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/pairings/:pairingId',
      tag: 'pairings',
      summary: 'One pairing (404 when outside my reach)',
      access: 'user',
      params: Params,
      response: PairingSchema,
      handler: ({ actor, params }) => pairings.get(actor, params.pairingId),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/pairings/:pairingId/end',
      tag: 'pairings',
      summary: 'End a pairing with a date and reason (admin); it is never deleted',
      access: ['admin'],
      params: Params,
      body: EndPairingSchema,
      response: PairingSchema,
      handler: ({ actor, params, body }) => pairings.end(actor, params.pairingId, body),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/pairings/:pairingId/mentors',
      tag: 'pairings',
      summary: 'Set the named mentors of a pairing (admin)',
      access: ['admin'],
      params: Params,
      body: PairingMentorsSchema,
      response: PairingSchema,
      handler: ({ actor, params, body }) => pairings.setMentors(actor, params.pairingId, body.mentors),
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/pairings/:pairingId/profile',
      tag: 'pairings',
      summary: "Edit the pairing's working profile: lurah contact and notes (its mentors, its operator, admin)",
      access: ['admin', 'mentor', 'operator'],
      params: Params,
      body: PairingProfilePatchSchema,
      response: PairingSchema,
      handler: ({ actor, params, body }) => pairings.updateProfile(actor, params.pairingId, body),
    }),
  ];
}
