import { ErrorBodySchema } from '@dampingan/contracts';
import { z } from 'zod';
import type { RouteRegistry } from './route.ts';

const toSchema = (s: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;

function stripMeta(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _drop, ...rest } = schema;
  return rest;
}

/** OpenAPI 3.1 document built from the route registry (JSON Schema 2020-12, as 3.1 requires). */
export function buildOpenApi(registry: RouteRegistry, version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorRef = { $ref: '#/components/schemas/Error' };
  for (const r of registry.routes) {
    const path = r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', r.params],
      ['query', r.query],
    ] as const) {
      if (!schema) continue;
      const js = toSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(js.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: s });
      }
    }
    const responses: Record<string, unknown> = {
      [String(r.status ?? 200)]: {
        description: 'OK',
        content: { 'application/json': { schema: stripMeta(toSchema(r.response, 'output')) } },
      },
      '400': { description: 'Invalid input', content: { 'application/json': { schema: errorRef } } },
    };
    if (r.access !== 'public') {
      responses['401'] = { description: 'Not logged in', content: { 'application/json': { schema: errorRef } } };
    }
    if (Array.isArray(r.access)) {
      responses['403'] = { description: `Only for roles: ${r.access.join(', ')}`, content: { 'application/json': { schema: errorRef } } };
    }
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[r.method.toLowerCase()] = {
      tags: [r.tag],
      summary: r.summary,
      description: r.description,
      parameters,
      ...(r.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: stripMeta(toSchema(r.body, 'input')) } } } }
        : {}),
      responses,
      security: r.access === 'public' ? [] : [{ session: [] }],
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Dampingan API',
      version,
      description:
        'API of Dampingan, the information system of the "Satu Perangkat Daerah, Satu Kelurahan Dampingan" program. ' +
        'Errors always have the shape {error:{code,message,details}}. Log in with POST /api/auth/login; the session is a cookie.',
    },
    servers: [{ url: '/' }],
    components: {
      schemas: { Error: stripMeta(toSchema(ErrorBodySchema, 'output')) },
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'dampingan_session' } },
    },
    paths,
  };
}
