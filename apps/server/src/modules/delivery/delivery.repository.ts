/** SQL of the delivery step: interventions, beneficiaries, costs, evidence, duplicate flags, convergence. */
import type { DuplicateFlag, Evidence, FamilyIntervention, Intervention } from '@dampingan/contracts';
import { sql } from 'drizzle-orm';
import { type DbOrTx, rows } from '../../db/client.ts';

const intArray = (ids: number[]) => `{${ids.join(',')}}`;
export const isoOf = (v: unknown): string | null => (v == null ? null : new Date(v as string).toISOString());

export interface InterventionValues {
  planItemId: number | null;
  opdId: number;
  title: string;
  helpType: string;
  reach: string;
  deliveredOn: string;
  outputVolume: number | null;
  outputUnit: string | null;
  status: string;
  notes: string | null;
}

export async function insertIntervention(tx: DbOrTx, pairingId: number, v: InterventionValues, createdBy: number): Promise<number> {
  const [r] = await rows<{ id: number }>(
    tx,
    sql`insert into interventions (pairing_id, plan_item_id, opd_id, title, help_type, reach, delivered_on, output_volume,
          output_unit, status, notes, created_by)
        values (${pairingId}, ${v.planItemId}, ${v.opdId}, ${v.title}, ${v.helpType}, ${v.reach}, ${v.deliveredOn},
          ${v.outputVolume}, ${v.outputUnit}, ${v.status}, ${v.notes}, ${createdBy > 0 ? createdBy : null})
        returning id`,
  );
  if (!r) throw new Error('insert intervention failed');
  return r.id;
}

export async function updateIntervention(
  tx: DbOrTx,
  id: number,
  v: Pick<InterventionValues, 'title' | 'deliveredOn' | 'outputVolume' | 'outputUnit' | 'status' | 'notes'>,
) {
  await tx.execute(
    sql`update interventions set title = ${v.title}, delivered_on = ${v.deliveredOn}, output_volume = ${v.outputVolume},
          output_unit = ${v.outputUnit}, status = ${v.status}, notes = ${v.notes}, updated_at = now() where id = ${id}`,
  );
}

export async function insertBeneficiaries(tx: DbOrTx, interventionId: number, list: { familyId: number; personId: number | null }[]) {
  for (const b of list) {
    await tx.execute(
      sql`insert into intervention_beneficiaries (intervention_id, family_id, person_id)
          values (${interventionId}, ${b.familyId}, ${b.personId}) on conflict do nothing`,
    );
  }
}

export async function replaceCosts(tx: DbOrTx, interventionId: number, costs: { fundingSource: string; amount: number }[]) {
  await tx.execute(sql`delete from intervention_costs where intervention_id = ${interventionId}`);
  for (const c of costs) {
    await tx.execute(
      sql`insert into intervention_costs (intervention_id, funding_source, amount) values (${interventionId}, ${c.fundingSource}, ${c.amount})`,
    );
  }
}

export async function findPlanItemBrief(db: DbOrTx, id: number) {
  const [r] = await rows<{ id: number; pairing_id: number; status: string; help_type: string }>(
    db,
    sql`select id, pairing_id, status, help_type from plan_items where id = ${id}`,
  );
  return r;
}

export async function findOpdBrief(db: DbOrTx, id: number) {
  const [r] = await rows<{ id: number; active: boolean }>(db, sql`select id, active from opds where id = ${id}`);
  return r;
}

/** Family → village, and person → family, for checking beneficiaries. */
export async function familyVillages(db: DbOrTx, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const r = await rows<{ id: number; village_code: string }>(
    db,
    sql`select id, village_code from families where id = any(${intArray(ids)}::int[])`,
  );
  return new Map(r.map((x) => [x.id, x.village_code]));
}

export async function personFamilies(db: DbOrTx, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const r = await rows<{ id: number; family_id: number }>(
    db,
    sql`select id, family_id from persons where id = any(${intArray(ids)}::int[])`,
  );
  return new Map(r.map((x) => [x.id, x.family_id]));
}

interface InterventionRow {
  id: number;
  pairing_id: number;
  plan_item_id: number | null;
  plan_item_title: string | null;
  opd_id: number;
  opd_name: string;
  title: string;
  help_type: string;
  reach: Intervention['reach'];
  delivered_on: string;
  output_volume: number | null;
  output_unit: string | null;
  status: Intervention['status'];
  notes: string | null;
  created_at: string;
}

/**
 * Duplicate flags of the given interventions: another (not cancelled) intervention, from any
 * pairing or OPD, gave the same help type to the same family in the same calendar year.
 */
export async function duplicateFlags(db: DbOrTx, ids: number[]): Promise<(DuplicateFlag & { interventionId: number })[]> {
  if (ids.length === 0) return [];
  const r = await rows<{
    intervention_id: number;
    family_id: number;
    head_name: string | null;
    help_type: string;
    other_id: number;
    other_opd_name: string;
    other_pairing_id: number;
    other_delivered_on: string;
  }>(
    db,
    sql`select distinct i.id as intervention_id, b.family_id, i.help_type, i2.id as other_id, o2.name as other_opd_name,
          i2.pairing_id as other_pairing_id, i2.delivered_on::text as other_delivered_on,
          (select p.name from persons p where p.family_id = b.family_id order by (p.relationship = 'head') desc nulls last, p.id limit 1) as head_name
        from interventions i
        join intervention_beneficiaries b on b.intervention_id = i.id
        join intervention_beneficiaries b2 on b2.family_id = b.family_id and b2.intervention_id <> i.id
        join interventions i2 on i2.id = b2.intervention_id
        join opds o2 on o2.id = i2.opd_id
        where i.id = any(${intArray(ids)}::int[]) and i.status <> 'cancelled' and i2.status <> 'cancelled'
          and i2.help_type = i.help_type
          and extract(year from i2.delivered_on) = extract(year from i.delivered_on)
        order by i.id, b.family_id, i2.id`,
  );
  return r.map((x) => ({
    interventionId: x.intervention_id,
    familyId: x.family_id,
    headName: x.head_name,
    helpType: x.help_type,
    otherInterventionId: x.other_id,
    otherOpdName: x.other_opd_name,
    otherPairingId: x.other_pairing_id,
    otherDeliveredOn: x.other_delivered_on,
  }));
}

export async function listInterventions(
  db: DbOrTx,
  pairingId: number,
  f: { month?: string; planItemId?: number; id?: number; withNames: boolean },
): Promise<Intervention[]> {
  const conds = [sql`i.pairing_id = ${pairingId}`];
  if (f.month) conds.push(sql`to_char(i.delivered_on, 'YYYY-MM') = ${f.month}`);
  if (f.planItemId) conds.push(sql`i.plan_item_id = ${f.planItemId}`);
  if (f.id) conds.push(sql`i.id = ${f.id}`);
  const list = await rows<InterventionRow>(
    db,
    sql`select i.id, i.pairing_id, i.plan_item_id, pi.title as plan_item_title, i.opd_id, o.name as opd_name, i.title, i.help_type,
          i.reach, i.delivered_on::text as delivered_on, i.output_volume, i.output_unit, i.status, i.notes, i.created_at
        from interventions i join opds o on o.id = i.opd_id left join plan_items pi on pi.id = i.plan_item_id
        where ${sql.join(conds, sql` and `)} order by i.delivered_on desc, i.id desc`,
  );
  if (list.length === 0) return [];
  const ids = list.map((i) => i.id);
  // One after the other: `db` may be a transaction's single connection (node-postgres queues, pg@9 refuses).
  const bens = await rows<{
    intervention_id: number;
    family_id: number;
    person_id: number | null;
    head_name: string | null;
    person_name: string | null;
    rw: string | null;
    rt: string | null;
  }>(
    db,
    sql`select b.intervention_id, b.family_id, b.person_id, f.rw, f.rt, pp.name as person_name,
            (select p.name from persons p where p.family_id = f.id order by (p.relationship = 'head') desc nulls last, p.id limit 1) as head_name
          from intervention_beneficiaries b join families f on f.id = b.family_id left join persons pp on pp.id = b.person_id
          where b.intervention_id = any(${intArray(ids)}::int[]) order by b.id`,
  );
  const costs = await rows<{ intervention_id: number; funding_source: string; amount: number }>(
    db,
    sql`select intervention_id, funding_source, amount::float8 as amount from intervention_costs
          where intervention_id = any(${intArray(ids)}::int[]) order by id`,
  );
  const evidence = await listEvidence(db, ids);
  const dups = await duplicateFlags(db, ids);
  return list.map((r) => {
    const c = costs.filter((x) => x.intervention_id === r.id).map((x) => ({ fundingSource: x.funding_source, amount: x.amount }));
    return {
      id: r.id,
      pairingId: r.pairing_id,
      planItemId: r.plan_item_id,
      planItemTitle: r.plan_item_title,
      opdId: r.opd_id,
      opdName: r.opd_name,
      title: r.title,
      helpType: r.help_type,
      reach: r.reach,
      deliveredOn: r.delivered_on,
      outputVolume: r.output_volume,
      outputUnit: r.output_unit,
      status: r.status,
      notes: r.notes,
      beneficiaries: bens
        .filter((b) => b.intervention_id === r.id)
        .map((b) => ({
          familyId: b.family_id,
          personId: b.person_id,
          headName: f.withNames ? b.head_name : null,
          personName: f.withNames ? b.person_name : null,
          rw: b.rw,
          rt: b.rt,
        })),
      costs: c,
      totalCost: c.reduce((s, x) => s + x.amount, 0),
      evidence: evidence.filter((e) => e.subjectId === r.id).map(({ subjectId: _s, ...e }) => e),
      duplicates: dups
        .filter((d) => d.interventionId === r.id)
        .map(({ interventionId: _i, ...d }) => ({ ...d, headName: f.withNames ? d.headName : null })),
      createdAt: isoOf(r.created_at) ?? '',
    };
  });
}

export async function listEvidence(db: DbOrTx, interventionIds: number[]): Promise<(Evidence & { subjectId: number })[]> {
  if (interventionIds.length === 0) return [];
  const r = await rows<EvidenceRow>(
    db,
    sql`select * from evidence_files where subject_type = 'intervention' and subject_id = any(${intArray(interventionIds)}::int[]) order by id`,
  );
  return r.map(toEvidence);
}

export interface EvidenceRow {
  id: number;
  pairing_id: number;
  subject_type: string;
  subject_id: number;
  sha256: string;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  taken_at: string | null;
  lat: number | null;
  lng: number | null;
  /** the table's upload time column (schema: uploadedAt → created_at) */
  created_at: string;
}

export const toEvidence = (e: EvidenceRow): Evidence & { subjectId: number } => ({
  id: e.id,
  subjectId: e.subject_id,
  fileName: e.file_name,
  mimeType: e.mime_type,
  sizeBytes: e.size_bytes,
  sha256: e.sha256,
  takenAt: isoOf(e.taken_at),
  lat: e.lat,
  lng: e.lng,
  uploadedAt: isoOf(e.created_at) ?? '',
});

export async function findEvidence(db: DbOrTx, id: number): Promise<EvidenceRow | undefined> {
  const [r] = await rows<EvidenceRow>(db, sql`select * from evidence_files where id = ${id}`);
  return r;
}

export async function findEvidenceBySha(db: DbOrTx, interventionId: number, sha: string): Promise<EvidenceRow | undefined> {
  const [r] = await rows<EvidenceRow>(
    db,
    sql`select * from evidence_files where subject_type = 'intervention' and subject_id = ${interventionId} and sha256 = ${sha}`,
  );
  return r;
}

export async function insertEvidence(
  tx: DbOrTx,
  v: {
    pairingId: number;
    interventionId: number;
    sha256: string;
    fileName: string;
    mimeType: string;
    sizeBytes: number;
    takenAt: string | null;
    lat: number | null;
    lng: number | null;
    uploadedBy: number;
  },
): Promise<EvidenceRow> {
  const [r] = await rows<EvidenceRow>(
    tx,
    sql`insert into evidence_files (pairing_id, subject_type, subject_id, sha256, file_name, mime_type, size_bytes, taken_at, lat, lng, uploaded_by)
        values (${v.pairingId}, 'intervention', ${v.interventionId}, ${v.sha256}, ${v.fileName}, ${v.mimeType}, ${v.sizeBytes},
          ${v.takenAt}, ${v.lat}, ${v.lng}, ${v.uploadedBy > 0 ? v.uploadedBy : null})
        returning *`,
  );
  if (!r) throw new Error('insert evidence failed');
  return r;
}

export async function findFamilyVillage(db: DbOrTx, familyId: number) {
  const [r] = await rows<{ id: number; village_code: string }>(db, sql`select id, village_code from families where id = ${familyId}`);
  return r;
}

/** Every intervention from any OPD/pairing that reached the family, newest first. */
export async function familyInterventions(db: DbOrTx, familyId: number): Promise<FamilyIntervention[]> {
  const list = await rows<{
    id: number;
    pairing_id: number;
    village_name: string;
    year: number;
    opd_name: string;
    delivered_on: string;
    help_type: string;
    title: string;
    status: FamilyIntervention['status'];
    person_name: string | null;
  }>(
    db,
    sql`select distinct on (i.id) i.id, i.pairing_id, r.name as village_name, y.year, o.name as opd_name,
          i.delivered_on::text as delivered_on, i.help_type, i.title, i.status, pp.name as person_name
        from intervention_beneficiaries b join interventions i on i.id = b.intervention_id
        join pairings p on p.id = i.pairing_id join program_years y on y.id = p.program_year_id
        join regions r on r.code = p.village_code join opds o on o.id = i.opd_id
        left join persons pp on pp.id = b.person_id
        where b.family_id = ${familyId} order by i.id`,
  );
  if (list.length === 0) return [];
  const ids = list.map((i) => i.id);
  const costs = await rows<{ intervention_id: number; funding_source: string; amount: number }>(
    db,
    sql`select intervention_id, funding_source, amount::float8 as amount from intervention_costs
        where intervention_id = any(${intArray(ids)}::int[]) order by id`,
  );
  const dups = new Set((await duplicateFlags(db, ids)).filter((d) => d.familyId === familyId).map((d) => d.interventionId));
  return list
    .map((r) => {
      const c = costs.filter((x) => x.intervention_id === r.id).map((x) => ({ fundingSource: x.funding_source, amount: x.amount }));
      return {
        interventionId: r.id,
        pairingId: r.pairing_id,
        villageName: r.village_name,
        year: r.year,
        opdName: r.opd_name,
        deliveredOn: r.delivered_on,
        helpType: r.help_type,
        title: r.title,
        status: r.status,
        personName: r.person_name,
        costs: c,
        totalCost: c.reduce((s, x) => s + x.amount, 0),
        duplicate: dups.has(r.id),
      };
    })
    .sort((a, b) => b.deliveredOn.localeCompare(a.deliveredOn) || b.interventionId - a.interventionId);
}
