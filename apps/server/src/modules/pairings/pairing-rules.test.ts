import type { MentorRole, Role } from '@dampingan/contracts';
import { describe, expect, it } from 'vitest';
import {
  type ActorFacts,
  canEditPairingProfile,
  canReadPairing,
  isLive,
  type MentorCandidate,
  mentorProblem,
  type PairingFacts,
} from './pairing-rules.ts';

const OPD = 7;
const OTHER_OPD = 8;
const VILLAGE = '33.75.02.1012'; // Kali Baros
const OTHER_VILLAGE = '33.75.01.1002'; // Medono

const pairing = (status: string, yearStatus: string): PairingFacts => ({ opdId: OPD, villageCode: VILLAGE, status, yearStatus });

const PAIRING_STATUSES = ['active', 'ended'] as const;
const YEAR_STATUSES = ['planned', 'active', 'closed'] as const;
const COMBINATIONS = PAIRING_STATUSES.flatMap((status) => YEAR_STATUSES.map((yearStatus) => ({ status, yearStatus })));

/** Every actor shape that matters: each role, linked to this pairing's OPD/village or to another. */
const ACTORS: { label: string; actor: ActorFacts; ownsPairing: boolean }[] = [
  { label: 'admin', actor: { role: 'admin', opdId: null, villageCode: null }, ownsPairing: false },
  { label: 'viewer', actor: { role: 'viewer', opdId: null, villageCode: null }, ownsPairing: false },
  { label: 'mentor of the pairing OPD', actor: { role: 'mentor', opdId: OPD, villageCode: null }, ownsPairing: true },
  { label: 'mentor of another OPD', actor: { role: 'mentor', opdId: OTHER_OPD, villageCode: null }, ownsPairing: false },
  // A mentor row never carries a village; even if one did, the village must not grant access.
  {
    label: 'mentor of another OPD with the village set',
    actor: { role: 'mentor', opdId: OTHER_OPD, villageCode: VILLAGE },
    ownsPairing: false,
  },
  { label: 'operator of the village', actor: { role: 'operator', opdId: null, villageCode: VILLAGE }, ownsPairing: true },
  { label: 'operator of another village', actor: { role: 'operator', opdId: null, villageCode: OTHER_VILLAGE }, ownsPairing: false },
  { label: 'operator with the OPD set', actor: { role: 'operator', opdId: OPD, villageCode: OTHER_VILLAGE }, ownsPairing: false },
];

describe('isLive', () => {
  it.each(COMBINATIONS)('pairing $status in a $yearStatus year', ({ status, yearStatus }) => {
    expect(isLive(pairing(status, yearStatus))).toBe(status === 'active' && yearStatus === 'active');
  });
});

describe('canReadPairing', () => {
  for (const { label, actor, ownsPairing } of ACTORS) {
    it.each(COMBINATIONS)(`${label}: pairing $status, year $yearStatus`, ({ status, yearStatus }) => {
      const p = pairing(status, yearStatus);
      const everything = actor.role === 'admin' || actor.role === 'viewer';
      const expected = everything || (ownsPairing && status === 'active' && yearStatus === 'active');
      expect(canReadPairing(actor, p)).toBe(expected);
    });
  }

  it('a mentor loses access the moment the pairing ends or its year closes', () => {
    const mentor: ActorFacts = { role: 'mentor', opdId: OPD, villageCode: null };
    expect(canReadPairing(mentor, pairing('active', 'active'))).toBe(true);
    expect(canReadPairing(mentor, pairing('ended', 'active'))).toBe(false);
    expect(canReadPairing(mentor, pairing('active', 'closed'))).toBe(false);
    expect(canReadPairing(mentor, pairing('active', 'planned'))).toBe(false);
  });
});

describe('canEditPairingProfile', () => {
  for (const { label, actor, ownsPairing } of ACTORS) {
    it.each(COMBINATIONS)(`${label}: pairing $status, year $yearStatus`, ({ status, yearStatus }) => {
      const p = pairing(status, yearStatus);
      let expected: boolean;
      if (actor.role === 'admin') expected = status === 'active';
      else if (actor.role === 'viewer') expected = false;
      else expected = ownsPairing && status === 'active' && yearStatus === 'active';
      expect(canEditPairingProfile(actor, p)).toBe(expected);
    });
  }

  it('viewers read everything but never write', () => {
    const viewer: ActorFacts = { role: 'viewer', opdId: null, villageCode: null };
    for (const { status, yearStatus } of COMBINATIONS) {
      expect(canReadPairing(viewer, pairing(status, yearStatus))).toBe(true);
      expect(canEditPairingProfile(viewer, pairing(status, yearStatus))).toBe(false);
    }
  });
});

describe('mentorProblem', () => {
  const target = { opdId: OPD, villageCode: VILLAGE };
  const candidate = (role: Role, over: Partial<MentorCandidate> = {}): MentorCandidate => ({
    id: 1,
    role,
    opdId: role === 'mentor' ? OPD : null,
    villageCode: role === 'operator' ? VILLAGE : null,
    active: true,
    ...over,
  });

  const cases: { label: string; user: MentorCandidate; role: MentorRole; ok: boolean; problem?: RegExp }[] = [
    { label: 'OPD staff as coordinator', user: candidate('mentor'), role: 'coordinator', ok: true },
    { label: 'OPD staff as member', user: candidate('mentor'), role: 'member', ok: true },
    { label: 'OPD staff as kelurahan liaison', user: candidate('mentor'), role: 'kelurahan_liaison', ok: false, problem: /operator/ },
    {
      label: 'staff of another OPD as coordinator',
      user: candidate('mentor', { opdId: OTHER_OPD }),
      role: 'coordinator',
      ok: false,
      problem: /staff/,
    },
    {
      label: 'staff of another OPD as member',
      user: candidate('mentor', { opdId: OTHER_OPD }),
      role: 'member',
      ok: false,
      problem: /staff/,
    },
    { label: 'village operator as kelurahan liaison', user: candidate('operator'), role: 'kelurahan_liaison', ok: true },
    {
      label: 'operator of another village as liaison',
      user: candidate('operator', { villageCode: OTHER_VILLAGE }),
      role: 'kelurahan_liaison',
      ok: false,
      problem: /operator/,
    },
    { label: 'village operator as coordinator', user: candidate('operator'), role: 'coordinator', ok: false, problem: /not an OPD mentor/ },
    { label: 'village operator as member', user: candidate('operator'), role: 'member', ok: false, problem: /not an OPD mentor/ },
    { label: 'admin as coordinator', user: candidate('admin'), role: 'coordinator', ok: false, problem: /not an OPD mentor/ },
    { label: 'viewer as member', user: candidate('viewer'), role: 'member', ok: false, problem: /not an OPD mentor/ },
    {
      label: 'admin as liaison',
      user: candidate('admin', { villageCode: VILLAGE }),
      role: 'kelurahan_liaison',
      ok: false,
      problem: /operator/,
    },
    { label: 'inactive OPD staff', user: candidate('mentor', { active: false }), role: 'coordinator', ok: false, problem: /inactive/ },
    {
      label: 'inactive village operator',
      user: candidate('operator', { active: false }),
      role: 'kelurahan_liaison',
      ok: false,
      problem: /inactive/,
    },
  ];

  it.each(cases)('$label', ({ user, role, ok, problem }) => {
    const res = mentorProblem(user, role, target);
    if (ok) {
      expect(res).toBeNull();
    } else {
      expect(res).not.toBeNull();
      expect(res?.en).toMatch(problem ?? /./);
      expect(res?.id.length).toBeGreaterThan(0);
    }
  });
});
