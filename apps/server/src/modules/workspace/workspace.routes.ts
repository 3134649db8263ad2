import { IdSchema, type IndicatorKey, WorkspaceSummarySchema } from '@dampingan/contracts';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { defineRoute } from '../../http/route.ts';
import { INDICATORS, indicatorValues } from './family-criteria.ts';
import { loadWorkspace } from './workspace-access.ts';

export function workspaceRoutes(deps: { db: Db; clock: () => Date }) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/pairings/:pairingId/workspace',
      tag: 'workspace',
      summary: "A pairing's workspace: what I may do in it and the village's registry indicators now (404 outside my reach)",
      access: 'user',
      params: z.object({ pairingId: IdSchema }),
      response: WorkspaceSummarySchema,
      handler: async ({ actor, params }) => {
        const ws = await loadWorkspace(deps.db, actor, params.pairingId);
        const values = await indicatorValues(deps.db, ws.villageCode);
        const at = deps.clock().toISOString();
        return {
          pairingId: ws.pairingId,
          year: ws.year,
          opdId: ws.opdId,
          opdName: ws.opdName,
          villageCode: ws.villageCode,
          villageName: ws.villageName,
          status: ws.status,
          yearStatus: ws.yearStatus,
          access: { ...ws.access, read: true as const },
          indicators: (Object.keys(INDICATORS) as IndicatorKey[]).map((key) => ({
            key,
            value: values[key],
            unit: 'families' as const,
            villageCode: ws.villageCode,
            at,
            label: INDICATORS[key].label.id,
            labelEn: INDICATORS[key].label.en,
          })),
        };
      },
    }),
  ];
}
