import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type {
  FamilyDetail,
  FamilyListItem,
  FamilySearchQuery,
  ImportSummary,
  ImportView,
  PersonView,
  SourceKind,
  ValueSource,
} from '@dampingan/contracts';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { rows } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { csvLine } from '../../lib/csv.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { maskId, maskName } from './masking.ts';
import { type ImportOptions, ImportRejected, runImport } from './registry.import.ts';
import {
  findFamily,
  findPerson,
  findSnapshot,
  listImportSources,
  listMembers,
  listSnapshots,
  searchFamilies,
  type VillageFilter,
  villageStats,
} from './registry.repository.ts';
import { FAMILY_FIELDS, type FieldDef, PERSON_FIELDS } from './registry-fields.ts';

export type RegistryService = ReturnType<typeof createRegistryService>;

export function createRegistryService(deps: {
  database: Database;
  audit: AuditService;
  scope: string;
  villageCodesFor: (actor: Actor) => Promise<string[]>;
}) {
  const { database, audit, scope } = deps;
  const db = database.db;
  const running = new Map<number, Promise<ImportSummary>>();

  /** Named registry data: admin sees the scope; mentors and operators their villages; viewers none. */
  async function villagesFor(actor: Actor): Promise<VillageFilter> {
    if (actor.role === 'admin') return null;
    if (actor.role === 'viewer' || actor.role === 'supervisor')
      throw forbidden('Peran pimpinan hanya melihat angka agregat, bukan nama', 'Viewers see aggregates only, not names');
    return deps.villageCodesFor(actor);
  }

  async function visibleFamily(actor: Actor, id: number) {
    const villages = await villagesFor(actor);
    const f = await findFamily(db, id);
    if (!f || (villages !== null && !villages.includes(f.village_code))) throw notFound('Keluarga', 'Family', id);
    return f;
  }

  /**
   * field -> import for one row: its provenance entries (the imports that changed a value), and
   * for every other value the import that inserted the row (decision 0007).
   */
  const provenanceOf = (row: Record<string, unknown> & { provenance: Record<string, number> }, defs: readonly FieldDef[]) => {
    const out: Record<string, number> = {};
    const first = row.first_import_id;
    if (typeof first === 'number') for (const d of defs) if (row[d.column] !== null && row[d.column] !== undefined) out[d.field] = first;
    return Object.assign(out, row.provenance);
  };

  async function sourcesOf(provenances: Record<string, number>[]): Promise<Map<number, ValueSource>> {
    const ids = [...new Set(provenances.flatMap((p) => Object.values(p)))];
    const list = await listImportSources(db, ids);
    return new Map(
      list.map((i) => [
        i.id,
        { importId: i.id, sourceKind: i.source_kind as SourceKind, datasetLabel: i.dataset_label, period: i.period, fileName: i.file_name },
      ]),
    );
  }

  const withSources = (prov: Record<string, number>, map: Map<number, ValueSource>) =>
    Object.fromEntries(Object.entries(prov).flatMap(([k, id]) => (map.has(id) ? [[k, map.get(id) as ValueSource]] : [])));

  return {
    async search(actor: Actor, q: FamilySearchQuery) {
      const villages = await villagesFor(actor);
      const res = await searchFamilies(db, q, villages);
      const items: FamilyListItem[] = res.items.map((f) => ({
        id: f.id,
        noKkMasked: maskId(f.no_kk) as string,
        headName: f.head_name,
        villageCode: f.village_code,
        villageName: f.village_name,
        rt: f.rt,
        rw: f.rw,
        address: f.address,
        desil: f.desil,
        members: f.members,
        toilet: f.toilet,
        status: f.status as FamilyListItem['status'],
        reviewReason: f.review_reason,
        synthetic: f.synthetic,
      }));
      return { items, total: res.total, totalCapped: res.totalCapped, limit: q.limit, offset: q.offset };
    },

    async getFamily(actor: Actor, id: number): Promise<FamilyDetail> {
      const f = await visibleFamily(actor, id);
      const members = await listMembers(db, id);
      const snaps = await listSnapshots(db, id);
      const famProvenance = provenanceOf(f, FAMILY_FIELDS);
      const memberProvenance = new Map(members.map((m) => [m.id, provenanceOf(m, PERSON_FIELDS)]));
      const map = await sourcesOf([famProvenance, ...memberProvenance.values()]);
      const fields = Object.fromEntries(FAMILY_FIELDS.map((d) => [d.field, f[d.column] ?? null]));
      const personView = (m: Record<string, unknown> & { provenance: Record<string, number> }): PersonView => ({
        id: m.id as number,
        nikMasked: maskId(m.nik as string) as string,
        name: m.name as string,
        sex: (m.sex as PersonView['sex']) ?? null,
        birthDate: (m.birth_date_s as string | null) ?? null,
        birthPlace: (m.birth_place as string | null) ?? null,
        relationship: (m.relationship as PersonView['relationship']) ?? null,
        motherNameMasked: maskName((m.mother_name as string | null) ?? null),
        education: (m.education as string | null) ?? null,
        schoolParticipation: (m.school_participation as string | null) ?? null,
        workStatus: (m.work_status as string | null) ?? null,
        disabilities: (m.disabilities as string[] | null) ?? null,
        chronicIllness: (m.chronic_illness as boolean | null) ?? null,
        jkn: (m.jkn as string | null) ?? null,
        nutritionStatus: (m.nutrition_status as string | null) ?? null,
        personPrograms: (m.person_programs as string[] | null) ?? null,
        status: m.status as PersonView['status'],
        statusDate: (m.status_date_s as string | null) ?? null,
        statusReason: (m.status_reason as string | null) ?? null,
        reviewReason: (m.review_reason as string | null) ?? null,
        sources: withSources(memberProvenance.get(m.id as number) ?? {}, map),
      });
      return {
        id: f.id,
        noKkMasked: maskId(f.no_kk) as string,
        villageCode: f.village_code,
        villageName: f.village_name as string,
        districtName: f.district_name as string,
        sourceKind: f.source_kind as SourceKind,
        sourceId: (f.source_id as string | null) ?? null,
        synthetic: f.synthetic as boolean,
        status: f.status as FamilyDetail['status'],
        statusDate: (f.status_date_s as string | null) ?? null,
        statusReason: (f.status_reason as string | null) ?? null,
        reviewReason: (f.review_reason as string | null) ?? null,
        fields,
        sources: withSources(famProvenance, map),
        members: members.map(personView),
        desilHistory: snaps.map((s) => ({
          period: s.period,
          desil: s.desil,
          sourceKind: s.source_kind as SourceKind,
          importId: s.import_id,
        })),
        snapshots: snaps.map((s) => ({ id: s.id, period: s.period, importId: s.import_id, sourceKind: s.source_kind as SourceKind })),
      };
    },

    /** The family as one import saw it, identifiers masked. */
    async getSnapshot(actor: Actor, snapshotId: number) {
      const s = await findSnapshot(db, snapshotId);
      if (!s) throw notFound('Snapshot', 'Snapshot', snapshotId);
      await visibleFamily(actor, s.family_id);
      const data = { ...s.data };
      if (Array.isArray(data.members)) {
        data.members = (data.members as Record<string, unknown>[]).map((m) => ({
          ...m,
          nik: maskId((m.nik as string) ?? null),
          motherName: maskName((m.motherName as string) ?? null),
        }));
      }
      return {
        id: s.id,
        familyId: s.family_id,
        period: s.period,
        importId: s.import_id,
        sourceKind: s.source_kind as SourceKind,
        desil: s.desil,
        data,
      };
    },

    async revealFamilyKk(actor: Actor, familyId: number, reason: string) {
      const f = await visibleFamily(actor, familyId);
      await database.db.transaction(async (tx) => {
        await audit.record(tx, actor, {
          action: 'registry.reveal',
          entityType: 'family',
          entityId: familyId,
          after: { field: 'noKk' },
          reason,
        });
      });
      return { field: 'noKk', value: f.no_kk };
    },

    async revealPerson(actor: Actor, personId: number, field: 'nik' | 'motherName', reason: string) {
      const p = await findPerson(db, personId);
      if (!p) throw notFound('Anggota keluarga', 'Person', personId);
      await visibleFamily(actor, p.family_id);
      await database.db.transaction(async (tx) => {
        await audit.record(tx, actor, { action: 'registry.reveal', entityType: 'person', entityId: personId, after: { field }, reason });
      });
      return { field, value: field === 'nik' ? p.nik : p.mother_name };
    },

    async setFamilyStatus(actor: Actor, familyId: number, input: { status: string; date: string; reason: string }) {
      const f = await visibleFamily(actor, familyId);
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`update families set status = ${input.status}, status_date = ${input.date}, status_reason = ${input.reason},
          review_reason = null, updated_at = now() where id = ${familyId}`);
        await audit.record(tx, actor, {
          action: 'family.status',
          entityType: 'family',
          entityId: familyId,
          before: { status: f.status, statusDate: f.status_date_s, reviewReason: f.review_reason },
          after: { status: input.status, statusDate: input.date },
          reason: input.reason,
        });
      });
      return this.getFamily(actor, familyId);
    },

    async setPersonStatus(actor: Actor, personId: number, input: { status: string; date: string; reason: string }) {
      const p = await findPerson(db, personId);
      if (!p) throw notFound('Anggota keluarga', 'Person', personId);
      await visibleFamily(actor, p.family_id);
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`update persons set status = ${input.status}, status_date = ${input.date}, status_reason = ${input.reason},
          review_reason = null, updated_at = now() where id = ${personId}`);
        await audit.record(tx, actor, {
          action: 'person.status',
          entityType: 'person',
          entityId: personId,
          before: { status: p.status },
          after: { status: input.status, statusDate: input.date },
          reason: input.reason,
        });
      });
      return this.getFamily(actor, p.family_id);
    },

    async stats(actor: Actor) {
      const villages =
        actor.role === 'admin' || actor.role === 'viewer' || actor.role === 'supervisor' ? null : await deps.villageCodesFor(actor);
      const list = await villageStats(db, scope, villages);
      return {
        villages: list.map((v) => ({
          villageCode: v.village_code,
          villageName: v.village_name,
          families: v.families,
          persons: v.persons,
          byDesil: v.by_desil,
          noOwnToilet: v.no_own_toilet,
        })),
        synthetic: list.some((v) => v.synthetic),
      };
    },

    /** Bulk export of names: admin only, audited with a reason. NIK and No KK stay masked unless `reveal`. */
    async exportCsv(actor: Actor, q: Omit<FamilySearchQuery, 'limit' | 'offset'>, reason: string): Promise<string> {
      if (actor.role !== 'admin') throw forbidden();
      let out = '\ufeffno_kk,nama_kepala,kode_kelurahan,kelurahan,rt,rw,alamat,desil,anggota,jamban,status\n';
      let offset = 0;
      let n = 0;
      for (;;) {
        const page = await searchFamilies(db, { ...q, limit: 100, offset }, null);
        for (const f of page.items) {
          out += csvLine([
            maskId(f.no_kk),
            f.head_name,
            f.village_code,
            f.village_name,
            f.rt,
            f.rw,
            f.address,
            f.desil,
            f.members,
            f.toilet,
            f.status,
          ]);
          n++;
        }
        if (page.items.length < 100 || offset >= 100_000) break;
        offset += 100;
      }
      await database.db.transaction(async (tx) => {
        await audit.record(tx, actor, {
          action: 'registry.export',
          entityType: 'registry',
          entityId: 'families',
          after: { rows: n, filter: q },
          reason,
        });
      });
      return out;
    },

    // ---- imports ------------------------------------------------------------------------------

    /** Receives an uploaded file, starts the pipeline in the background, answers with the import id. */
    async startImport(
      actor: Actor,
      body: Readable,
      q: {
        fileName: string;
        sourceKind: SourceKind;
        period: string;
        datasetLabel?: string;
        dryRun?: boolean;
        fullSnapshot?: boolean;
        mappingId?: number;
      },
    ) {
      const dir = path.join(os.tmpdir(), 'dampingan-uploads');
      await fs.promises.mkdir(dir, { recursive: true });
      const file = path.join(dir, `${Date.now()}-${randomBytes(6).toString('hex')}`);
      try {
        await pipeline(body, fs.createWriteStream(file));
      } catch {
        await fs.promises.rm(file, { force: true });
        throw new AppError('validation_failed', {
          id: 'Unggahan terputus sebelum selesai; kirim ulang berkasnya',
          en: 'The upload was interrupted; send the file again',
        });
      }
      if ((await fs.promises.stat(file)).size === 0) {
        await fs.promises.rm(file, { force: true });
        throw new AppError('validation_failed', { id: 'Berkas kosong', en: 'The file is empty' });
      }
      let mapping: Record<string, string | null> | null = null;
      if (q.mappingId) {
        const [m] = await rows<{ columns: Record<string, string | null> }>(
          db,
          sql`select columns from import_mappings where id = ${q.mappingId}`,
        );
        if (!m) {
          // the upload holds NIKs and names: never leave it behind when the import does not start
          await fs.promises.rm(file, { force: true });
          throw notFound('Pemetaan kolom', 'Column mapping', q.mappingId);
        }
        mapping = m.columns;
      }
      const opts: ImportOptions = {
        filePath: file,
        fileName: q.fileName,
        sourceKind: q.sourceKind,
        period: q.period,
        datasetLabel: q.datasetLabel ?? null,
        dryRun: q.dryRun ?? false,
        fullSnapshot: q.fullSnapshot ?? true,
        mapping,
        startedBy: actor.id,
        scope,
      };
      const importId = await new Promise<number>((resolve, reject) => {
        const job: Promise<ImportSummary> = runImport(database, {
          ...opts,
          onStarted: (id) => {
            running.set(id, job);
            resolve(id);
          },
        });
        job
          .then(async (summary) => {
            await database.db.transaction(async (tx) => {
              await audit.record(tx, actor, {
                action: summary.dryRun ? 'registry.import_dry_run' : 'registry.import',
                entityType: 'registry_import',
                entityId: summary.importId ?? 0,
                after: summary,
              });
            });
          })
          .catch((err) => {
            // Before the record exists this rejects the request; after, the record says `failed`.
            if (!(err instanceof ImportRejected)) console.error('[dampingan] import failed', err);
            reject(err);
          })
          .finally(() => fs.promises.rm(file, { force: true }));
      });
      return this.getImport(actor, importId);
    },

    async listImports(_actor: Actor, limit = 50): Promise<ImportView[]> {
      const list = await rows<Record<string, unknown>>(db, sql`${importSelect} order by i.id desc limit ${limit}`);
      return list.map(toImportView);
    },

    async getImport(_actor: Actor, id: number): Promise<ImportView> {
      const [r] = await rows<Record<string, unknown>>(db, sql`${importSelect} where i.id = ${id}`);
      if (!r) throw notFound('Impor', 'Import', id);
      return toImportView(r);
    },

    async listIssues(actor: Actor, id: number, q: { limit: number; offset: number }) {
      await this.getImport(actor, id);
      const items = await rows<{
        row: number;
        column: string;
        field: string | null;
        value: string;
        code: string;
        severity: string;
        message: string;
        message_en: string;
      }>(
        db,
        sql`select row, "column", field, value, code, severity, message, message_en from registry_import_issues
            where import_id = ${id} order by row, id limit ${q.limit} offset ${q.offset}`,
      );
      const [c] = await rows<{ n: number }>(db, sql`select count(*)::int as n from registry_import_issues where import_id = ${id}`);
      return {
        items: items.map((i) => ({
          row: i.row,
          column: i.column,
          field: i.field,
          value: i.value,
          code: i.code,
          severity: i.severity,
          message: i.message,
          messageEn: i.message_en,
        })),
        total: c?.n ?? 0,
        limit: q.limit,
        offset: q.offset,
      };
    },

    /** The error report as CSV (UTF-8 with BOM, so Excel shows Indonesian text right). */
    async issuesCsv(actor: Actor, id: number): Promise<string> {
      await this.getImport(actor, id);
      const list = await rows<Record<string, string | number | null>>(
        db,
        sql`select row, "column", value, code, severity, message, message_en from registry_import_issues where import_id = ${id} order by row, id`,
      );
      return `\ufeffbaris_row,kolom_column,nilai_value,kode_code,tingkat_severity,pesan,message\n${list
        .map((i) => csvLine([i.row, i.column, i.value, i.code, i.severity, i.message, i.message_en]))
        .join('')}`;
    },

    async waitForImport(id: number): Promise<void> {
      await running.get(id)?.catch(() => undefined);
    },

    async listMappings() {
      const list = await rows<{ id: number; name: string; source_kind: string; columns: Record<string, string | null> }>(
        db,
        sql`select id, name, source_kind, columns from import_mappings order by name`,
      );
      return list.map((m) => ({ id: m.id, name: m.name, sourceKind: m.source_kind as SourceKind, columns: m.columns }));
    },

    async createMapping(actor: Actor, input: { name: string; sourceKind: SourceKind; columns: Record<string, string | null> }) {
      const dup = await rows<{ id: number }>(db, sql`select id from import_mappings where lower(name) = lower(${input.name})`);
      if (dup.length)
        throw new AppError('conflict', { id: `Pemetaan "${input.name}" sudah ada`, en: `Mapping "${input.name}" already exists` });
      const [m] = await rows<{ id: number }>(
        db,
        sql`insert into import_mappings (name, source_kind, columns, created_by) values (${input.name}, ${input.sourceKind}, ${JSON.stringify(input.columns)}::jsonb, ${actor.id}) returning id`,
      );
      await database.db.transaction(async (tx) => {
        await audit.record(tx, actor, {
          action: 'import_mapping.create',
          entityType: 'import_mapping',
          entityId: m?.id ?? 0,
          after: input,
        });
      });
      return { id: m?.id ?? 0, ...input };
    },
  };
}

const importSelect = sql`select i.id, i.source_kind, i.dataset_label, to_char(i.period, 'YYYY-MM-DD') as period, i.file_name, i.file_bytes,
    i.status, i.phase, i.dry_run, i.synthetic, i.bytes_read, i.rows_read, i.rejected_rows, i.counts, i.error,
    u.full_name as started_by_name, i.started_at::text as started_at, i.finished_at::text as finished_at
  from registry_imports i left join users u on u.id = i.started_by`;

function toImportView(r: Record<string, unknown>): ImportView {
  const counts = r.counts as ImportView['counts'];
  return {
    id: r.id as number,
    sourceKind: r.source_kind as SourceKind,
    datasetLabel: (r.dataset_label as string | null) ?? null,
    period: r.period as string,
    fileName: r.file_name as string,
    fileBytes: Number(r.file_bytes),
    status: r.status as ImportView['status'],
    phase: (r.phase as string | null) ?? null,
    dryRun: r.dry_run as boolean,
    synthetic: r.synthetic as boolean,
    bytesRead: Number(r.bytes_read),
    rowsRead: r.rows_read as number,
    rejectedRows: r.rejected_rows as number,
    counts: counts ? { families: counts.families, persons: counts.persons, flaggedForReview: counts.flaggedForReview } : null,
    error: (r.error as string | null) ?? null,
    startedByName: (r.started_by_name as string | null) ?? null,
    startedAt: r.started_at as string,
    finishedAt: (r.finished_at as string | null) ?? null,
  };
}
