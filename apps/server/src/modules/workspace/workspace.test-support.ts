/**
 * Test support for the mentoring-cycle modules (imported only by *.test.ts): a live pairing with
 * every role around it, and named families of its village loaded through the real import pipeline.
 *
 * Tests in one file share a database, and the registry is per village, not per pairing: a test
 * asserts on the families it made (by id) or on differences, never on a village's absolute count.
 */
import path from 'node:path';
import type { Pairing, Role } from '@dampingan/contracts';
import { sql } from 'drizzle-orm';
import { rows } from '../../db/client.ts';
import { TEST_SCOPE } from '../../test/global-setup.ts';
import { actorOf, makeOpd, makePairing, makeProgramYear, type TestContext } from '../../test/harness.ts';
import type { Actor } from '../auth/actor.ts';
import { runImport } from '../registry/registry.import.ts';
import { actorFor, type FamilyInput, familiesCsv, writeTmp } from '../registry/registry.test-support.ts';

export interface Person {
  user: { id: number; username: string; fullName: string; role: Role; opdId: number | null; villageCode: string | null };
  cookie: string;
  actor: Actor;
}

export interface MadeWorkspace {
  pairing: Pairing;
  programYearId: number;
  villageCode: string;
  opdId: number;
  /** a mentor of the pairing's OPD (named coordinator) */
  mentor: Person;
  /** the village's operator */
  operator: Person;
  admin: Person;
  supervisor: Person;
  viewer: Person;
  /** a mentor of another OPD that holds another village in the same year */
  otherMentor: Person;
  otherPairing: Pairing;
}

async function person(ctx: TestContext, role: Role, o: { opdId?: number; villageCode?: string } = {}): Promise<Person> {
  const { user, cookie } = await actorOf(ctx, role, o);
  return { user, cookie, actor: actorFor(user) };
}

/**
 * A live pairing (active program year) of a new OPD with `villageCode`, its people, and another
 * OPD's pairing of `otherVillageCode` in the same year (for "not my workspace" tests).
 */
export async function makeWorkspace(
  ctx: TestContext,
  o: { villageCode?: string; otherVillageCode?: string; year?: number } = {},
): Promise<MadeWorkspace> {
  const villageCode = o.villageCode ?? '33.75.02.1012';
  const otherVillageCode = o.otherVillageCode ?? '33.75.03.1009';
  const { programYearId } = await makeProgramYear(ctx, { year: o.year ?? 2026 });
  const opd = await makeOpd(ctx);
  const mentor = await person(ctx, 'mentor', { opdId: opd.id });
  const operator = await person(ctx, 'operator', { villageCode });
  const pairing = await makePairing(ctx, {
    programYearId,
    opdId: opd.id,
    villageCode,
    mentors: [{ userId: mentor.user.id, role: 'coordinator' }],
  });
  const otherOpd = await makeOpd(ctx);
  const otherMentor = await person(ctx, 'mentor', { opdId: otherOpd.id });
  const otherPairing = await makePairing(ctx, { programYearId, opdId: otherOpd.id, villageCode: otherVillageCode });
  return {
    pairing,
    programYearId,
    villageCode,
    opdId: opd.id,
    mentor,
    operator,
    admin: await person(ctx, 'admin'),
    supervisor: await person(ctx, 'supervisor'),
    viewer: await person(ctx, 'viewer'),
    otherMentor,
    otherPairing,
  };
}

export interface LoadedFamily {
  id: number;
  noKk: string;
  headName: string;
  personIds: number[];
}

/**
 * Loads families through the real import pipeline (a partial snapshot, so other families of the
 * village are not flagged) and returns their database ids in the order given.
 * FamilyInput sets desil, toilet, RT/RW; other registry columns can be set afterwards with SQL.
 */
export async function loadFamilies(ctx: TestContext, families: FamilyInput[], period = '2026-03-31'): Promise<LoadedFamily[]> {
  const { text, families: made } = familiesCsv(families);
  const file = writeTmp('workspace-families.csv', text);
  const summary = await runImport(ctx.database, {
    filePath: file,
    fileName: path.basename(file),
    sourceKind: 'local_survey',
    period,
    fullSnapshot: false,
    scope: TEST_SCOPE,
  });
  if (summary.rejectedRows > 0) throw new Error(`loadFamilies: ${summary.rejectedRows} rows rejected`);
  const out: LoadedFamily[] = [];
  for (const f of made) {
    const [fam] = await rows<{ id: number }>(ctx.database.db, sql`select id from families where no_kk = ${f.noKk}`);
    if (!fam) throw new Error(`loadFamilies: family ${f.noKk} missing`);
    const ps = await rows<{ id: number }>(ctx.database.db, sql`select id from persons where family_id = ${fam.id} order by id`);
    out.push({ id: fam.id, noKk: f.noKk, headName: f.members[0]?.name ?? '', personIds: ps.map((p) => p.id) });
  }
  return out;
}

/** `n` simple families of a village: head + spouse, the given desil and toilet. */
export function simpleFamilies(
  villageCode: string,
  n: number,
  o: { desil?: number; toilet?: string; rw?: string; rt?: string; namePrefix?: string } = {},
): FamilyInput[] {
  return Array.from({ length: n }, (_, i) => ({
    villageCode,
    desil: o.desil ?? 2,
    toilet: o.toilet ?? 'none',
    rw: o.rw ?? '003',
    rt: o.rt ?? '002',
    members: [{ name: `${o.namePrefix ?? 'Kepala Uji'} ${i + 1}` }, { name: `Istri Uji ${i + 1}` }],
  }));
}
