/**
 * Pure rules of pairing and access, kept apart from SQL so they are unit-tested directly.
 * Access follows the pairing: a mentor works on the villages their OPD holds through an
 * active pairing in an active program year; an operator on their own village.
 */
import type { MentorRole, Role } from '@dampingan/contracts';

export interface PairingFacts {
  opdId: number;
  villageCode: string;
  status: string;
  yearStatus: string;
}

export interface ActorFacts {
  role: Role;
  opdId: number | null;
  villageCode: string | null;
}

export function isLive(p: PairingFacts): boolean {
  return p.status === 'active' && p.yearStatus === 'active';
}

/** May the actor see this pairing at all? (admin and viewer see everything) */
export function canReadPairing(a: ActorFacts, p: PairingFacts): boolean {
  if (a.role === 'admin' || a.role === 'viewer' || a.role === 'supervisor') return true;
  if (!isLive(p)) return false;
  if (a.role === 'mentor') return a.opdId === p.opdId;
  if (a.role === 'operator') return a.villageCode === p.villageCode;
  return false;
}

/** May the actor edit the pairing's working profile (lurah contact, notes)? Viewers never write. */
export function canEditPairingProfile(a: ActorFacts, p: PairingFacts): boolean {
  if (a.role === 'admin') return p.status === 'active';
  if (a.role === 'viewer' || a.role === 'supervisor') return false;
  return canReadPairing(a, p);
}

export interface MentorCandidate {
  id: number;
  role: string;
  opdId: number | null;
  villageCode: string | null;
  active: boolean;
}

/** Why a user cannot take a mentor role on a pairing, or null when they can. */
export function mentorProblem(
  u: MentorCandidate,
  role: MentorRole,
  pairing: { opdId: number; villageCode: string },
): { id: string; en: string } | null {
  if (!u.active) return { id: 'pengguna nonaktif', en: 'user is inactive' };
  if (role === 'kelurahan_liaison') {
    if (u.role === 'operator' && u.villageCode === pairing.villageCode) return null;
    return { id: 'penghubung kelurahan harus operator kelurahan itu', en: 'a kelurahan liaison must be an operator of that village' };
  }
  if (u.role !== 'mentor') return { id: 'bukan pendamping OPD', en: 'not an OPD mentor' };
  if (u.opdId !== pairing.opdId) return { id: 'bukan pegawai OPD pendamping ini', en: 'not staff of the pairing OPD' };
  return null;
}

export type WorkspaceAction = 'read' | 'author' | 'review' | 'supervise';

/**
 * What the actor may do in a pairing's workspace (the mentoring cycle). Authors are the pairing's
 * OPD mentors and its village operator while the pairing is live; Bappeda admins review (and never
 * approve their own authoring: they do not author); admins and supervisors supervise; viewers read.
 */
export function workspaceAccess(a: ActorFacts, p: PairingFacts): Record<WorkspaceAction, boolean> {
  const read = canReadPairing(a, p);
  const author =
    read && isLive(p) && ((a.role === 'mentor' && a.opdId === p.opdId) || (a.role === 'operator' && a.villageCode === p.villageCode));
  return {
    read,
    author,
    review: read && a.role === 'admin',
    supervise: read && (a.role === 'admin' || a.role === 'supervisor'),
  };
}
