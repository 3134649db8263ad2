CREATE TABLE "app_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" integer,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"reason" text,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "opds" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"abbreviation" text,
	"type" text NOT NULL,
	"head_name" text,
	"contact_phone" text,
	"contact_email" text,
	"valid_from" date,
	"valid_to" date,
	"active" boolean DEFAULT true NOT NULL,
	"deactivated_on" date,
	"deactivation_reason" text,
	"source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "opds_type_check" CHECK ("opds"."type" in ('dinas','badan','sekretariat','inspektorat','kecamatan','kelurahan','bagian','rsud','satuan','lainnya')),
	CONSTRAINT "opds_valid_range_check" CHECK ("opds"."valid_to" is null or "opds"."valid_from" is null or "opds"."valid_from" <= "opds"."valid_to")
);
--> statement-breakpoint
CREATE TABLE "pairing_mentors" (
	"id" serial PRIMARY KEY NOT NULL,
	"pairing_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "pairing_mentors_role_check" CHECK ("pairing_mentors"."role" in ('coordinator','member','kelurahan_liaison'))
);
--> statement-breakpoint
CREATE TABLE "pairings" (
	"id" serial PRIMARY KEY NOT NULL,
	"program_year_id" integer NOT NULL,
	"opd_id" integer NOT NULL,
	"village_code" text NOT NULL,
	"decree_number" text NOT NULL,
	"decree_date" date NOT NULL,
	"continuation" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"ended_on" date,
	"end_reason" text,
	"exclusive_opd" boolean NOT NULL,
	"notes" text,
	"lurah_name" text,
	"lurah_phone" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pairings_status_check" CHECK ("pairings"."status" in ('active','ended')),
	CONSTRAINT "pairings_ended_check" CHECK ("pairings"."status" = 'active' or ("pairings"."ended_on" is not null and "pairings"."end_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "program_years" (
	"id" serial PRIMARY KEY NOT NULL,
	"program_id" integer NOT NULL,
	"year" integer NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_years_status_check" CHECK ("program_years"."status" in ('planned','active','closed'))
);
--> statement-breakpoint
CREATE TABLE "programs" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"scope_code" text NOT NULL,
	"decree_type" text NOT NULL,
	"decree_number" text NOT NULL,
	"decree_date" date NOT NULL,
	"decree_issuer" text NOT NULL,
	"start_year" integer NOT NULL,
	"end_year" integer,
	"one_village_per_opd" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programs_years_check" CHECK ("programs"."end_year" is null or "programs"."end_year" >= "programs"."start_year")
);
--> statement-breakpoint
CREATE TABLE "region_aliases" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"alias" text NOT NULL,
	"alias_key" text NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" smallint NOT NULL,
	"type" text NOT NULL,
	"parent_code" text,
	"name_key" text NOT NULL,
	"bps_code" text,
	"boundary" jsonb,
	"centroid_lat" double precision,
	"centroid_lng" double precision,
	"source" text NOT NULL,
	CONSTRAINT "regions_level_check" CHECK ("regions"."level" between 1 and 4),
	CONSTRAINT "regions_type_check" CHECK ("regions"."type" in ('provinsi','kabupaten','kota','kecamatan','kelurahan','desa','desa_adat'))
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"full_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"opd_id" integer,
	"village_code" text,
	"nip" text,
	"email" text,
	"phone" text,
	"active" boolean DEFAULT true NOT NULL,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('admin','mentor','operator','viewer')),
	CONSTRAINT "users_mentor_opd_check" CHECK ("users"."role" <> 'mentor' or "users"."opd_id" is not null),
	CONSTRAINT "users_operator_village_check" CHECK ("users"."role" <> 'operator' or "users"."village_code" is not null)
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_mentors" ADD CONSTRAINT "pairing_mentors_pairing_id_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."pairings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_mentors" ADD CONSTRAINT "pairing_mentors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairings" ADD CONSTRAINT "pairings_program_year_id_program_years_id_fk" FOREIGN KEY ("program_year_id") REFERENCES "public"."program_years"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairings" ADD CONSTRAINT "pairings_opd_id_opds_id_fk" FOREIGN KEY ("opd_id") REFERENCES "public"."opds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairings" ADD CONSTRAINT "pairings_village_code_regions_code_fk" FOREIGN KEY ("village_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairings" ADD CONSTRAINT "pairings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_years" ADD CONSTRAINT "program_years_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_scope_code_regions_code_fk" FOREIGN KEY ("scope_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_aliases" ADD CONSTRAINT "region_aliases_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "regions_parent_code_regions_code_fk" FOREIGN KEY ("parent_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_opd_id_opds_id_fk" FOREIGN KEY ("opd_id") REFERENCES "public"."opds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_village_code_regions_code_fk" FOREIGN KEY ("village_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_actor_idx" ON "audit_log" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "opds_name_uq" ON "opds" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "pairing_mentors_current_uq" ON "pairing_mentors" USING btree ("pairing_id","user_id") WHERE "pairing_mentors"."removed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "pairings_one_active_per_village_uq" ON "pairings" USING btree ("program_year_id","village_code") WHERE "pairings"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "pairings_one_village_per_opd_uq" ON "pairings" USING btree ("program_year_id","opd_id") WHERE "pairings"."status" = 'active' and "pairings"."exclusive_opd";--> statement-breakpoint
CREATE INDEX "pairings_opd_idx" ON "pairings" USING btree ("opd_id");--> statement-breakpoint
CREATE INDEX "pairings_village_idx" ON "pairings" USING btree ("village_code");--> statement-breakpoint
CREATE UNIQUE INDEX "program_years_program_year_uq" ON "program_years" USING btree ("program_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "region_aliases_region_key_uq" ON "region_aliases" USING btree ("region_code","alias_key");--> statement-breakpoint
CREATE INDEX "region_aliases_key_idx" ON "region_aliases" USING btree ("alias_key");--> statement-breakpoint
CREATE INDEX "regions_parent_idx" ON "regions" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "regions_name_key_idx" ON "regions" USING btree ("name_key");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_uq" ON "users" USING btree ("username");