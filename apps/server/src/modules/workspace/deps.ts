import type { Database, Db } from '../../db/client.ts';
import type { AuditService } from '../audit/audit.service.ts';

/** What every module of the mentoring cycle gets from createServices. */
export interface WorkspaceModuleDeps {
  db: Db;
  database: Database;
  audit: AuditService;
  clock: () => Date;
  /** where evidence files (photos, documents) are stored by sha256; DATA_DIR/evidence in production */
  evidenceDir: string;
}
