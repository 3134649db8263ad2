/**
 * createApp wires every module once, with plain factories (no DI container):
 * routes -> service -> repository -> db. Tests and main.ts both call it.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Database } from './db/client.ts';
import { pgErrorCode } from './db/errors.ts';
import { AppError, STATUS } from './http/errors.ts';
import { buildOpenApi } from './http/openapi.ts';
import { type RouteRegistry, registerRoutes } from './http/route.ts';
import { assessmentRoutes } from './modules/assessment/assessment.routes.ts';
import { createAssessmentService } from './modules/assessment/assessment.service.ts';
import { attentionRoutes } from './modules/attention/attention.routes.ts';
import { createAttentionService } from './modules/attention/attention.service.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { createAuditService } from './modules/audit/audit.service.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { createAuthService, SESSION_COOKIE } from './modules/auth/auth.service.ts';
import { deliveryRoutes } from './modules/delivery/delivery.routes.ts';
import { createDeliveryService } from './modules/delivery/delivery.service.ts';
import { evaluationRoutes } from './modules/evaluation/evaluation.routes.ts';
import { createEvaluationService } from './modules/evaluation/evaluation.service.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { opdsRoutes } from './modules/opds/opds.routes.ts';
import { createOpdsService } from './modules/opds/opds.service.ts';
import { pairingsRoutes } from './modules/pairings/pairings.routes.ts';
import { createPairingsService } from './modules/pairings/pairings.service.ts';
import { plansRoutes } from './modules/plans/plans.routes.ts';
import { createPlansService } from './modules/plans/plans.service.ts';
import { programsRoutes } from './modules/programs/programs.routes.ts';
import { createProgramsService } from './modules/programs/programs.service.ts';
import { regionsRoutes } from './modules/regions/regions.routes.ts';
import { createRegionsService } from './modules/regions/regions.service.ts';
import { registryRoutes } from './modules/registry/registry.routes.ts';
import { createRegistryService } from './modules/registry/registry.service.ts';
import { reportsRoutes } from './modules/reports/reports.routes.ts';
import { createReportsService } from './modules/reports/reports.service.ts';
import { supervisionRoutes } from './modules/supervision/supervision.routes.ts';
import { createSupervisionService } from './modules/supervision/supervision.service.ts';
import { usersRoutes } from './modules/users/users.routes.ts';
import { createUsersService } from './modules/users/users.service.ts';
import { workspaceRoutes } from './modules/workspace/workspace.routes.ts';

export const VERSION = '0.1.0';

export interface AppDeps {
  database: Database;
  scope: string;
  clock?: () => Date;
  /** true | false | 'auto' (secure when the request came over https, e.g. behind a proxy) */
  cookieSecure?: boolean | 'auto';
  /** Folder of the built web app to serve at `/`; omitted in API-only tests. */
  webDist?: string;
  demo?: boolean;
  logger?: boolean;
  /** Evidence files (photos, documents) of the mentoring cycle, stored by sha256. Default: a temp dir. */
  evidenceDir?: string;
  trustProxy?: boolean;
}

export function createServices(deps: AppDeps) {
  const db = deps.database.db;
  const clock = deps.clock ?? (() => new Date());
  const audit = createAuditService(db);
  const regions = createRegionsService({ db, scope: deps.scope });
  const opds = createOpdsService({ db, audit });
  const users = createUsersService({ db, audit });
  const programs = createProgramsService({ db, audit, scope: deps.scope });
  const pairings = createPairingsService({ db, audit });
  const auth = createAuthService({ db, clock, audit, villageCodesFor: (a) => pairings.villageCodesFor(a) });
  const registry = createRegistryService({
    database: deps.database,
    audit,
    scope: deps.scope,
    villageCodesFor: (a) => pairings.villageCodesFor(a),
  });
  const cycle = {
    db,
    database: deps.database,
    audit,
    clock,
    evidenceDir: deps.evidenceDir ?? path.join(os.tmpdir(), 'dampingan-evidence'),
  };
  const assessment = createAssessmentService(cycle);
  const evaluation = createEvaluationService(cycle);
  const plans = createPlansService(cycle);
  const delivery = createDeliveryService(cycle);
  const reports = createReportsService(cycle);
  const supervision = createSupervisionService(cycle);
  const attention = createAttentionService(cycle);
  return {
    audit,
    regions,
    opds,
    users,
    programs,
    pairings,
    auth,
    registry,
    assessment,
    evaluation,
    plans,
    delivery,
    reports,
    supervision,
    attention,
  };
}
export type Services = ReturnType<typeof createServices>;

export async function createApp(deps: AppDeps): Promise<{ app: FastifyInstance; services: Services; registry: RouteRegistry }> {
  const app = Fastify({ logger: deps.logger ?? false, trustProxy: deps.trustProxy ?? false, bodyLimit: 1024 * 1024 });
  const services = createServices(deps);
  const registry: RouteRegistry = { routes: [] };

  // Boundaries of a province are ~19 MB of GeoJSON; gzip brings that to a few MB.
  await app.register(fastifyCompress, { global: true, threshold: 2048 });
  await app.register(fastifyCookie);
  app.decorateRequest('actor', null);
  // Registry uploads arrive as the raw body; the route streams it to disk (no size limit here:
  // a province file is hundreds of MB).
  app.addContentTypeParser('application/octet-stream', (_req, payload, done) => done(null, payload));
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    req.actor = await services.auth.authenticate(req.cookies[SESSION_COOKIE], req.ip);
  });
  // CSRF: mutations must be JSON (a cross-site form cannot send it without a CORS preflight,
  // which we never grant) on top of the SameSite=Lax session cookie.
  app.addHook('preValidation', async (req) => {
    if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method) && req.url.startsWith('/api/') && req.body !== undefined) {
      const ct = req.headers['content-type'] ?? '';
      if (!ct.startsWith('application/json') && !ct.startsWith('application/octet-stream')) {
        throw new AppError('validation_failed', { id: 'Isi permintaan harus JSON', en: 'Request body must be JSON' });
      }
    }
  });

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof AppError) {
      const details = { ...(err.details ?? {}), messageEn: err.msg.en };
      return reply.status(STATUS[err.code]).send({ error: { code: err.code, message: err.msg.id, details } });
    }
    const e = err as { statusCode?: number; code?: string; message: string };
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      // Fastify's own client errors: malformed JSON, body too large, wrong content type.
      return reply.status(e.statusCode).send({
        error: {
          code: 'validation_failed',
          message: `Permintaan tidak valid: ${e.message}`,
          details: { messageEn: e.message, fastifyCode: e.code },
        },
      });
    }
    const { code } = pgErrorCode(err);
    req.log.error({ err, pgCode: code }, 'unhandled error');
    return reply.status(500).send({
      error: {
        code: 'internal',
        message: 'Terjadi kesalahan di server; sudah dicatat',
        details: { messageEn: 'Server error; it has been logged' },
      },
    });
  });

  const serveWeb = !!deps.webDist && fs.existsSync(path.join(deps.webDist, 'index.html'));
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.url.startsWith('/assets/') || !serveWeb) {
      return reply.status(404).send({
        error: {
          code: 'not_found',
          message: `Alamat ${req.method} ${req.url.split('?')[0]} tidak ada`,
          details: { messageEn: 'No such endpoint' },
        },
      });
    }
    // Single-page app: every other path serves index.html.
    return reply.type('text/html').sendFile('index.html');
  });

  const s = services;
  registerRoutes(app, registry, [
    ...healthRoutes(deps.database, { version: VERSION, scope: deps.scope, demo: deps.demo ?? false }),
    ...authRoutes(s.auth, s.users, deps.cookieSecure ?? 'auto'),
    ...regionsRoutes(s.regions),
    ...opdsRoutes(s.opds),
    ...usersRoutes(s.users),
    ...programsRoutes(s.programs),
    ...pairingsRoutes(s.pairings),
    ...registryRoutes(s.registry),
    ...auditRoutes(s.audit),
    ...workspaceRoutes({ db: deps.database.db, clock: deps.clock ?? (() => new Date()) }),
    ...assessmentRoutes(s.assessment),
    ...evaluationRoutes(s.evaluation),
    ...plansRoutes(s.plans),
    ...deliveryRoutes(s.delivery),
    ...reportsRoutes(s.reports),
    ...supervisionRoutes(s.supervision),
    ...attentionRoutes(s.attention),
  ]);

  const openapi = buildOpenApi(registry, VERSION);
  app.get('/api/openapi.json', async () => openapi);
  const require = createRequire(import.meta.url);
  const swaggerDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  await app.register(fastifyStatic, { root: swaggerDir, prefix: '/api/docs/assets/', decorateReply: false });
  app.get('/api/docs', async (_req, reply) => reply.type('text/html').send(DOCS_HTML));

  if (serveWeb && deps.webDist) {
    await app.register(fastifyStatic, { root: deps.webDist, prefix: '/', wildcard: true, index: ['index.html'] });
  }
  return { app, services, registry };
}

const DOCS_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dampingan API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui' });</script></body></html>`;

export const defaultWebDist = fileURLToPath(new URL('../../web/dist', import.meta.url));
