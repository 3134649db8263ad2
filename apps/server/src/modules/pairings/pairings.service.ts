import type { Board, MentorRole, Pairing, PairingInputSchema, PairingProfilePatchSchema } from '@dampingan/contracts';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client.ts';
import { pgErrorCode, UNIQUE_VIOLATION } from '../../db/errors.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { findOpd } from '../opds/opds.repository.ts';
import { findYearRow } from '../programs/programs.repository.ts';
import { isWithin } from '../regions/region-name.ts';
import { findRegion, listVillagesWithin } from '../regions/regions.repository.ts';
import { canEditPairingProfile, canReadPairing, mentorProblem, type PairingFacts } from './pairing-rules.ts';
import {
  activeVillagesOfOpd,
  addMentor,
  currentMentors,
  findActiveHolder,
  findPairingRow,
  findPairingView,
  findUsersForMentoring,
  insertPairing,
  listPairingViews,
  type PairingRow,
  type PairingViewRow,
  removeMentor,
  updatePairing,
} from './pairings.repository.ts';

export type PairingsService = ReturnType<typeof createPairingsService>;

function toPairing(r: PairingViewRow): Pairing {
  return {
    id: r.id,
    programId: r.program_id,
    programYearId: r.program_year_id,
    year: r.year,
    opdId: r.opd_id,
    opdName: r.opd_name,
    opdAbbreviation: r.opd_abbreviation,
    villageCode: r.village_code,
    villageName: r.village_name,
    districtName: r.district_name,
    decreeNumber: r.decree_number,
    decreeDate: r.decree_date,
    continuation: r.continuation,
    status: r.status as Pairing['status'],
    endedOn: r.ended_on,
    endReason: r.end_reason,
    notes: r.notes,
    lurahName: r.lurah_name,
    lurahPhone: r.lurah_phone,
    mentors: r.mentors.map((m) => ({ ...m, role: m.role as MentorRole })),
    createdAt: r.created_at,
  };
}

const facts = (r: PairingViewRow): PairingFacts => ({
  opdId: r.opd_id,
  villageCode: r.village_code,
  status: r.status,
  yearStatus: r.year_status,
});
const strip = ({ createdAt: _c, updatedAt: _u, ...rest }: PairingRow) => rest;

export function createPairingsService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  /** 404, not 403, for a pairing outside the actor's reach: its existence is not theirs to know. */
  async function getVisible(actor: Actor, id: number): Promise<PairingViewRow> {
    const row = await findPairingView(db, id);
    if (!row || !canReadPairing(actor, facts(row))) throw notFound('Pendampingan', 'Pairing', id);
    return row;
  }

  async function conflictFor(tx: DbOrTx, programYearId: number, by: { villageCode?: string; opdId?: number }): Promise<AppError> {
    const holder = await findActiveHolder(tx, programYearId, by);
    if (by.villageCode) {
      const who = holder ? `${holder.opd_name} (SK ${holder.decree_number})` : 'OPD lain';
      return new AppError(
        'conflict',
        {
          id: `Kelurahan ${holder?.village_name ?? by.villageCode} sudah didampingi ${who} pada tahun program ini`,
          en: `Village ${holder?.village_name ?? by.villageCode} is already paired with ${holder?.opd_name ?? 'another OPD'} in this program year`,
        },
        {
          existingPairingId: holder?.id ?? null,
          existingOpdName: holder?.opd_name ?? null,
          issues: [{ path: 'body.villageCode', message: 'Sudah didampingi' }],
        },
      );
    }
    return new AppError(
      'conflict',
      {
        id: `${holder?.opd_name ?? 'OPD ini'} sudah mendampingi ${holder?.village_name ?? 'kelurahan lain'}; program ini menetapkan satu OPD satu kelurahan`,
        en: `${holder?.opd_name ?? 'This OPD'} already mentors ${holder?.village_name ?? 'another village'}; this program allows one village per OPD`,
      },
      { existingPairingId: holder?.id ?? null, issues: [{ path: 'body.opdId', message: 'Sudah mendampingi kelurahan lain' }] },
    );
  }

  async function checkMentors(
    tx: DbOrTx,
    mentors: { userId: number; role: MentorRole }[],
    pairing: { opdId: number; villageCode: string },
  ) {
    const users = await findUsersForMentoring(
      tx,
      mentors.map((m) => m.userId),
    );
    const issues: { path: string; message: string }[] = [];
    mentors.forEach((m, i) => {
      const u = users.find((x) => x.id === m.userId);
      const problem = u
        ? mentorProblem({ id: u.id, role: u.role, opdId: u.opd_id, villageCode: u.village_code, active: u.active }, m.role, pairing)
        : { id: 'pengguna tidak ada', en: 'no such user' };
      if (problem) issues.push({ path: `body.mentors.${i}.userId`, message: `${u?.full_name ?? m.userId}: ${problem.id}` });
    });
    if (new Set(mentors.map((m) => m.userId)).size !== mentors.length)
      issues.push({ path: 'body.mentors', message: 'Pengguna yang sama tercantum dua kali' });
    if (issues.length) {
      throw new AppError(
        'validation_failed',
        { id: `Pendamping tidak valid: ${issues[0]?.message}`, en: `Invalid mentor: ${issues[0]?.message}` },
        { issues },
      );
    }
  }

  return {
    async villageCodesFor(actor: Actor): Promise<string[]> {
      if (actor.role === 'mentor' && actor.opdId) return activeVillagesOfOpd(db, actor.opdId);
      if (actor.role === 'operator' && actor.villageCode) return [actor.villageCode];
      return [];
    },

    async get(actor: Actor, id: number): Promise<Pairing> {
      return toPairing(await getVisible(actor, id));
    },

    async list(actor: Actor, f: { programYearId?: number; status: 'active' | 'ended' | 'all'; opdId?: number }): Promise<Pairing[]> {
      if (actor.role === 'admin' || actor.role === 'viewer' || actor.role === 'supervisor')
        return (await listPairingViews(db, f)).map(toPairing);
      // Mentors and operators: only live pairings they belong to, whatever filter they send;
      // ended ones are out of their reach, so asking for those finds none.
      if (f.status === 'ended') return [];
      const all = await listPairingViews(db, {
        ...f,
        status: 'active',
        ...(actor.role === 'mentor' ? { opdId: actor.opdId ?? -1 } : { villageCodes: [actor.villageCode ?? ''] }),
      });
      return all.filter((r) => canReadPairing(actor, facts(r))).map(toPairing);
    },

    async board(programYearId: number): Promise<Board> {
      const y = await findYearRow(db, programYearId);
      if (!y) throw notFound('Tahun program', 'Program year', programYearId);
      const [villages, active] = await Promise.all([
        listVillagesWithin(db, y.program.scopeCode),
        listPairingViews(db, { programYearId, status: 'active' }),
      ]);
      const byVillage = new Map(active.map((p) => [p.village_code, p]));
      const rows = villages.map((v) => {
        const p = byVillage.get(v.code);
        return {
          villageCode: v.code,
          villageName: v.name,
          villageType: v.type,
          districtCode: v.district_code,
          districtName: v.district_name,
          pairing: p
            ? {
                id: p.id,
                opdId: p.opd_id,
                opdName: p.opd_name,
                opdAbbreviation: p.opd_abbreviation,
                continuation: p.continuation,
                decreeNumber: p.decree_number,
              }
            : null,
        };
      });
      return {
        programYearId,
        year: y.year.year,
        scopeCode: y.program.scopeCode,
        total: rows.length,
        paired: rows.filter((r) => r.pairing).length,
        rows,
      };
    },

    async create(actor: Actor, programYearId: number, input: z.output<typeof PairingInputSchema>): Promise<Pairing> {
      const y = await findYearRow(db, programYearId);
      if (!y) throw notFound('Tahun program', 'Program year', programYearId);
      if (y.year.status === 'closed') {
        throw new AppError('conflict', { id: `Tahun program ${y.year.year} sudah ditutup`, en: `Program year ${y.year.year} is closed` });
      }
      const opd = await findOpd(db, input.opdId);
      if (!opd)
        throw new AppError(
          'validation_failed',
          { id: `OPD ${input.opdId} tidak ada`, en: `OPD ${input.opdId} does not exist` },
          { issues: [{ path: 'body.opdId', message: 'OPD tidak ada' }] },
        );
      if (!opd.opd.active)
        throw new AppError(
          'validation_failed',
          { id: `${opd.opd.name} sudah nonaktif`, en: `${opd.opd.name} is inactive` },
          { issues: [{ path: 'body.opdId', message: 'OPD nonaktif' }] },
        );
      const village = await findRegion(db, input.villageCode);
      if (village?.level !== 4 || !isWithin(input.villageCode, y.program.scopeCode)) {
        throw new AppError(
          'validation_failed',
          {
            id: `${input.villageCode} bukan kelurahan/desa dalam wilayah program (${y.program.scopeCode})`,
            en: `${input.villageCode} is not a village inside the program region (${y.program.scopeCode})`,
          },
          { issues: [{ path: 'body.villageCode', message: 'Bukan kelurahan dalam cakupan' }] },
        );
      }
      let id: number;
      try {
        id = await db.transaction(async (tx) => {
          // A friendly early refusal; the partial unique indexes are the real guarantee under races.
          if (await findActiveHolder(tx, programYearId, { villageCode: input.villageCode }))
            throw await conflictFor(tx, programYearId, { villageCode: input.villageCode });
          if (y.program.oneVillagePerOpd && (await findActiveHolder(tx, programYearId, { opdId: input.opdId })))
            throw await conflictFor(tx, programYearId, { opdId: input.opdId });
          await checkMentors(tx, input.mentors, { opdId: input.opdId, villageCode: input.villageCode });
          const row = await insertPairing(tx, {
            programYearId,
            opdId: input.opdId,
            villageCode: input.villageCode,
            decreeNumber: input.decreeNumber,
            decreeDate: input.decreeDate,
            continuation: input.continuation,
            exclusiveOpd: y.program.oneVillagePerOpd,
            createdBy: actor.id > 0 ? actor.id : null,
          });
          for (const m of input.mentors) await addMentor(tx, row.id, m.userId, m.role);
          await audit.record(tx, actor, {
            action: 'pairing.create',
            entityType: 'pairing',
            entityId: row.id,
            after: { ...strip(row), mentors: input.mentors },
          });
          return row.id;
        });
      } catch (err) {
        const { code, constraint } = pgErrorCode(err);
        if (code === UNIQUE_VIOLATION && constraint?.startsWith('pairings_')) {
          throw await conflictFor(
            db,
            programYearId,
            constraint === 'pairings_one_village_per_opd_uq' ? { opdId: input.opdId } : { villageCode: input.villageCode },
          );
        }
        throw err;
      }
      return toPairing((await findPairingView(db, id)) as PairingViewRow);
    },

    /** Pairings are never deleted: they end, with a date and a reason. */
    async end(actor: Actor, id: number, input: { reason: string; endedOn: string }): Promise<Pairing> {
      await db.transaction(async (tx) => {
        const before = await findPairingRow(tx, id);
        if (!before) throw notFound('Pendampingan', 'Pairing', id);
        if (before.status !== 'active')
          throw new AppError('conflict', { id: 'Pendampingan ini sudah berakhir', en: 'This pairing has already ended' });
        if (input.endedOn < before.decreeDate) {
          throw new AppError(
            'validation_failed',
            { id: 'Tanggal berakhir sebelum tanggal SK', en: 'End date is before the decree date' },
            { issues: [{ path: 'body.endedOn', message: 'Sebelum tanggal SK' }] },
          );
        }
        const after = await updatePairing(tx, id, { status: 'ended', endedOn: input.endedOn, endReason: input.reason });
        await audit.record(tx, actor, {
          action: 'pairing.end',
          entityType: 'pairing',
          entityId: id,
          before: strip(before),
          after: strip(after),
          reason: input.reason,
        });
      });
      return toPairing((await findPairingView(db, id)) as PairingViewRow);
    },

    async setMentors(actor: Actor, id: number, mentors: { userId: number; role: MentorRole }[]): Promise<Pairing> {
      await db.transaction(async (tx) => {
        const p = await findPairingRow(tx, id);
        if (!p) throw notFound('Pendampingan', 'Pairing', id);
        if (p.status !== 'active') throw new AppError('conflict', { id: 'Pendampingan sudah berakhir', en: 'The pairing has ended' });
        await checkMentors(tx, mentors, { opdId: p.opdId, villageCode: p.villageCode });
        const before = await currentMentors(tx, id);
        for (const cur of before) {
          const keep = mentors.find((m) => m.userId === cur.userId && m.role === cur.role);
          if (!keep) await removeMentor(tx, cur.id);
        }
        for (const m of mentors) {
          if (!before.find((c) => c.userId === m.userId && c.role === m.role)) await addMentor(tx, id, m.userId, m.role);
        }
        await audit.record(tx, actor, {
          action: 'pairing.mentors',
          entityType: 'pairing',
          entityId: id,
          before: before.map(({ userId, role }) => ({ userId, role })),
          after: mentors,
        });
      });
      return toPairing((await findPairingView(db, id)) as PairingViewRow);
    },

    async updateProfile(actor: Actor, id: number, patch: z.output<typeof PairingProfilePatchSchema>): Promise<Pairing> {
      const view = await getVisible(actor, id);
      if (!canEditPairingProfile(actor, facts(view)))
        throw forbidden('Anda hanya dapat membaca pendampingan ini', 'You may only read this pairing');
      await db.transaction(async (tx) => {
        const before = await findPairingRow(tx, id);
        if (!before) throw notFound('Pendampingan', 'Pairing', id);
        const after = await updatePairing(tx, id, patch);
        await audit.record(tx, actor, {
          action: 'pairing.profile',
          entityType: 'pairing',
          entityId: id,
          before: { lurahName: before.lurahName, lurahPhone: before.lurahPhone, notes: before.notes },
          after: { lurahName: after.lurahName, lurahPhone: after.lurahPhone, notes: after.notes },
        });
      });
      return toPairing((await findPairingView(db, id)) as PairingViewRow);
    },
  };
}
