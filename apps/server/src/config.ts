import path from 'node:path';
import { RegionCodeSchema } from '@dampingan/contracts';

export interface Config {
  port: number;
  host: string;
  /** PGlite data directory (used when databaseUrl is empty). */
  dataDir: string;
  databaseUrl: string | undefined;
  scope: string;
  cookieSecure: boolean | 'auto';
  trustProxy: boolean;
}

/** Reads the environment once. Every setting is documented in README.md (Configuration). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const scope = env.SCOPE ?? '33.75';
  if (!RegionCodeSchema.safeParse(scope).success || scope.split('.').length > 3) {
    throw new Error(`SCOPE must be a province, kabupaten/kota or kecamatan code such as 33 or 33.75 (got "${scope}")`);
  }
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number (got "${env.PORT}")`);
  const secure = env.COOKIE_SECURE ?? 'auto';
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    scope,
    cookieSecure: secure === 'true' ? true : secure === 'false' ? false : 'auto',
    trustProxy: env.TRUST_PROXY === 'true',
  };
}
