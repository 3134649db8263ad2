import path from 'node:path';
import { createApp, defaultWebDist } from './app.ts';
import { bootstrap } from './bootstrap.ts';
import { type Config, loadConfig } from './config.ts';
import { seedDemo, seedDemoRegistry } from './seed/demo.ts';
import { seedDemoCycle } from './seed/demo-cycle.ts';

/** Starts the HTTP server: the one owner of the embedded database while it runs. */
export async function serve(opts: { demo: boolean; config?: Config; log?: (m: string) => void }) {
  const config = opts.config ?? loadConfig();
  const log = opts.log ?? ((m: string) => console.log(`[dampingan] ${m}`));
  const t0 = performance.now();
  const { database } = await bootstrap(config, 'dampingan server', log);
  const { app, services } = await createApp({
    database,
    scope: config.scope,
    cookieSecure: config.cookieSecure,
    trustProxy: config.trustProxy,
    webDist: defaultWebDist,
    evidenceDir: path.join(config.dataDir, 'evidence'),
    demo: opts.demo,
    logger: process.env.LOG_REQUESTS === 'true',
  });
  if (opts.demo && (await seedDemo(database, services, config.scope))) log('demo accounts and pairings created (see README)');
  if (opts.demo) await seedDemoRegistry(database, config.scope, Number(process.env.DEMO_FAMILIES ?? 10_000), log);
  if (opts.demo && config.scope === '33.75') await seedDemoCycle(database, services, log);
  if ((await services.users.count()) === 0) {
    log('no user exists yet: create the first admin with  npx dampingan admin create --username NAME');
  }
  await app.listen({ port: config.port, host: config.host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  log(
    `ready in ${Math.round(performance.now() - t0)} ms on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port} (${database.engine}: ${database.location}, scope ${config.scope}${opts.demo ? ', demo' : ''})`,
  );
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  return { app, database, port };
}
