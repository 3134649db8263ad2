import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEndpointsCovered, openApiOperations } from '../../test/endpoint-coverage.ts';
import { createTestContext, errorOf, send, type TestContext } from '../../test/harness.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('GET /api/health', () => {
  it('reports the database engine, the 91,599 regions and the scope, without a login', async () => {
    const res = await send(ctx, 'GET', '/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ok',
      version: '0.1.0',
      database: { engine: ctx.database.engine, regions: 91599 },
      scope: '33.75',
      demo: false,
    });
    expect(res.json().database.serverVersion).toMatch(/^\d+(\.\d+)?/);
  });
});

describe('GET /api/openapi.json and /api/docs', () => {
  it('is an OpenAPI 3.1 document with exactly the declared routes', async () => {
    const res = await send(ctx, 'GET', '/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.session).toEqual({ type: 'apiKey', in: 'cookie', name: 'dampingan_session' });
    const documented = (await openApiOperations(ctx)).map((o) => `${o.method} ${o.url}`).sort();
    const declared = ctx.registry.routes.map((r) => `${r.method} ${r.url}`).sort();
    expect(documented).toEqual(declared);
    expect(declared.length).toBeGreaterThanOrEqual(35);
  });

  it('documents 401 for every logged-in route and 403 for every role-gated one', async () => {
    const ops = await openApiOperations(ctx);
    for (const r of ctx.registry.routes) {
      const op = ops.find((o) => o.method === r.method && o.url === r.url);
      expect(op, `${r.method} ${r.url}`).toBeDefined();
      expect(op?.isPublic, `${r.method} ${r.url}`).toBe(r.access === 'public');
      expect(op?.roleGated, `${r.method} ${r.url}`).toBe(Array.isArray(r.access));
    }
  });

  it('serves the API reference page', async () => {
    const res = await send(ctx, 'GET', '/api/docs');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('/api/openapi.json');
    const asset = await send(ctx, 'GET', '/api/docs/assets/swagger-ui-bundle.js');
    expect(asset.statusCode).toBe(200);
  });

  it('an unknown API address is a JSON 404', async () => {
    const res = await send(ctx, 'GET', '/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(errorOf(res)).toMatchObject({ code: 'not_found', details: { messageEn: 'No such endpoint' } });
  });
});

describe('OpenAPI coverage', () => {
  it('the system endpoints are tested', async () => {
    await expectEndpointsCovered(ctx, 'system');
  });

  it('every OpenAPI tag has a route test file that checks all of its endpoints', async () => {
    const tags = [...new Set((await openApiOperations(ctx)).map((o) => o.tag))].sort();
    expect(tags).toEqual([
      'assessment',
      'attention',
      'audit',
      'auth',
      'delivery',
      'evaluation',
      'opds',
      'pairings',
      'plans',
      'programs',
      'regions',
      'registry',
      'reports',
      'supervision',
      'system',
      'users',
      'workspace',
    ]);
    for (const tag of tags) {
      const mod = tag === 'system' ? 'health' : tag;
      const file = fileURLToPath(new URL(`../${mod}/${mod}.routes.test.ts`, import.meta.url));
      expect(fs.existsSync(file), file).toBe(true);
      expect(fs.readFileSync(file, 'utf8'), file).toContain(`expectEndpointsCovered(ctx, '${tag}')`);
    }
  });
});
