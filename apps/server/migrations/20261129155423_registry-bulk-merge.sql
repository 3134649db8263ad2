ALTER TABLE "families" DROP CONSTRAINT "families_first_import_id_registry_imports_id_fk";
--> statement-breakpoint
ALTER TABLE "families" DROP CONSTRAINT "families_last_import_id_registry_imports_id_fk";
--> statement-breakpoint
ALTER TABLE "family_snapshots" DROP CONSTRAINT "family_snapshots_import_id_registry_imports_id_fk";
--> statement-breakpoint
ALTER TABLE "persons" DROP CONSTRAINT "persons_first_import_id_registry_imports_id_fk";
--> statement-breakpoint
ALTER TABLE "persons" DROP CONSTRAINT "persons_last_import_id_registry_imports_id_fk";
--> statement-breakpoint
ALTER TABLE "family_snapshots" ALTER COLUMN "data" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "family_snapshots" ADD COLUMN "content_hash" text;