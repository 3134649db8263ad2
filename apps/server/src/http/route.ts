/**
 * A route is declared once with zod schemas; the same declaration validates requests,
 * shapes responses, enforces the role gate and feeds the OpenAPI document (openapi.ts).
 */
import type { Role } from '@dampingan/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Actor } from '../modules/auth/actor.ts';
import { AppError, forbidden, validationError, zodIssues } from './errors.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** public: no login; user: any logged-in role; Role[]: only those roles (else 403). */
export type Access = 'public' | 'user' | readonly Role[];

export interface RouteDef<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  method: Method;
  url: string;
  summary: string;
  tag: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  status?: number;
  description?: string;
  handler: (ctx: {
    actor: Actor;
    params: z.output<P>;
    query: z.output<Q>;
    body: z.output<B>;
    req: FastifyRequest;
    reply: FastifyReply;
  }) => Promise<z.input<R>>;
}

export interface RouteRegistry {
  routes: RouteDef[];
}

export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  def: RouteDef<P, Q, B, R>,
): RouteDef {
  return def as unknown as RouteDef;
}

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.output<T> {
  if (!schema) return undefined as z.output<T>;
  const res = schema.safeParse(value ?? {});
  if (!res.success) throw validationError(zodIssues(res.error, where));
  return res.data;
}

export function registerRoutes(app: FastifyInstance, registry: RouteRegistry, defs: RouteDef[]): void {
  for (const def of defs) {
    registry.routes.push(def);
    app.route({
      method: def.method,
      url: def.url,
      handler: async (req, reply) => {
        const actor = req.actor;
        if (def.access !== 'public') {
          if (!actor) {
            throw new AppError('unauthenticated', { id: 'Silakan masuk terlebih dahulu', en: 'Please log in first' });
          }
          if (def.access !== 'user' && !def.access.includes(actor.role)) throw forbidden();
        }
        const params = parse(def.params, req.params, 'params');
        const query = parse(def.query, req.query, 'query');
        const body = parse(def.body, req.body, 'body');
        const result = await def.handler({ actor: actor as Actor, params, query, body, req, reply });
        reply.status(def.status ?? 200);
        return def.response.parse(result);
      },
    });
  }
}
