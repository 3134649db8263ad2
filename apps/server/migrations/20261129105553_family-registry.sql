CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "families" (
	"id" serial PRIMARY KEY NOT NULL,
	"no_kk" text NOT NULL,
	"village_code" text NOT NULL,
	"source_kind" text NOT NULL,
	"source_id" text,
	"address" text,
	"hamlet" text,
	"rt" text,
	"rw" text,
	"desil" smallint,
	"desil_period" date,
	"tenure" text,
	"floor_area_m2" double precision,
	"floor_type" text,
	"wall_type" text,
	"wall_condition" text,
	"roof_type" text,
	"roof_condition" text,
	"drinking_water" text,
	"toilet" text,
	"sewage" text,
	"lighting" text,
	"electricity_va" integer,
	"cooking_fuel" text,
	"assets" jsonb,
	"family_programs" jsonb,
	"status" text DEFAULT 'active' NOT NULL,
	"status_date" date,
	"status_reason" text,
	"review_reason" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"first_import_id" integer,
	"last_import_id" integer,
	"last_seen_period" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "families_desil_check" CHECK ("families"."desil" is null or "families"."desil" between 1 and 10),
	CONSTRAINT "families_status_check" CHECK ("families"."status" in ('active','moved','dissolved','not_found')),
	CONSTRAINT "families_no_kk_check" CHECK ("families"."no_kk" ~ '^[0-9]{16}$')
);
--> statement-breakpoint
CREATE TABLE "family_snapshots" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"family_id" integer NOT NULL,
	"import_id" integer NOT NULL,
	"period" date NOT NULL,
	"source_kind" text NOT NULL,
	"desil" smallint,
	"data" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_mappings" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"source_kind" text NOT NULL,
	"columns" jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" serial PRIMARY KEY NOT NULL,
	"nik" text NOT NULL,
	"family_id" integer NOT NULL,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"sex" text,
	"birth_date" date,
	"birth_place" text,
	"relationship" text,
	"mother_name" text,
	"education" text,
	"school_participation" text,
	"work_status" text,
	"disabilities" jsonb,
	"chronic_illness" boolean,
	"jkn" text,
	"nutrition_status" text,
	"person_programs" jsonb,
	"status" text DEFAULT 'present' NOT NULL,
	"status_date" date,
	"status_reason" text,
	"review_reason" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"first_import_id" integer,
	"last_import_id" integer,
	"last_seen_period" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "persons_status_check" CHECK ("persons"."status" in ('present','moved','died','not_found')),
	CONSTRAINT "persons_nik_check" CHECK ("persons"."nik" ~ '^[0-9]{16}$')
);
--> statement-breakpoint
CREATE TABLE "registry_import_issues" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"import_id" integer NOT NULL,
	"row" integer NOT NULL,
	"column" text NOT NULL,
	"field" text,
	"value" text NOT NULL,
	"code" text NOT NULL,
	"severity" text DEFAULT 'error' NOT NULL,
	"message" text NOT NULL,
	"message_en" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"source_kind" text NOT NULL,
	"dataset_label" text,
	"period" date NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"file_bytes" bigint DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"dry_run" boolean DEFAULT false NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"full_snapshot" boolean DEFAULT true NOT NULL,
	"mapping" jsonb,
	"phase" text,
	"bytes_read" bigint DEFAULT 0 NOT NULL,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"counts" jsonb,
	"rejected_rows" integer DEFAULT 0 NOT NULL,
	"error" text,
	"started_by" integer,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "registry_imports_status_check" CHECK ("registry_imports"."status" in ('running','completed','dry_run','failed','aborted')),
	CONSTRAINT "registry_imports_source_check" CHECK ("registry_imports"."source_kind" in ('dtsen','dtks','p3ke','local_survey','synthetic'))
);
--> statement-breakpoint
ALTER TABLE "families" ADD CONSTRAINT "families_village_code_regions_code_fk" FOREIGN KEY ("village_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "families" ADD CONSTRAINT "families_first_import_id_registry_imports_id_fk" FOREIGN KEY ("first_import_id") REFERENCES "public"."registry_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "families" ADD CONSTRAINT "families_last_import_id_registry_imports_id_fk" FOREIGN KEY ("last_import_id") REFERENCES "public"."registry_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_snapshots" ADD CONSTRAINT "family_snapshots_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_snapshots" ADD CONSTRAINT "family_snapshots_import_id_registry_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."registry_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_mappings" ADD CONSTRAINT "import_mappings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_first_import_id_registry_imports_id_fk" FOREIGN KEY ("first_import_id") REFERENCES "public"."registry_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_last_import_id_registry_imports_id_fk" FOREIGN KEY ("last_import_id") REFERENCES "public"."registry_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_import_issues" ADD CONSTRAINT "registry_import_issues_import_id_registry_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."registry_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_imports" ADD CONSTRAINT "registry_imports_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "families_no_kk_uq" ON "families" USING btree ("no_kk");--> statement-breakpoint
CREATE INDEX "families_village_idx" ON "families" USING btree ("village_code","rw","rt");--> statement-breakpoint
CREATE INDEX "families_village_desil_idx" ON "families" USING btree ("village_code","desil");--> statement-breakpoint
CREATE UNIQUE INDEX "family_snapshots_family_import_uq" ON "family_snapshots" USING btree ("family_id","import_id");--> statement-breakpoint
CREATE INDEX "family_snapshots_family_idx" ON "family_snapshots" USING btree ("family_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "import_mappings_name_uq" ON "import_mappings" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "persons_nik_uq" ON "persons" USING btree ("nik");--> statement-breakpoint
CREATE INDEX "persons_family_idx" ON "persons" USING btree ("family_id");--> statement-breakpoint
CREATE INDEX "persons_name_key_trgm_idx" ON "persons" USING gin ("name_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "registry_import_issues_import_idx" ON "registry_import_issues" USING btree ("import_id","row");--> statement-breakpoint
CREATE INDEX "registry_imports_sha_idx" ON "registry_imports" USING btree ("file_sha256");--> statement-breakpoint
-- Staging for imports: valid rows COPYed here while the file streams, merged into the registry in
-- one transaction, then deleted. UNLOGGED: never needed after a crash (the import is re-run).
-- Not in schema.ts on purpose: it is a work table of the import pipeline, not domain data.
CREATE UNLOGGED TABLE "registry_stage" (
	"import_id" integer NOT NULL,
	"row" integer NOT NULL,
	"no_kk" text NOT NULL,
	"source_id" text,
	"village_code" text NOT NULL,
	"address" text,
	"hamlet" text,
	"rt" text,
	"rw" text,
	"desil" smallint,
	"tenure" text,
	"floor_area_m2" double precision,
	"floor_type" text,
	"wall_type" text,
	"wall_condition" text,
	"roof_type" text,
	"roof_condition" text,
	"drinking_water" text,
	"toilet" text,
	"sewage" text,
	"lighting" text,
	"electricity_va" integer,
	"cooking_fuel" text,
	"assets" jsonb,
	"family_programs" jsonb,
	"nik" text NOT NULL,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"sex" text,
	"birth_date" date,
	"birth_place" text,
	"relationship" text,
	"mother_name" text,
	"education" text,
	"school_participation" text,
	"work_status" text,
	"disabilities" jsonb,
	"chronic_illness" boolean,
	"jkn" text,
	"nutrition_status" text,
	"person_programs" jsonb
);--> statement-breakpoint
CREATE INDEX "registry_stage_import_idx" ON "registry_stage" USING btree ("import_id");
