import {
  IdSchema,
  ProgramInputSchema,
  ProgramPatchSchema,
  ProgramSchema,
  ProgramYearInputSchema,
  ProgramYearStatusSchema,
} from '@dampingan/contracts';
import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import type { ProgramsService } from './programs.service.ts';

export function programsRoutes(programs: ProgramsService) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/programs',
      tag: 'programs',
      summary: 'List mentoring programs with their years',
      access: 'user',
      response: z.object({ items: z.array(ProgramSchema) }),
      handler: async () => ({ items: await programs.list() }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/programs/:programId',
      tag: 'programs',
      summary: 'One program',
      access: 'user',
      params: z.object({ programId: IdSchema }),
      response: ProgramSchema,
      handler: ({ params }) => programs.get(params.programId),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/programs',
      tag: 'programs',
      summary: 'Create a program with its legal basis (admin)',
      access: ['admin'],
      body: ProgramInputSchema,
      response: ProgramSchema,
      status: 201,
      handler: ({ actor, body }) => programs.create(actor, body),
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/programs/:programId',
      tag: 'programs',
      summary: 'Edit a program (admin)',
      access: ['admin'],
      params: z.object({ programId: IdSchema }),
      body: ProgramPatchSchema,
      response: ProgramSchema,
      handler: ({ actor, params, body }) => programs.update(actor, params.programId, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/programs/:programId/years',
      tag: 'programs',
      summary: 'Open a program year (admin)',
      access: ['admin'],
      params: z.object({ programId: IdSchema }),
      body: ProgramYearInputSchema,
      response: ProgramSchema,
      status: 201,
      handler: ({ actor, params, body }) => programs.addYear(actor, params.programId, body),
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/program-years/:programYearId',
      tag: 'programs',
      summary: 'Change a program year status: planned, active, closed (admin). Mentor access needs an active year.',
      access: ['admin'],
      params: z.object({ programYearId: IdSchema }),
      body: ProgramYearStatusSchema,
      response: ProgramSchema,
      handler: ({ actor, params, body }) => programs.setYearStatus(actor, params.programYearId, body.status),
    }),
  ];
}
