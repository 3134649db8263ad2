import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { rows } from '../../db/client.ts';
import { defineRoute } from '../../http/route.ts';

export const HealthSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  database: z.object({ engine: z.enum(['pglite', 'pg']), serverVersion: z.string(), regions: z.number().int() }),
  scope: z.string(),
  demo: z.boolean(),
});

export function healthRoutes(database: Database, info: { version: string; scope: string; demo: boolean }) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/health',
      tag: 'system',
      summary: 'Liveness and database check',
      access: 'public',
      response: HealthSchema,
      handler: async () => {
        const [r] = await rows<{ v: string; n: number }>(
          database.db,
          sql`select current_setting('server_version') as v, (select count(*)::int from regions) as n`,
        );
        return {
          status: 'ok' as const,
          version: info.version,
          database: { engine: database.engine, serverVersion: r?.v ?? '?', regions: r?.n ?? 0 },
          scope: info.scope,
          demo: info.demo,
        };
      },
    }),
  ];
}
