/**
 * Endpoint coverage from what the tests really sent: the harness records every answered
 * request (method, route pattern, status); this walks the OpenAPI document and names each
 * operation of a tag that was never hit with a success, a 400, a 401 or a 403 it can return.
 */
import { expect } from 'vitest';
import type { TestContext } from './harness.ts';

export interface Operation {
  method: string;
  /** Fastify pattern, e.g. `/api/pairings/:pairingId` */
  url: string;
  tag: string;
  isPublic: boolean;
  roleGated: boolean;
  /** Path or query parameters or a body: something a client can get wrong (400). */
  hasInput: boolean;
}

interface OpenApiOperation {
  tags?: string[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
}

export async function openApiOperations(ctx: TestContext): Promise<Operation[]> {
  const res = await ctx.app.inject({ url: '/api/openapi.json' });
  expect(res.statusCode).toBe(200);
  const doc = res.json() as { paths: Record<string, Record<string, OpenApiOperation>> };
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      ops.push({
        method: method.toUpperCase(),
        url: path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1'),
        tag: op.tags?.[0] ?? '',
        isPublic: !('401' in op.responses),
        roleGated: '403' in op.responses,
        hasInput: (op.parameters?.length ?? 0) > 0 || op.requestBody !== undefined,
      });
    }
  }
  return ops;
}

/** What each operation of `tag` still lacks; `[]` when every operation was tested every way it can fail. */
export async function missingCoverage(ctx: TestContext, tag: string): Promise<string[]> {
  const ops = (await openApiOperations(ctx)).filter((o) => o.tag === tag);
  const missing: string[] = [];
  for (const op of ops) {
    const statuses = new Set(ctx.hits.filter((h) => h.method === op.method && h.url === op.url).map((h) => h.status));
    const name = `${op.method} ${op.url}`;
    if (![...statuses].some((s) => s >= 200 && s < 300)) missing.push(`${name}: happy path`);
    if (op.hasInput && !statuses.has(400)) missing.push(`${name}: 400`);
    if (!op.isPublic && !statuses.has(401)) missing.push(`${name}: 401`);
    if (op.roleGated && !statuses.has(403)) missing.push(`${name}: 403`);
  }
  return missing;
}

/** Called once at the end of each `*.routes.test.ts` for the OpenAPI tag it owns. */
export async function expectEndpointsCovered(ctx: TestContext, tag: string): Promise<void> {
  const ops = (await openApiOperations(ctx)).filter((o) => o.tag === tag);
  expect(ops.length, `no OpenAPI operation has tag ${tag}`).toBeGreaterThan(0);
  expect(await missingCoverage(ctx, tag)).toEqual([]);
}
