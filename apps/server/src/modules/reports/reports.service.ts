/**
 * Monthly reports (laporan bulanan): one per pairing per month, drafted from the month's data,
 * written by the pairing's authors, reviewed by Bappeda admins.
 *   draft|returned --submit--> submitted --accept--> accepted (locked) --unlock(reason)--> returned
 *                              submitted --return(comment)--> returned
 * Edits and re-drafts are allowed only in draft or returned: accepted is locked (423), submitted is
 * with the reviewer (409). Each review step writes a report_events row; every change an audit row.
 */

import { programDate, type Report, type ReportList, type ReportMonthStatus, type ReportPatch } from '@dampingan/contracts';
import type { DbOrTx } from '../../db/client.ts';
import { pgErrorCode, UNIQUE_VIOLATION } from '../../db/errors.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Actor } from '../auth/actor.ts';
import type { WorkspaceModuleDeps } from '../workspace/deps.ts';
import { loadWorkspace, type Workspace } from '../workspace/workspace-access.ts';
import { dueOn, isLate, monthEnd, reportMonths } from './report-months.ts';
import {
  findReport,
  insertEvent,
  insertReport,
  listEvents,
  listReports,
  monthFigures,
  pairingDecreeDate,
  type ReportChange,
  type ReportRow,
  updateReport,
} from './reports.repository.ts';

export type ReportsService = ReturnType<typeof createReportsService>;

const actorId = (a: Actor) => (a.id > 0 ? a.id : null);

const lockedError = () =>
  new AppError('locked', {
    id: 'Laporan ini sudah diterima dan terkunci; admin Bappeda dapat membukanya dengan alasan',
    en: 'This report is accepted and locked; a Bappeda admin can unlock it with a reason',
  });
const withReviewer = () =>
  new AppError('conflict', {
    id: 'Laporan ini sedang ditinjau Bappeda; tunggu diterima atau dikembalikan',
    en: 'This report is with the reviewer; wait until it is accepted or returned',
  });

function snapshot(r: ReportRow) {
  return {
    status: r.status,
    locked: r.locked,
    narrative: r.narrative,
    obstacles: r.obstacles,
    nextSteps: r.next_steps,
    reviewComment: r.review_comment,
  };
}

export function createReportsService(deps: WorkspaceModuleDeps) {
  const { db, audit, clock } = deps;

  async function toReport(tx: DbOrTx, r: ReportRow, today: string): Promise<Report> {
    const events = await listEvents(tx, r.id);
    return {
      id: r.id,
      pairingId: r.pairing_id,
      month: r.month,
      dueOn: dueOn(r.month),
      status: r.status,
      late: isLate(r.status, r.month, today),
      locked: r.locked,
      narrative: r.narrative,
      obstacles: r.obstacles,
      nextSteps: r.next_steps,
      summary: r.summary,
      submittedAt: r.submitted_at,
      submittedBy: r.submitted_by,
      reviewedAt: r.reviewed_at,
      reviewedBy: r.reviewed_by,
      reviewComment: r.review_comment,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      events: events.map((e) => ({
        id: e.id,
        action: e.action,
        comment: e.comment,
        actorId: e.actor_id,
        actorName: e.actor_name,
        at: e.at,
      })),
    };
  }

  async function load(tx: DbOrTx, pairingId: number, reportId: number): Promise<ReportRow> {
    const r = await findReport(tx, pairingId, reportId, true);
    if (!r) throw notFound('Laporan', 'Report', reportId);
    return r;
  }

  /** Only a draft or returned report may be changed by its authors. */
  function assertEditable(r: ReportRow) {
    if (r.status === 'accepted') throw lockedError();
    if (r.status === 'submitted') throw withReviewer();
  }

  /** A review step (return/accept) needs a submitted report. */
  function assertSubmitted(r: ReportRow, what: { id: string; en: string }) {
    if (r.status !== 'submitted')
      throw new AppError('conflict', {
        id: `Hanya laporan yang sudah dikirim yang dapat ${what.id} (status sekarang: ${r.status})`,
        en: `Only a submitted report can be ${what.en} (it is ${r.status})`,
      });
  }

  /** Runs one change of a report in a transaction: gate, lock the row, check, change, event, audit. */
  async function step(
    actor: Actor,
    pairingId: number,
    reportId: number,
    access: 'author' | 'review',
    fn: (tx: DbOrTx, r: ReportRow, ws: Workspace, now: Date) => Promise<{ action: string; reason?: string | null }>,
  ): Promise<Report> {
    const ws = await loadWorkspace(db, actor, pairingId, access);
    const now = clock();
    return db.transaction(async (tx) => {
      const before = await load(tx, pairingId, reportId);
      const { action, reason } = await fn(tx, before, ws, now);
      const after = await load(tx, pairingId, reportId);
      await audit.record(tx, actor, {
        action,
        entityType: 'monthly_report',
        entityId: reportId,
        before: snapshot(before),
        after: { ...snapshot(after), month: after.month, pairingId },
        reason: reason ?? null,
      });
      return toReport(tx, after, programDate(now));
    });
  }

  return {
    async list(actor: Actor, pairingId: number): Promise<ReportList> {
      const ws = await loadWorkspace(db, actor, pairingId, 'read');
      const today = programDate(clock());
      const [decree, reports] = await Promise.all([pairingDecreeDate(db, pairingId), listReports(db, pairingId)]);
      const byMonth = new Map(reports.map((r) => [r.month, r]));
      const months = reportMonths(ws.year, decree, today).map((month) => {
        const r = byMonth.get(month);
        const status: ReportMonthStatus = r?.status ?? 'missing';
        return {
          month,
          dueOn: dueOn(month),
          status,
          late: isLate(status, month, today),
          locked: r?.locked ?? false,
          reportId: r?.id ?? null,
          submittedAt: r?.submitted_at ?? null,
        };
      });
      return { pairingId, dueDay: Number(dueOn('2000-01-01').slice(8)), today, months };
    },

    async get(actor: Actor, pairingId: number, reportId: number): Promise<Report> {
      await loadWorkspace(db, actor, pairingId, 'read');
      const r = await findReport(db, pairingId, reportId);
      if (!r) throw notFound('Laporan', 'Report', reportId);
      return toReport(db, r, programDate(clock()));
    },

    async create(actor: Actor, pairingId: number, month: string): Promise<Report> {
      const ws = await loadWorkspace(db, actor, pairingId, 'author');
      const now = clock();
      const today = programDate(now);
      const allowed = reportMonths(ws.year, await pairingDecreeDate(db, pairingId), today);
      if (!allowed.includes(month)) {
        const future = month > today;
        throw new AppError(
          'validation_failed',
          future
            ? { id: 'Bulan ini belum tiba', en: 'That month has not come yet' }
            : {
                id: `Bulan di luar tahun program ${ws.year} pendampingan ini`,
                en: `The month is outside this pairing's program year ${ws.year}`,
              },
          { issues: [{ path: 'body.month', message: future ? 'Bulan yang akan datang' : `Di luar tahun program ${ws.year}` }] },
        );
      }
      try {
        return await db.transaction(async (tx) => {
          const summary = await monthFigures(tx, pairingId, month, monthEnd(month), now);
          const id = await insertReport(tx, pairingId, month, summary);
          const r = await load(tx, pairingId, id);
          await audit.record(tx, actor, {
            action: 'report.create',
            entityType: 'monthly_report',
            entityId: id,
            after: { ...snapshot(r), month, pairingId, summary },
          });
          return toReport(tx, r, today);
        });
      } catch (err) {
        if (pgErrorCode(err).code === UNIQUE_VIOLATION)
          throw new AppError(
            'conflict',
            { id: `Laporan bulan ${month.slice(0, 7)} sudah ada`, en: `The report for ${month.slice(0, 7)} already exists` },
            { issues: [{ path: 'body.month', message: 'Sudah ada' }] },
          );
        throw err;
      }
    },

    update(actor: Actor, pairingId: number, reportId: number, patch: ReportPatch): Promise<Report> {
      return step(actor, pairingId, reportId, 'author', async (tx, r, _ws, now) => {
        assertEditable(r);
        const change: ReportChange = {};
        if (patch.narrative !== undefined) change.narrative = patch.narrative || null;
        if (patch.obstacles !== undefined) change.obstacles = patch.obstacles || null;
        if (patch.nextSteps !== undefined) change.nextSteps = patch.nextSteps || null;
        await updateReport(tx, r.id, change, now);
        return { action: 'report.update' };
      });
    },

    refresh(actor: Actor, pairingId: number, reportId: number): Promise<Report> {
      return step(actor, pairingId, reportId, 'author', async (tx, r, _ws, now) => {
        assertEditable(r);
        const summary = await monthFigures(tx, pairingId, r.month, monthEnd(r.month), now);
        await updateReport(tx, r.id, { summary }, now);
        return { action: 'report.refresh' };
      });
    },

    submit(actor: Actor, pairingId: number, reportId: number): Promise<Report> {
      return step(actor, pairingId, reportId, 'author', async (tx, r, _ws, now) => {
        assertEditable(r);
        if (!r.narrative?.trim())
          throw new AppError(
            'validation_failed',
            { id: 'Isi narasi kegiatan bulan ini sebelum mengirim', en: "Write the month's narrative before submitting" },
            { issues: [{ path: 'narrative', message: 'Narasi wajib diisi' }] },
          );
        await updateReport(tx, r.id, { status: 'submitted', submittedNow: true, submittedBy: actorId(actor) }, now);
        await insertEvent(tx, r.id, 'submit', null, actorId(actor), now);
        return { action: 'report.submit' };
      });
    },

    returnReport(actor: Actor, pairingId: number, reportId: number, comment: string): Promise<Report> {
      return step(actor, pairingId, reportId, 'review', async (tx, r, _ws, now) => {
        assertSubmitted(r, { id: 'dikembalikan', en: 'returned' });
        await updateReport(tx, r.id, { status: 'returned', reviewedNow: true, reviewedBy: actorId(actor), reviewComment: comment }, now);
        await insertEvent(tx, r.id, 'return', comment, actorId(actor), now);
        return { action: 'report.return', reason: comment };
      });
    },

    accept(actor: Actor, pairingId: number, reportId: number): Promise<Report> {
      return step(actor, pairingId, reportId, 'review', async (tx, r, _ws, now) => {
        assertSubmitted(r, { id: 'diterima', en: 'accepted' });
        await updateReport(
          tx,
          r.id,
          { status: 'accepted', locked: true, reviewedNow: true, reviewedBy: actorId(actor), reviewComment: null },
          now,
        );
        await insertEvent(tx, r.id, 'accept', null, actorId(actor), now);
        return { action: 'report.accept' };
      });
    },

    unlock(actor: Actor, pairingId: number, reportId: number, reason: string): Promise<Report> {
      return step(actor, pairingId, reportId, 'review', async (tx, r, _ws, now) => {
        if (r.status !== 'accepted')
          throw new AppError('conflict', {
            id: 'Hanya laporan yang sudah diterima yang dapat dibuka kuncinya',
            en: 'Only an accepted report can be unlocked',
          });
        await updateReport(tx, r.id, { status: 'returned', locked: false, reviewComment: reason }, now);
        await insertEvent(tx, r.id, 'unlock', reason, actorId(actor), now);
        return { action: 'report.unlock', reason };
      });
    },
  };
}
