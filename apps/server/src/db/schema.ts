/**
 * The one schema (PostgreSQL dialect) for PGlite and PostgreSQL. Migrations in `../../migrations`
 * are generated from this file by `npm run db:generate -w @dampingan/server`.
 * Words follow CONTEXT.md: village = level-4 region (kelurahan/desa), opd, pairing, mentor.
 */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });
const createdAt = () => tstz('created_at').notNull().defaultNow();
const updatedAt = () => tstz('updated_at').notNull().defaultNow();

export const regions = pgTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: smallint('level').notNull(),
    type: text('type').notNull(),
    parentCode: text('parent_code').references((): AnyPgColumn => regions.code),
    /** normalised name for spelling-variant search (see region-name.ts) */
    nameKey: text('name_key').notNull(),
    bpsCode: text('bps_code'),
    boundary: jsonb('boundary'),
    centroidLat: doublePrecision('centroid_lat'),
    centroidLng: doublePrecision('centroid_lng'),
    source: text('source').notNull(),
  },
  (t) => [
    index('regions_parent_idx').on(t.parentCode),
    index('regions_name_key_idx').on(t.nameKey),
    check('regions_level_check', sql`${t.level} between 1 and 4`),
    check('regions_type_check', sql`${t.type} in ('provinsi','kabupaten','kota','kecamatan','kelurahan','desa','desa_adat')`),
  ],
);

export const regionAliases = pgTable(
  'region_aliases',
  {
    id: serial('id').primaryKey(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    alias: text('alias').notNull(),
    aliasKey: text('alias_key').notNull(),
    source: text('source').notNull(),
  },
  (t) => [uniqueIndex('region_aliases_region_key_uq').on(t.regionCode, t.aliasKey), index('region_aliases_key_idx').on(t.aliasKey)],
);

export const opds = pgTable(
  'opds',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    abbreviation: text('abbreviation'),
    type: text('type').notNull(),
    headName: text('head_name'),
    contactPhone: text('contact_phone'),
    contactEmail: text('contact_email'),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    active: boolean('active').notNull().default(true),
    deactivatedOn: date('deactivated_on', { mode: 'string' }),
    deactivationReason: text('deactivation_reason'),
    source: text('source'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('opds_name_uq').on(sql`lower(${t.name})`),
    check(
      'opds_type_check',
      sql`${t.type} in ('dinas','badan','sekretariat','inspektorat','kecamatan','kelurahan','bagian','rsud','satuan','lainnya')`,
    ),
    check('opds_valid_range_check', sql`${t.validTo} is null or ${t.validFrom} is null or ${t.validFrom} <= ${t.validTo}`),
  ],
);

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull(),
    fullName: text('full_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').notNull(),
    opdId: integer('opd_id').references(() => opds.id),
    villageCode: text('village_code').references(() => regions.code),
    nip: text('nip'),
    email: text('email'),
    phone: text('phone'),
    active: boolean('active').notNull().default(true),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: tstz('locked_until'),
    lastLoginAt: tstz('last_login_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_username_uq').on(t.username),
    check('users_role_check', sql`${t.role} in ('admin','mentor','operator','viewer','supervisor')`),
    check('users_mentor_opd_check', sql`${t.role} <> 'mentor' or ${t.opdId} is not null`),
    check('users_operator_village_check', sql`${t.role} <> 'operator' or ${t.villageCode} is not null`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the cookie token: a stolen database does not yield live cookies */
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: tstz('expires_at').notNull(),
    lastSeenAt: tstz('last_seen_at').notNull().defaultNow(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const programs = pgTable(
  'programs',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    scopeCode: text('scope_code')
      .notNull()
      .references(() => regions.code),
    decreeType: text('decree_type').notNull(),
    decreeNumber: text('decree_number').notNull(),
    decreeDate: date('decree_date', { mode: 'string' }).notNull(),
    decreeIssuer: text('decree_issuer').notNull(),
    startYear: integer('start_year').notNull(),
    endYear: integer('end_year'),
    oneVillagePerOpd: boolean('one_village_per_opd').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check('programs_years_check', sql`${t.endYear} is null or ${t.endYear} >= ${t.startYear}`)],
);

export const programYears = pgTable(
  'program_years',
  {
    id: serial('id').primaryKey(),
    programId: integer('program_id')
      .notNull()
      .references(() => programs.id),
    year: integer('year').notNull(),
    status: text('status').notNull().default('active'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('program_years_program_year_uq').on(t.programId, t.year),
    check('program_years_status_check', sql`${t.status} in ('planned','active','closed')`),
  ],
);

export const pairings = pgTable(
  'pairings',
  {
    id: serial('id').primaryKey(),
    programYearId: integer('program_year_id')
      .notNull()
      .references(() => programYears.id),
    opdId: integer('opd_id')
      .notNull()
      .references(() => opds.id),
    villageCode: text('village_code')
      .notNull()
      .references(() => regions.code),
    decreeNumber: text('decree_number').notNull(),
    decreeDate: date('decree_date', { mode: 'string' }).notNull(),
    continuation: boolean('continuation').notNull().default(false),
    status: text('status').notNull().default('active'),
    endedOn: date('ended_on', { mode: 'string' }),
    endReason: text('end_reason'),
    /** copy of programs.one_village_per_opd when created, so the rule is a database index */
    exclusiveOpd: boolean('exclusive_opd').notNull(),
    notes: text('notes'),
    lurahName: text('lurah_name'),
    lurahPhone: text('lurah_phone'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // The program's defining rule: one active pairing per village per program year.
    uniqueIndex('pairings_one_active_per_village_uq').on(t.programYearId, t.villageCode).where(sql`${t.status} = 'active'`),
    uniqueIndex('pairings_one_village_per_opd_uq').on(t.programYearId, t.opdId).where(sql`${t.status} = 'active' and ${t.exclusiveOpd}`),
    index('pairings_opd_idx').on(t.opdId),
    index('pairings_village_idx').on(t.villageCode),
    check('pairings_status_check', sql`${t.status} in ('active','ended')`),
    check('pairings_ended_check', sql`${t.status} = 'active' or (${t.endedOn} is not null and ${t.endReason} is not null)`),
  ],
);

export const pairingMentors = pgTable(
  'pairing_mentors',
  {
    id: serial('id').primaryKey(),
    pairingId: integer('pairing_id')
      .notNull()
      .references(() => pairings.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(),
    addedAt: createdAt(),
    removedAt: tstz('removed_at'),
  },
  (t) => [
    uniqueIndex('pairing_mentors_current_uq').on(t.pairingId, t.userId).where(sql`${t.removedAt} is null`),
    check('pairing_mentors_role_check', sql`${t.role} in ('coordinator','member','kelurahan_liaison')`),
  ],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: tstz('at').notNull().defaultNow(),
    actorId: integer('actor_id').references(() => users.id),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason'),
    ip: text('ip'),
  },
  (t) => [index('audit_entity_idx').on(t.entityType, t.entityId), index('audit_actor_idx').on(t.actorId), index('audit_at_idx').on(t.at)],
);

/** Small key/value facts about this database: loaded reference data editions, scope. */
export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
});

// ---- family registry (issue 3) ---------------------------------------------------------------

/** One run of an import (web upload or CLI): its file, its counts, its outcome. */
export const registryImports = pgTable(
  'registry_imports',
  {
    id: serial('id').primaryKey(),
    sourceKind: text('source_kind').notNull(),
    datasetLabel: text('dataset_label'),
    /** the date of the data set's snapshot (e.g. DTSEN update of 2026-09), not of the upload */
    period: date('period', { mode: 'string' }).notNull(),
    fileName: text('file_name').notNull(),
    fileSha256: text('file_sha256').notNull(),
    fileBytes: bigint('file_bytes', { mode: 'number' }).notNull().default(0),
    status: text('status').notNull(),
    dryRun: boolean('dry_run').notNull().default(false),
    synthetic: boolean('synthetic').notNull().default(false),
    /** full snapshot of its villages: families absent from it are flagged for review */
    fullSnapshot: boolean('full_snapshot').notNull().default(true),
    mapping: jsonb('mapping'),
    phase: text('phase'),
    bytesRead: bigint('bytes_read', { mode: 'number' }).notNull().default(0),
    rowsRead: integer('rows_read').notNull().default(0),
    counts: jsonb('counts'),
    rejectedRows: integer('rejected_rows').notNull().default(0),
    error: text('error'),
    startedBy: integer('started_by').references(() => users.id),
    startedAt: tstz('started_at').notNull().defaultNow(),
    heartbeatAt: tstz('heartbeat_at').notNull().defaultNow(),
    finishedAt: tstz('finished_at'),
  },
  (t) => [
    index('registry_imports_sha_idx').on(t.fileSha256),
    check('registry_imports_status_check', sql`${t.status} in ('running','completed','dry_run','failed','aborted')`),
    check('registry_imports_source_check', sql`${t.sourceKind} in ('dtsen','dtks','p3ke','local_survey','synthetic')`),
  ],
);

/** Every rejected value of an import, located by row and column, in both languages. */
export const registryImportIssues = pgTable(
  'registry_import_issues',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    importId: integer('import_id')
      .notNull()
      .references(() => registryImports.id),
    row: integer('row').notNull(),
    column: text('column').notNull(),
    field: text('field'),
    value: text('value').notNull(),
    code: text('code').notNull(),
    /** error = the row is rejected; warning = kept, but worth a look (e.g. member rows disagree on the address) */
    severity: text('severity').notNull().default('error'),
    message: text('message').notNull(),
    messageEn: text('message_en').notNull(),
  },
  (t) => [index('registry_import_issues_import_idx').on(t.importId, t.row)],
);

export const families = pgTable(
  'families',
  {
    id: serial('id').primaryKey(),
    noKk: text('no_kk').notNull(),
    villageCode: text('village_code')
      .notNull()
      .references(() => regions.code),
    sourceKind: text('source_kind').notNull(),
    sourceId: text('source_id'),
    address: text('address'),
    hamlet: text('hamlet'),
    rt: text('rt'),
    rw: text('rw'),
    desil: smallint('desil'),
    desilPeriod: date('desil_period', { mode: 'string' }),
    tenure: text('tenure'),
    floorAreaM2: doublePrecision('floor_area_m2'),
    floorType: text('floor_type'),
    wallType: text('wall_type'),
    wallCondition: text('wall_condition'),
    roofType: text('roof_type'),
    roofCondition: text('roof_condition'),
    drinkingWater: text('drinking_water'),
    toilet: text('toilet'),
    sewage: text('sewage'),
    lighting: text('lighting'),
    electricityVa: integer('electricity_va'),
    cookingFuel: text('cooking_fuel'),
    assets: jsonb('assets'),
    familyPrograms: jsonb('family_programs'),
    /** active | moved | dissolved | not_found: changed by people with a date and reason, never by deletion */
    status: text('status').notNull().default('active'),
    statusDate: date('status_date', { mode: 'string' }),
    statusReason: text('status_reason'),
    /** set by an import when a newer full snapshot no longer lists the family */
    reviewReason: text('review_reason'),
    synthetic: boolean('synthetic').notNull().default(false),
    /**
     * field -> import id that changed its value after the row was inserted; a value without an
     * entry came from `first_import_id` (decision 0007). The source and date of every value.
     */
    provenance: jsonb('provenance').notNull().default({}),
    /** the imports that first and last set this row; no foreign key (decision 0007): the import pipeline writes them */
    firstImportId: integer('first_import_id'),
    lastImportId: integer('last_import_id'),
    lastSeenPeriod: date('last_seen_period', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('families_no_kk_uq').on(t.noKk),
    index('families_village_idx').on(t.villageCode, t.rw, t.rt),
    index('families_village_desil_idx').on(t.villageCode, t.desil),
    check('families_desil_check', sql`${t.desil} is null or ${t.desil} between 1 and 10`),
    check('families_status_check', sql`${t.status} in ('active','moved','dissolved','not_found')`),
    check('families_no_kk_check', sql`${t.noKk} ~ '^[0-9]{16}$'`),
  ],
);

export const persons = pgTable(
  'persons',
  {
    id: serial('id').primaryKey(),
    nik: text('nik').notNull(),
    familyId: integer('family_id')
      .notNull()
      .references(() => families.id),
    name: text('name').notNull(),
    /** folded name for search (accents, old spelling, spacing) */
    nameKey: text('name_key').notNull(),
    sex: text('sex'),
    birthDate: date('birth_date', { mode: 'string' }),
    birthPlace: text('birth_place'),
    relationship: text('relationship'),
    motherName: text('mother_name'),
    education: text('education'),
    schoolParticipation: text('school_participation'),
    workStatus: text('work_status'),
    disabilities: jsonb('disabilities'),
    chronicIllness: boolean('chronic_illness'),
    jkn: text('jkn'),
    nutritionStatus: text('nutrition_status'),
    personPrograms: jsonb('person_programs'),
    /** present | moved | died | not_found */
    status: text('status').notNull().default('present'),
    statusDate: date('status_date', { mode: 'string' }),
    statusReason: text('status_reason'),
    reviewReason: text('review_reason'),
    synthetic: boolean('synthetic').notNull().default(false),
    /** as families.provenance */
    provenance: jsonb('provenance').notNull().default({}),
    /** the imports that first and last set this row; no foreign key (decision 0007): the import pipeline writes them */
    firstImportId: integer('first_import_id'),
    lastImportId: integer('last_import_id'),
    lastSeenPeriod: date('last_seen_period', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('persons_nik_uq').on(t.nik),
    index('persons_family_idx').on(t.familyId),
    index('persons_name_key_trgm_idx').using('gin', sql`${t.nameKey} gin_trgm_ops`),
    check('persons_status_check', sql`${t.status} in ('present','moved','died','not_found')`),
    check('persons_nik_check', sql`${t.nik} ~ '^[0-9]{16}$'`),
  ],
);

/**
 * The family as one import saw it (family fields and members), written only when it differs from
 * the previous snapshot: the desil history across DTSEN updates, and "the family as it was".
 */
export const familySnapshots = pgTable(
  'family_snapshots',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    familyId: integer('family_id')
      .notNull()
      .references(() => families.id),
    /** the import that wrote it; no foreign key (decision 0007) */
    importId: integer('import_id').notNull(),
    period: date('period', { mode: 'string' }).notNull(),
    sourceKind: text('source_kind').notNull(),
    desil: smallint('desil'),
    /** JSON text (written once, read whole: no jsonb conversion on the way in) */
    data: json('data').notNull(),
    /** md5 of `data`: a re-import compares it with the last snapshot's. Null on snapshots written before it existed. */
    contentHash: text('content_hash'),
  },
  (t) => [
    uniqueIndex('family_snapshots_family_import_uq').on(t.familyId, t.importId),
    index('family_snapshots_family_idx').on(t.familyId, t.period),
  ],
);

/** Saved header mappings for file layouts the aliases do not know. */
export const importMappings = pgTable(
  'import_mappings',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    sourceKind: text('source_kind').notNull(),
    /** header as in the file -> field key (or null to ignore the column) */
    columns: jsonb('columns').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('import_mappings_name_uq').on(sql`lower(${t.name})`)],
);

// ---- the mentoring cycle (issue 4) -------------------------------------------------------------
// Everything below belongs to one pairing (OPD x village x program year): its workspace.
// Words: CONTEXT.md "Mentoring cycle". Nothing here is deleted once used: it is dismissed,
// cancelled, returned or closed with a reason, and every change is in audit_log.

const rupiah = (name: string) => bigint(name, { mode: 'number' });

/** Form 1 analogue: the village's potentials profile, one per pairing (validated by the contract). */
export const villageProfiles = pgTable('village_profiles', {
  pairingId: integer('pairing_id')
    .primaryKey()
    .references(() => pairings.id),
  data: jsonb('data').notNull(),
  updatedBy: integer('updated_by').references(() => users.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** A problem or potential found in the assessment. Proposed ones come from the registry. */
export const problems = pgTable(
  'problems',
  {
    id: serial('id').primaryKey(),
    pairingId: integer('pairing_id')
      .notNull()
      .references(() => pairings.id),
    kind: text('kind').notNull().default('problem'),
    category: text('category').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    evidence: text('evidence'),
    severity: text('severity').notNull().default('medium'),
    rw: text('rw'),
    rt: text('rt'),
    /** proposed (by the registry, awaiting the mentor) | accepted | dismissed */
    status: text('status').notNull().default('accepted'),
    /** mentor | registry | carried_over */
    origin: text('origin').notNull().default('mentor'),
    /** registry proposals: rule + place, so the same proposal is not made twice */
    proposalKey: text('proposal_key'),
    /** the registry count behind a proposal, and the indicator it measures */
    indicatorKey: text('indicator_key'),
    baselineValue: doublePrecision('baseline_value'),
    baselineDate: date('baseline_date', { mode: 'string' }),
    dismissedReason: text('dismissed_reason'),
    carriedFromId: integer('carried_from_id').references((): AnyPgColumn => problems.id),
    /** December evaluation: addressed | partly | not */
    evalOutcome: text('eval_outcome'),
    evalReason: text('eval_reason'),
    evalValue: doublePrecision('eval_value'),
    evaluatedAt: tstz('evaluated_at'),
    evaluatedBy: integer('evaluated_by').references(() => users.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('problems_pairing_idx').on(t.pairingId),
    uniqueIndex('problems_proposal_uq').on(t.pairingId, t.proposalKey),
    check('problems_kind_check', sql`${t.kind} in ('problem','potential')`),
    check('problems_severity_check', sql`${t.severity} in ('low','medium','high')`),
    check('problems_status_check', sql`${t.status} in ('proposed','accepted','dismissed')`),
    check('problems_origin_check', sql`${t.origin} in ('mentor','registry','carried_over')`),
    check('problems_dismissed_check', sql`${t.status} <> 'dismissed' or ${t.dismissedReason} is not null`),
    check('problems_eval_check', sql`${t.evalOutcome} is null or ${t.evalOutcome} in ('addressed','partly','not')`),
  ],
);

/** The families a problem affects (by name, by address). */
export const problemFamilies = pgTable(
  'problem_families',
  {
    problemId: integer('problem_id')
      .notNull()
      .references(() => problems.id),
    familyId: integer('family_id')
      .notNull()
      .references(() => families.id),
  },
  (t) => [uniqueIndex('problem_families_pk').on(t.problemId, t.familyId), index('problem_families_family_idx').on(t.familyId)],
);

/** Form 2 analogue: a low-welfare family's field-verified status, per pairing. */
export const familyVerifications = pgTable(
  'family_verifications',
  {
    id: serial('id').primaryKey(),
    pairingId: integer('pairing_id')
      .notNull()
      .references(() => pairings.id),
    familyId: integer('family_id')
      .notNull()
      .references(() => families.id),
    /** confirmed | needs_help | improved | moved | not_found */
    status: text('status').notNull(),
    note: text('note'),
    verifiedOn: date('verified_on', { mode: 'string' }).notNull(),
    verifiedBy: integer('verified_by').references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('family_verifications_uq').on(t.pairingId, t.familyId),
    check('family_verifications_status_check', sql`${t.status} in ('confirmed','needs_help','improved','moved','not_found')`),
  ],
);

/** The plan of a pairing's year: its approval state and current version. */
export const plans = pgTable(
  'plans',
  {
    pairingId: integer('pairing_id')
      .primaryKey()
      .references(() => pairings.id),
    /** draft | submitted | approved | returned */
    status: text('status').notNull().default('draft'),
    /** 1 until first approved; a change to an approved plan opens version n+1 */
    version: integer('version').notNull().default(1),
    changeReason: text('change_reason'),
    submittedAt: tstz('submitted_at'),
    submittedBy: integer('submitted_by').references(() => users.id),
    reviewedAt: tstz('reviewed_at'),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewComment: text('review_comment'),
    updatedAt: updatedAt(),
  },
  (t) => [check('plans_status_check', sql`${t.status} in ('draft','submitted','approved','returned')`)],
);

/** An approved version of a plan, frozen: the readable history of the plan. */
export const planVersions = pgTable(
  'plan_versions',
  {
    id: serial('id').primaryKey(),
    pairingId: integer('pairing_id')
      .notNull()
      .references(() => pairings.id),
    version: integer('version').notNull(),
    items: jsonb('items').notNull(),
    changeReason: text('change_reason'),
    approvedBy: integer('approved_by').references(() => users.id),
    approvedAt: tstz('approved_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('plan_versions_uq').on(t.pairingId, t.version)],
);

export const planItems = pgTable(
  'plan_items',
  {
    id: serial('id').primaryKey(),
    pairingId: integer('pairing_id')
      .notNull()
      .references(() => pairings.id),
    problemId: integer('problem_id')
      .notNull()
      .references(() => problems.id),
    title: text('title').notNull(),
    description: text('description'),
    /** short (within the year) | medium (1-5 years) | long (beyond) */
    term: text('term').notNull(),
    startYear: integer('start_year').notNull(),
    endYear: integer('end_year').notNull(),
    responsibleOpdId: integer('responsible_opd_id')
      .notNull()
      .references(() => opds.id),
    /** [{kind: csr|baznas|university|community|other, name}] */
    partners: jsonb('partners').notNull().default([]),
    /** the kind of help, for the "same help to the same family in the same year" flag */
    helpType: text('help_type').notNull(),
    outputVolume: doublePrecision('output_volume'),
    outputUnit: text('output_unit'),
    estimatedCost: rupiah('estimated_cost'),
    fundingSource: text('funding_source'),
    planningChannel: text('planning_channel'),
    /** the eligibility filter used to choose target families, kept for reading back */
    targetFilter: jsonb('target_filter'),
    dueOn: date('due_on', { mode: 'string' }),
    /** active | cancelled | done */
    status: text('status').notNull().default('active'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('plan_items_pairing_idx').on(t.pairingId),
    index('plan_items_problem_idx').on(t.problemId),
    check('plan_items_term_check', sql`${t.term} in ('short','medium','long')`),
    check('plan_items_years_check', sql`${t.endYear} >= ${t.startYear}`),
    check('plan_items_status_check', sql`${t.status} in ('active','cancelled','done')`),
    check('plan_items_cost_check', sql`${t.estimatedCost} is null or ${t.estimatedCost} >= 0`),
  ],
);

export const planItemFamilies = pgTable(
  'plan_item_families',
  {
    planItemId: integer('plan_item_id')
      .notNull()
      .references(() => planItems.id),
    familyId: integer('family_id')
      .notNull()
      .references(() => families.id),
  },
  (t) => [uniqueIndex('plan_item_families_pk').on(t.planItemId, t.familyId), index('plan_item_families_family_idx').on(t.familyId)],
);

/** Indicator targets of a plan item: baseline, target, unit, date; indicatorKey when the registry measures it. */
export const indicatorTargets = pgTable(
  'indicator_targets',
  {
    id: serial('id').primaryKey(),
    planItemId: integer('plan_item_id')
      .notNull()
      .references(() => planItems.id),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    indicatorKey: text('indicator_key'),
    baseline: doublePrecision('baseline').notNull(),
    target: doublePrecision('target').notNull(),
    targetDate: date('target_date', { mode: 'string' }).notNull(),
  },
  (t) => [index('indicator_targets_item_idx').on(t.planItemId)],
);

/** Delivery: what was actually done, for named families/persons or the whole village. */
export const interventions = pgTable(
  'interventions',
  {
    id: serial('id').primaryKey(),
    pairingId: integer('pairing_id')
      .notNull()
      .references(() => pairings.id),
    planItemId: integer('plan_item_id').references(() => planItems.id),
    /** the OPD that delivered (the mentor OPD or another) */
    opdId: integer('opd_id')
      .notNull()
      .references(() => opds.id),
    title: text('title').notNull(),
    helpType: text('help_type').notNull(),
    /** families | village (kelurahan-wide works) */
    reach: text('reach').notNull().default('families'),
    deliveredOn: date('delivered_on', { mode: 'string' }).notNull(),
    outputVolume: doublePrecision('output_volume'),
    outputUnit: text('output_unit'),
    /** planned | in_progress | done | cancelled */
    status: text('status').notNull().default('done'),
    notes: text('notes'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('interventions_pairing_idx').on(t.pairingId, t.deliveredOn),
    index('interventions_plan_item_idx').on(t.planItemId),
    check('interventions_reach_check', sql`${t.reach} in ('families','village')`),
    check('interventions_status_check', sql`${t.status} in ('planned','in_progress','done','cancelled')`),
  ],
);

export const interventionBeneficiaries = pgTable(
  'intervention_beneficiaries',
  {
    id: serial('id').primaryKey(),
    interventionId: integer('intervention_id')
      .notNull()
      .references(() => interventions.id),
    familyId: integer('family_id')
      .notNull()
      .references(() => families.id),
    personId: integer('person_id').references(() => persons.id),
  },
  (t) => [
    uniqueIndex('intervention_beneficiaries_uq').on(t.interventionId, t.familyId, t.personId),
    index('intervention_beneficiaries_family_idx').on(t.familyId),
  ],
);

/** Actual cost per funding source (APBN, APBD provinsi, APBD kota, DAK, Dana Kelurahan, ...). */
export const interventionCosts = pgTable(
  'intervention_costs',
  {
    id: serial('id').primaryKey(),
    interventionId: integer('intervention_id')
      .notNull()
      .references(() => interventions.id),
    fundingSource: text('funding_source').notNull(),
    amount: rupiah('amount').notNull(),
  },
  (t) => [
    uniqueIndex('intervention_costs_uq').on(t.interventionId, t.fundingSource),
    check('intervention_costs_amount_check', sql`${t.amount} >= 0`),
  ],
);

/** Photos and documents, stored by content (sha256) under DATA_DIR/evidence. */
export const evidenceFiles = pgTable(
  'evidence_files',
  {
    id: serial('id').primaryKey(),
    pairingId: integer('pairing_id')
      .notNull()
      .references(() => pairings.id),
    /** intervention | visit | spot_check_item */
    subjectType: text('subject_type').notNull(),
    subjectId: integer('subject_id').notNull(),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    takenAt: tstz('taken_at'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    uploadedBy: integer('uploaded_by').references(() => users.id),
    uploadedAt: createdAt(),
  },
  (t) => [
    index('evidence_subject_idx').on(t.subjectType, t.subjectId),
    check('evidence_subject_check', sql`${t.subjectType} in ('intervention','visit','spot_check_item')`),
    check('evidence_sha_check', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
  ],
);

/** Monthly progress report of a pairing: draft -> submitted -> accepted (locked) | returned. */
export const monthlyReports = pgTable(
  'monthly_reports',
  {
    id: serial('id').primaryKey(),
    pairingId: integer('pairing_id')
      .notNull()
      .references(() => pairings.id),
    /** first day of the month reported on */
    month: date('month', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('draft'),
    narrative: text('narrative'),
    obstacles: text('obstacles'),
    nextSteps: text('next_steps'),
    /** figures drafted from the month's interventions and visits */
    summary: jsonb('summary').notNull().default({}),
    locked: boolean('locked').notNull().default(false),
    submittedAt: tstz('submitted_at'),
    submittedBy: integer('submitted_by').references(() => users.id),
    reviewedAt: tstz('reviewed_at'),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewComment: text('review_comment'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('monthly_reports_uq').on(t.pairingId, t.month),
    check('monthly_reports_status_check', sql`${t.status} in ('draft','submitted','accepted','returned')`),
    check('monthly_reports_month_check', sql`extract(day from ${t.month}) = 1`),
    check('monthly_reports_locked_check', sql`not ${t.locked} or ${t.status} = 'accepted'`),
  ],
);

/** Every review step of a report (submit, return with comments, accept, unlock with reason). */
export const reportEvents = pgTable(
  'report_events',
  {
    id: serial('id').primaryKey(),
    reportId: integer('report_id')
      .notNull()
      .references(() => monthlyReports.id),
    action: text('action').notNull(),
    comment: text('comment'),
    actorId: integer('actor_id').references(() => users.id),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [
    index('report_events_report_idx').on(t.reportId),
    check('report_events_action_check', sql`${t.action} in ('submit','return','accept','unlock')`),
  ],
);

/** Supervision (pengawasan): a visit by Bappeda or leadership. */
export const supervisionVisits = pgTable(
  'supervision_visits',
  {
    id: serial('id').primaryKey(),
    pairingId: integer('pairing_id')
      .notNull()
      .references(() => pairings.id),
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    /** who went (names, positions) */
    visitors: text('visitors').notNull(),
    findings: text('findings').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('supervision_visits_pairing_idx').on(t.pairingId, t.visitedOn)],
);

/** A follow-up action from a visit, tracked to closure. */
export const followUps = pgTable(
  'follow_ups',
  {
    id: serial('id').primaryKey(),
    visitId: integer('visit_id')
      .notNull()
      .references(() => supervisionVisits.id),
    action: text('action').notNull(),
    ownerOpdId: integer('owner_opd_id').references(() => opds.id),
    ownerName: text('owner_name'),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('open'),
    closedOn: date('closed_on', { mode: 'string' }),
    closingNote: text('closing_note'),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('follow_ups_visit_idx').on(t.visitId),
    check('follow_ups_status_check', sql`${t.status} in ('open','done')`),
    check('follow_ups_closed_check', sql`${t.status} = 'open' or (${t.closedOn} is not null and ${t.closingNote} is not null)`),
  ],
);

/** A spot-check: a random sample of recorded interventions drawn for verification. */
export const spotChecks = pgTable(
  'spot_checks',
  {
    id: serial('id').primaryKey(),
    pairingId: integer('pairing_id')
      .notNull()
      .references(() => pairings.id),
    /** the seed makes the draw reproducible and checkable */
    seed: text('seed').notNull(),
    sampleSize: integer('sample_size').notNull(),
    population: integer('population').notNull(),
    drawnBy: integer('drawn_by').references(() => users.id),
    drawnAt: createdAt(),
  },
  (t) => [index('spot_checks_pairing_idx').on(t.pairingId)],
);

export const spotCheckItems = pgTable(
  'spot_check_items',
  {
    id: serial('id').primaryKey(),
    spotCheckId: integer('spot_check_id')
      .notNull()
      .references(() => spotChecks.id),
    interventionId: integer('intervention_id')
      .notNull()
      .references(() => interventions.id),
    /** pending | verified | discrepancy | not_found */
    outcome: text('outcome').notNull().default('pending'),
    note: text('note'),
    checkedOn: date('checked_on', { mode: 'string' }),
    checkedBy: integer('checked_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('spot_check_items_uq').on(t.spotCheckId, t.interventionId),
    check('spot_check_items_outcome_check', sql`${t.outcome} in ('pending','verified','discrepancy','not_found')`),
  ],
);

/** December evaluation of a pairing: continue next year (lanjutan) or graduate. */
export const evaluations = pgTable(
  'evaluations',
  {
    pairingId: integer('pairing_id')
      .primaryKey()
      .references(() => pairings.id),
    decision: text('decision'),
    decisionReason: text('decision_reason'),
    summary: text('summary'),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: tstz('decided_at'),
    updatedAt: updatedAt(),
  },
  (t) => [check('evaluations_decision_check', sql`${t.decision} is null or ${t.decision} in ('continue','graduate')`)],
);
