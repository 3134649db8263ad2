import { ChangePasswordSchema, LoginSchema, MeSchema, OkSchema } from '@dampingan/contracts';
import { defineRoute } from '../../http/route.ts';
import type { UsersService } from '../users/users.service.ts';
import { type AuthService, SESSION_COOKIE } from './auth.service.ts';

export function authRoutes(auth: AuthService, users: UsersService, cookieSecure: boolean | 'auto') {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/auth/login',
      tag: 'auth',
      summary: 'Log in with username and password; sets the session cookie',
      access: 'public',
      body: LoginSchema,
      response: MeSchema,
      handler: async ({ body, req, reply }) => {
        const { token, maxAgeSeconds } = await auth.login(body, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
        reply.setCookie(SESSION_COOKIE, token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: cookieSecure,
          maxAge: maxAgeSeconds,
        });
        const actor = await auth.authenticate(token, req.ip);
        if (!actor) throw new Error('session vanished right after login');
        return auth.me(actor);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/auth/logout',
      tag: 'auth',
      summary: 'Log out: ends this session',
      access: 'public',
      response: OkSchema,
      handler: async ({ req, reply }) => {
        await auth.logout(req.actor);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/auth/me',
      tag: 'auth',
      summary: 'The logged-in user and the villages they may work on',
      access: 'user',
      response: MeSchema,
      handler: ({ actor }) => auth.me(actor),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/auth/password',
      tag: 'auth',
      summary: 'Change my password (ends my other sessions)',
      access: 'user',
      body: ChangePasswordSchema,
      response: OkSchema,
      handler: async ({ actor, body }) => {
        await users.changeOwnPassword(actor, body.currentPassword, body.newPassword);
        return { ok: true as const };
      },
    }),
  ];
}
