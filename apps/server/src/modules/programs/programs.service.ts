import type { Program, ProgramInputSchema, ProgramPatchSchema } from '@dampingan/contracts';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { pgErrorCode, UNIQUE_VIOLATION } from '../../db/errors.ts';
import { pairings } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { isWithin } from '../regions/region-name.ts';
import { findRegion } from '../regions/regions.repository.ts';
import {
  findProgramRow,
  findYearRow,
  insertProgram,
  insertYear,
  listProgramRows,
  listYearsWithCounts,
  opdsWithSeveralVillages,
  type ProgramRow,
  updateProgram,
  updateYearStatus,
} from './programs.repository.ts';

export type ProgramsService = ReturnType<typeof createProgramsService>;

const strip = ({ createdAt: _c, updatedAt: _u, ...rest }: ProgramRow) => rest;

export function createProgramsService(deps: { db: Db; audit: AuditService; scope: string }) {
  const { db, audit, scope } = deps;

  async function assemble(rowsIn: ProgramRow[]): Promise<Program[]> {
    const years = await listYearsWithCounts(
      db,
      rowsIn.map((p) => p.id),
    );
    return rowsIn.map((p) => ({
      id: p.id,
      name: p.name,
      scopeCode: p.scopeCode,
      decreeType: p.decreeType as Program['decreeType'],
      decreeNumber: p.decreeNumber,
      decreeDate: p.decreeDate,
      decreeIssuer: p.decreeIssuer,
      startYear: p.startYear,
      endYear: p.endYear,
      oneVillagePerOpd: p.oneVillagePerOpd,
      years: years
        .filter((y) => y.program_id === p.id)
        .map((y) => ({ id: y.id, year: y.year, status: y.status as 'planned' | 'active' | 'closed', activePairings: y.active_pairings })),
    }));
  }

  async function get(id: number): Promise<Program> {
    const row = await findProgramRow(db, id);
    if (!row) throw notFound('Program', 'Program', id);
    const [p] = await assemble([row]);
    return p as Program;
  }

  return {
    get,
    async list(): Promise<Program[]> {
      return assemble(await listProgramRows(db));
    },
    async create(actor: Actor, input: z.output<typeof ProgramInputSchema>): Promise<Program> {
      const scopeCode = input.scopeCode ?? scope;
      if (!isWithin(scopeCode, scope) || !(await findRegion(db, scopeCode))) {
        throw new AppError(
          'validation_failed',
          {
            id: `Wilayah program ${scopeCode} di luar cakupan ${scope}`,
            en: `Program region ${scopeCode} is outside the deployment scope ${scope}`,
          },
          { issues: [{ path: 'body.scopeCode', message: 'Di luar cakupan' }] },
        );
      }
      const id = await db.transaction(async (tx) => {
        const row = await insertProgram(tx, { ...input, scopeCode, endYear: input.endYear ?? null });
        await audit.record(tx, actor, { action: 'program.create', entityType: 'program', entityId: row.id, after: strip(row) });
        return row.id;
      });
      return get(id);
    },
    async update(actor: Actor, id: number, patch: z.output<typeof ProgramPatchSchema>): Promise<Program> {
      await db.transaction(async (tx) => {
        const before = await findProgramRow(tx, id);
        if (!before) throw notFound('Program', 'Program', id);
        if (patch.endYear != null && patch.endYear < before.startYear) {
          throw new AppError(
            'validation_failed',
            { id: 'Tahun akhir sebelum tahun mulai', en: 'End year is before start year' },
            { issues: [{ path: 'body.endYear', message: 'Sebelum tahun mulai' }] },
          );
        }
        if (patch.oneVillagePerOpd === true && !before.oneVillagePerOpd) {
          const several = await opdsWithSeveralVillages(tx, id);
          if (several.length > 0) {
            const list = several.map((s) => `${s.opd_name} (${s.year}: ${s.n})`).join(', ');
            throw new AppError(
              'conflict',
              { id: `Tidak bisa menerapkan "satu OPD satu kelurahan": ${list}`, en: `Cannot apply "one village per OPD": ${list}` },
              { opds: several },
            );
          }
        }
        const after = await updateProgram(tx, id, patch);
        if (patch.oneVillagePerOpd !== undefined) {
          // keep the database rule in step with the program setting for pairings still active
          await tx.execute(sql`update ${pairings} set exclusive_opd = ${patch.oneVillagePerOpd}
            where program_year_id in (select id from program_years where program_id = ${id})`);
        }
        await audit.record(tx, actor, {
          action: 'program.update',
          entityType: 'program',
          entityId: id,
          before: strip(before),
          after: strip(after),
        });
      });
      return get(id);
    },
    async addYear(actor: Actor, programId: number, input: { year: number; status: 'planned' | 'active' }): Promise<Program> {
      const program = await findProgramRow(db, programId);
      if (!program) throw notFound('Program', 'Program', programId);
      if (input.year < program.startYear || (program.endYear != null && input.year > program.endYear)) {
        throw new AppError(
          'validation_failed',
          {
            id: `Tahun ${input.year} di luar masa program (${program.startYear}–${program.endYear ?? '…'})`,
            en: `Year ${input.year} is outside the program period (${program.startYear}–${program.endYear ?? '…'})`,
          },
          { issues: [{ path: 'body.year', message: 'Di luar masa program' }] },
        );
      }
      try {
        await db.transaction(async (tx) => {
          const y = await insertYear(tx, { programId, year: input.year, status: input.status });
          await audit.record(tx, actor, { action: 'program_year.create', entityType: 'program_year', entityId: y.id, after: y });
        });
      } catch (err) {
        if (pgErrorCode(err).code === UNIQUE_VIOLATION) {
          throw new AppError(
            'conflict',
            { id: `Tahun ${input.year} sudah ada pada program ini`, en: `Year ${input.year} already exists in this program` },
            { issues: [{ path: 'body.year', message: 'Sudah ada' }] },
          );
        }
        throw err;
      }
      return get(programId);
    },
    async setYearStatus(actor: Actor, yearId: number, status: 'planned' | 'active' | 'closed'): Promise<Program> {
      const programId = await db.transaction(async (tx) => {
        const cur = await findYearRow(tx, yearId);
        if (!cur) throw notFound('Tahun program', 'Program year', yearId);
        const after = await updateYearStatus(tx, yearId, status);
        await audit.record(tx, actor, {
          action: 'program_year.status',
          entityType: 'program_year',
          entityId: yearId,
          before: { status: cur.year.status },
          after: { status: after.status },
        });
        return cur.program.id;
      });
      return get(programId);
    },
  };
}
