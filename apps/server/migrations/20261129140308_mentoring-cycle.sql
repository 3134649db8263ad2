CREATE TABLE "evaluations" (
	"pairing_id" integer PRIMARY KEY NOT NULL,
	"decision" text,
	"decision_reason" text,
	"summary" text,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluations_decision_check" CHECK ("evaluations"."decision" is null or "evaluations"."decision" in ('continue','graduate'))
);
--> statement-breakpoint
CREATE TABLE "evidence_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"pairing_id" integer NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" integer NOT NULL,
	"sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"taken_at" timestamp with time zone,
	"lat" double precision,
	"lng" double precision,
	"uploaded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_subject_check" CHECK ("evidence_files"."subject_type" in ('intervention','visit','spot_check_item')),
	CONSTRAINT "evidence_sha_check" CHECK ("evidence_files"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "family_verifications" (
	"id" serial PRIMARY KEY NOT NULL,
	"pairing_id" integer NOT NULL,
	"family_id" integer NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"verified_on" date NOT NULL,
	"verified_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "family_verifications_status_check" CHECK ("family_verifications"."status" in ('confirmed','needs_help','improved','moved','not_found'))
);
--> statement-breakpoint
CREATE TABLE "follow_ups" (
	"id" serial PRIMARY KEY NOT NULL,
	"visit_id" integer NOT NULL,
	"action" text NOT NULL,
	"owner_opd_id" integer,
	"owner_name" text,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_on" date,
	"closing_note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follow_ups_status_check" CHECK ("follow_ups"."status" in ('open','done')),
	CONSTRAINT "follow_ups_closed_check" CHECK ("follow_ups"."status" = 'open' or ("follow_ups"."closed_on" is not null and "follow_ups"."closing_note" is not null))
);
--> statement-breakpoint
CREATE TABLE "indicator_targets" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_item_id" integer NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"indicator_key" text,
	"baseline" double precision NOT NULL,
	"target" double precision NOT NULL,
	"target_date" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intervention_beneficiaries" (
	"id" serial PRIMARY KEY NOT NULL,
	"intervention_id" integer NOT NULL,
	"family_id" integer NOT NULL,
	"person_id" integer
);
--> statement-breakpoint
CREATE TABLE "intervention_costs" (
	"id" serial PRIMARY KEY NOT NULL,
	"intervention_id" integer NOT NULL,
	"funding_source" text NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "intervention_costs_amount_check" CHECK ("intervention_costs"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "interventions" (
	"id" serial PRIMARY KEY NOT NULL,
	"pairing_id" integer NOT NULL,
	"plan_item_id" integer,
	"opd_id" integer NOT NULL,
	"title" text NOT NULL,
	"help_type" text NOT NULL,
	"reach" text DEFAULT 'families' NOT NULL,
	"delivered_on" date NOT NULL,
	"output_volume" double precision,
	"output_unit" text,
	"status" text DEFAULT 'done' NOT NULL,
	"notes" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "interventions_reach_check" CHECK ("interventions"."reach" in ('families','village')),
	CONSTRAINT "interventions_status_check" CHECK ("interventions"."status" in ('planned','in_progress','done','cancelled'))
);
--> statement-breakpoint
CREATE TABLE "monthly_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"pairing_id" integer NOT NULL,
	"month" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"narrative" text,
	"obstacles" text,
	"next_steps" text,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"locked" boolean DEFAULT false NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" integer,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" integer,
	"review_comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monthly_reports_status_check" CHECK ("monthly_reports"."status" in ('draft','submitted','accepted','returned')),
	CONSTRAINT "monthly_reports_month_check" CHECK (extract(day from "monthly_reports"."month") = 1),
	CONSTRAINT "monthly_reports_locked_check" CHECK (not "monthly_reports"."locked" or "monthly_reports"."status" = 'accepted')
);
--> statement-breakpoint
CREATE TABLE "plan_item_families" (
	"plan_item_id" integer NOT NULL,
	"family_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"pairing_id" integer NOT NULL,
	"problem_id" integer NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"term" text NOT NULL,
	"start_year" integer NOT NULL,
	"end_year" integer NOT NULL,
	"responsible_opd_id" integer NOT NULL,
	"partners" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"help_type" text NOT NULL,
	"output_volume" double precision,
	"output_unit" text,
	"estimated_cost" bigint,
	"funding_source" text,
	"planning_channel" text,
	"target_filter" jsonb,
	"due_on" date,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_items_term_check" CHECK ("plan_items"."term" in ('short','medium','long')),
	CONSTRAINT "plan_items_years_check" CHECK ("plan_items"."end_year" >= "plan_items"."start_year"),
	CONSTRAINT "plan_items_status_check" CHECK ("plan_items"."status" in ('active','cancelled','done')),
	CONSTRAINT "plan_items_cost_check" CHECK ("plan_items"."estimated_cost" is null or "plan_items"."estimated_cost" >= 0)
);
--> statement-breakpoint
CREATE TABLE "plan_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"pairing_id" integer NOT NULL,
	"version" integer NOT NULL,
	"items" jsonb NOT NULL,
	"change_reason" text,
	"approved_by" integer,
	"approved_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"pairing_id" integer PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"change_reason" text,
	"submitted_at" timestamp with time zone,
	"submitted_by" integer,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" integer,
	"review_comment" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_status_check" CHECK ("plans"."status" in ('draft','submitted','approved','returned'))
);
--> statement-breakpoint
CREATE TABLE "problem_families" (
	"problem_id" integer NOT NULL,
	"family_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problems" (
	"id" serial PRIMARY KEY NOT NULL,
	"pairing_id" integer NOT NULL,
	"kind" text DEFAULT 'problem' NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"evidence" text,
	"severity" text DEFAULT 'medium' NOT NULL,
	"rw" text,
	"rt" text,
	"status" text DEFAULT 'accepted' NOT NULL,
	"origin" text DEFAULT 'mentor' NOT NULL,
	"proposal_key" text,
	"indicator_key" text,
	"baseline_value" double precision,
	"baseline_date" date,
	"dismissed_reason" text,
	"carried_from_id" integer,
	"eval_outcome" text,
	"eval_reason" text,
	"eval_value" double precision,
	"evaluated_at" timestamp with time zone,
	"evaluated_by" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "problems_kind_check" CHECK ("problems"."kind" in ('problem','potential')),
	CONSTRAINT "problems_severity_check" CHECK ("problems"."severity" in ('low','medium','high')),
	CONSTRAINT "problems_status_check" CHECK ("problems"."status" in ('proposed','accepted','dismissed')),
	CONSTRAINT "problems_origin_check" CHECK ("problems"."origin" in ('mentor','registry','carried_over')),
	CONSTRAINT "problems_dismissed_check" CHECK ("problems"."status" <> 'dismissed' or "problems"."dismissed_reason" is not null),
	CONSTRAINT "problems_eval_check" CHECK ("problems"."eval_outcome" is null or "problems"."eval_outcome" in ('addressed','partly','not'))
);
--> statement-breakpoint
CREATE TABLE "report_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"report_id" integer NOT NULL,
	"action" text NOT NULL,
	"comment" text,
	"actor_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_events_action_check" CHECK ("report_events"."action" in ('submit','return','accept','unlock'))
);
--> statement-breakpoint
CREATE TABLE "spot_check_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"spot_check_id" integer NOT NULL,
	"intervention_id" integer NOT NULL,
	"outcome" text DEFAULT 'pending' NOT NULL,
	"note" text,
	"checked_on" date,
	"checked_by" integer,
	CONSTRAINT "spot_check_items_outcome_check" CHECK ("spot_check_items"."outcome" in ('pending','verified','discrepancy','not_found'))
);
--> statement-breakpoint
CREATE TABLE "spot_checks" (
	"id" serial PRIMARY KEY NOT NULL,
	"pairing_id" integer NOT NULL,
	"seed" text NOT NULL,
	"sample_size" integer NOT NULL,
	"population" integer NOT NULL,
	"drawn_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_visits" (
	"id" serial PRIMARY KEY NOT NULL,
	"pairing_id" integer NOT NULL,
	"visited_on" date NOT NULL,
	"visitors" text NOT NULL,
	"findings" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "village_profiles" (
	"pairing_id" integer PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"updated_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_role_check";--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_pairing_id_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."pairings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_pairing_id_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."pairings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_verifications" ADD CONSTRAINT "family_verifications_pairing_id_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."pairings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_verifications" ADD CONSTRAINT "family_verifications_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_verifications" ADD CONSTRAINT "family_verifications_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_visit_id_supervision_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."supervision_visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_owner_opd_id_opds_id_fk" FOREIGN KEY ("owner_opd_id") REFERENCES "public"."opds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_plan_item_id_plan_items_id_fk" FOREIGN KEY ("plan_item_id") REFERENCES "public"."plan_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_beneficiaries" ADD CONSTRAINT "intervention_beneficiaries_intervention_id_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."interventions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_beneficiaries" ADD CONSTRAINT "intervention_beneficiaries_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_beneficiaries" ADD CONSTRAINT "intervention_beneficiaries_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_costs" ADD CONSTRAINT "intervention_costs_intervention_id_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."interventions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interventions" ADD CONSTRAINT "interventions_pairing_id_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."pairings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interventions" ADD CONSTRAINT "interventions_plan_item_id_plan_items_id_fk" FOREIGN KEY ("plan_item_id") REFERENCES "public"."plan_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interventions" ADD CONSTRAINT "interventions_opd_id_opds_id_fk" FOREIGN KEY ("opd_id") REFERENCES "public"."opds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interventions" ADD CONSTRAINT "interventions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD CONSTRAINT "monthly_reports_pairing_id_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."pairings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD CONSTRAINT "monthly_reports_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD CONSTRAINT "monthly_reports_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_item_families" ADD CONSTRAINT "plan_item_families_plan_item_id_plan_items_id_fk" FOREIGN KEY ("plan_item_id") REFERENCES "public"."plan_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_item_families" ADD CONSTRAINT "plan_item_families_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_pairing_id_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."pairings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_responsible_opd_id_opds_id_fk" FOREIGN KEY ("responsible_opd_id") REFERENCES "public"."opds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_pairing_id_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."pairings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_pairing_id_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."pairings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_families" ADD CONSTRAINT "problem_families_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_families" ADD CONSTRAINT "problem_families_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_pairing_id_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."pairings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_carried_from_id_problems_id_fk" FOREIGN KEY ("carried_from_id") REFERENCES "public"."problems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_evaluated_by_users_id_fk" FOREIGN KEY ("evaluated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_events" ADD CONSTRAINT "report_events_report_id_monthly_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."monthly_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_events" ADD CONSTRAINT "report_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_check_items" ADD CONSTRAINT "spot_check_items_spot_check_id_spot_checks_id_fk" FOREIGN KEY ("spot_check_id") REFERENCES "public"."spot_checks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_check_items" ADD CONSTRAINT "spot_check_items_intervention_id_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."interventions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_check_items" ADD CONSTRAINT "spot_check_items_checked_by_users_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_checks" ADD CONSTRAINT "spot_checks_pairing_id_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."pairings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_checks" ADD CONSTRAINT "spot_checks_drawn_by_users_id_fk" FOREIGN KEY ("drawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_visits" ADD CONSTRAINT "supervision_visits_pairing_id_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."pairings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_visits" ADD CONSTRAINT "supervision_visits_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "village_profiles" ADD CONSTRAINT "village_profiles_pairing_id_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."pairings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "village_profiles" ADD CONSTRAINT "village_profiles_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evidence_subject_idx" ON "evidence_files" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "family_verifications_uq" ON "family_verifications" USING btree ("pairing_id","family_id");--> statement-breakpoint
CREATE INDEX "follow_ups_visit_idx" ON "follow_ups" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "indicator_targets_item_idx" ON "indicator_targets" USING btree ("plan_item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "intervention_beneficiaries_uq" ON "intervention_beneficiaries" USING btree ("intervention_id","family_id","person_id");--> statement-breakpoint
CREATE INDEX "intervention_beneficiaries_family_idx" ON "intervention_beneficiaries" USING btree ("family_id");--> statement-breakpoint
CREATE UNIQUE INDEX "intervention_costs_uq" ON "intervention_costs" USING btree ("intervention_id","funding_source");--> statement-breakpoint
CREATE INDEX "interventions_pairing_idx" ON "interventions" USING btree ("pairing_id","delivered_on");--> statement-breakpoint
CREATE INDEX "interventions_plan_item_idx" ON "interventions" USING btree ("plan_item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "monthly_reports_uq" ON "monthly_reports" USING btree ("pairing_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_item_families_pk" ON "plan_item_families" USING btree ("plan_item_id","family_id");--> statement-breakpoint
CREATE INDEX "plan_item_families_family_idx" ON "plan_item_families" USING btree ("family_id");--> statement-breakpoint
CREATE INDEX "plan_items_pairing_idx" ON "plan_items" USING btree ("pairing_id");--> statement-breakpoint
CREATE INDEX "plan_items_problem_idx" ON "plan_items" USING btree ("problem_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_versions_uq" ON "plan_versions" USING btree ("pairing_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "problem_families_pk" ON "problem_families" USING btree ("problem_id","family_id");--> statement-breakpoint
CREATE INDEX "problem_families_family_idx" ON "problem_families" USING btree ("family_id");--> statement-breakpoint
CREATE INDEX "problems_pairing_idx" ON "problems" USING btree ("pairing_id");--> statement-breakpoint
CREATE UNIQUE INDEX "problems_proposal_uq" ON "problems" USING btree ("pairing_id","proposal_key");--> statement-breakpoint
CREATE INDEX "report_events_report_idx" ON "report_events" USING btree ("report_id");--> statement-breakpoint
CREATE UNIQUE INDEX "spot_check_items_uq" ON "spot_check_items" USING btree ("spot_check_id","intervention_id");--> statement-breakpoint
CREATE INDEX "spot_checks_pairing_idx" ON "spot_checks" USING btree ("pairing_id");--> statement-breakpoint
CREATE INDEX "supervision_visits_pairing_idx" ON "supervision_visits" USING btree ("pairing_id","visited_on");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_role_check" CHECK ("users"."role" in ('admin','mentor','operator','viewer','supervisor'));