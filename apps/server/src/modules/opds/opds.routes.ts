import { DeactivateSchema, IdSchema, OkSchema, OpdInputSchema, OpdListQuerySchema, OpdPatchSchema, OpdSchema } from '@dampingan/contracts';
import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import type { OpdsService } from './opds.service.ts';

const Params = z.object({ opdId: IdSchema });

export function opdsRoutes(opds: OpdsService) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/opds',
      tag: 'opds',
      summary: 'List OPDs (perangkat daerah)',
      access: 'user',
      query: OpdListQuerySchema,
      response: z.object({ items: z.array(OpdSchema) }),
      handler: async ({ query }) => ({ items: await opds.list(query) }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/opds/:opdId',
      tag: 'opds',
      summary: 'One OPD',
      access: 'user',
      params: Params,
      response: OpdSchema,
      handler: ({ params }) => opds.get(params.opdId),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/opds',
      tag: 'opds',
      summary: 'Register an OPD (admin)',
      access: ['admin'],
      body: OpdInputSchema,
      response: OpdSchema,
      status: 201,
      handler: ({ actor, body }) => opds.create(actor, body),
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/opds/:opdId',
      tag: 'opds',
      summary: 'Edit an OPD (admin)',
      access: ['admin'],
      params: Params,
      body: OpdPatchSchema,
      response: OpdSchema,
      handler: ({ actor, params, body }) => opds.update(actor, params.opdId, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/opds/:opdId/deactivate',
      tag: 'opds',
      summary: 'Deactivate an OPD with a reason (admin); refused while it has active pairings',
      access: ['admin'],
      params: Params,
      body: DeactivateSchema,
      response: OpdSchema,
      handler: ({ actor, params, body }) => opds.deactivate(actor, params.opdId, body.reason, body.date),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/opds/:opdId/reactivate',
      tag: 'opds',
      summary: 'Reactivate an OPD (admin)',
      access: ['admin'],
      params: Params,
      body: DeactivateSchema,
      response: OpdSchema,
      handler: ({ actor, params, body }) => opds.reactivate(actor, params.opdId, body.reason),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/opds/:opdId',
      tag: 'opds',
      summary: 'Delete an OPD entered by mistake (admin); refused (409) once it is used',
      access: ['admin'],
      params: Params,
      response: OkSchema,
      handler: async ({ actor, params }) => {
        await opds.remove(actor, params.opdId);
        return { ok: true as const };
      },
    }),
  ];
}
