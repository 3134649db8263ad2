import {
  DeactivateSchema,
  IdSchema,
  ResetPasswordSchema,
  RoleSchema,
  UserInputSchema,
  UserPatchSchema,
  UserSchema,
} from '@dampingan/contracts';
import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import type { UsersService } from './users.service.ts';

const Params = z.object({ userId: IdSchema });

export function usersRoutes(users: UsersService) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/users',
      tag: 'users',
      summary: 'List users (admin)',
      access: ['admin'],
      query: z.object({ q: z.string().max(100).optional(), role: RoleSchema.optional(), opdId: IdSchema.optional() }),
      response: z.object({ items: z.array(UserSchema) }),
      handler: async ({ actor, query }) => ({ items: await users.list(actor, query) }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/users/:userId',
      tag: 'users',
      summary: 'One user (admin)',
      access: ['admin'],
      params: Params,
      response: UserSchema,
      handler: ({ params }) => users.getView(params.userId),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/users',
      tag: 'users',
      summary: 'Create a user with a role (admin); they must change the password at first login',
      access: ['admin'],
      body: UserInputSchema,
      response: UserSchema,
      status: 201,
      handler: ({ actor, body }) => users.create(actor, body),
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/users/:userId',
      tag: 'users',
      summary: 'Edit a user (admin)',
      access: ['admin'],
      params: Params,
      body: UserPatchSchema,
      response: UserSchema,
      handler: ({ actor, params, body }) => users.update(actor, params.userId, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/users/:userId/deactivate',
      tag: 'users',
      summary: 'Deactivate a user and end their sessions (admin)',
      access: ['admin'],
      params: Params,
      body: DeactivateSchema,
      response: UserSchema,
      handler: ({ actor, params, body }) => users.setActive(actor, params.userId, false, body.reason),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/users/:userId/reactivate',
      tag: 'users',
      summary: 'Reactivate a user (admin)',
      access: ['admin'],
      params: Params,
      body: DeactivateSchema,
      response: UserSchema,
      handler: ({ actor, params, body }) => users.setActive(actor, params.userId, true, body.reason),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/users/:userId/reset-password',
      tag: 'users',
      summary: 'Set a temporary password; the user must change it at next login (admin)',
      access: ['admin'],
      params: Params,
      body: ResetPasswordSchema,
      response: UserSchema,
      handler: ({ actor, params, body }) => users.resetPassword(actor, params.userId, body.newPassword),
    }),
  ];
}
