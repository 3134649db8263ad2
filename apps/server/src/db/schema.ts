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
    check('users_role_check', sql`${t.role} in ('admin','mentor','operator','viewer')`),
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
     * entry came from `first_import_id` (decision 0006). The source and date of every value.
     */
    provenance: jsonb('provenance').notNull().default({}),
    /** the imports that first and last set this row; no foreign key (decision 0006): the import pipeline writes them */
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
    /** the imports that first and last set this row; no foreign key (decision 0006): the import pipeline writes them */
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
    /** the import that wrote it; no foreign key (decision 0006) */
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
