/**
 * The one gate of every workspace (mentoring-cycle) call: load the pairing, then allow or refuse.
 * 404 when the pairing is outside the actor's reach (existence is not revealed), 403 when they may
 * read it but not do this (e.g. a viewer writing, a mentor approving).
 */
import type { DbOrTx } from '../../db/client.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Actor } from '../auth/actor.ts';
import { type WorkspaceAction, workspaceAccess } from '../pairings/pairing-rules.ts';
import { findPairingView } from '../pairings/pairings.repository.ts';

export interface Workspace {
  pairingId: number;
  programYearId: number;
  year: number;
  opdId: number;
  opdName: string;
  villageCode: string;
  villageName: string;
  status: string;
  yearStatus: string;
  access: Record<WorkspaceAction, boolean>;
}

const REFUSAL: Record<Exclude<WorkspaceAction, 'read'>, { id: string; en: string }> = {
  author: {
    id: 'Hanya pendamping OPD dan operator kelurahan dari pendampingan aktif ini yang dapat mengisi',
    en: "Only this live pairing's OPD mentors and village operator may record this",
  },
  review: { id: 'Hanya admin Bappeda yang dapat meninjau', en: 'Only Bappeda admins may review' },
  supervise: {
    id: 'Hanya admin Bappeda dan pengawas yang dapat mencatat pengawasan',
    en: 'Only Bappeda admins and supervisors may record supervision',
  },
};

export async function loadWorkspace(db: DbOrTx, actor: Actor, pairingId: number, action: WorkspaceAction = 'read'): Promise<Workspace> {
  const row = await findPairingView(db, pairingId);
  const facts = row ? { opdId: row.opd_id, villageCode: row.village_code, status: row.status, yearStatus: row.year_status } : null;
  const access = facts ? workspaceAccess(actor, facts) : null;
  if (!row || !access?.read) throw notFound('Pendampingan', 'Pairing', pairingId);
  if (action !== 'read' && !access[action]) throw new AppError('forbidden', REFUSAL[action]);
  return {
    pairingId: row.id,
    programYearId: row.program_year_id,
    year: row.year,
    opdId: row.opd_id,
    opdName: row.opd_name,
    villageCode: row.village_code,
    villageName: row.village_name,
    status: row.status,
    yearStatus: row.year_status,
    access,
  };
}
