/**
 * PGlite has exactly one connection and no postmaster guarding its files: two processes
 * opening the same data directory corrupt it. The process that opens it (the server, or a CLI
 * command while no server runs) holds this lock file; the other is refused with a message
 * naming the holder (docs/decisions/0002-embedded-connection-owner.md).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface DataDirLock {
  readonly file: string;
  release(): void;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly holder: { pid: number; owner: string; startedAt: string },
    readonly dataDir: string,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by "${holder.owner}" (pid ${holder.pid}, since ${holder.startedAt}). ` +
        'Stop that process first, or run against PostgreSQL with DATABASE_URL. ' +
        `(Basis data tertanam sedang dipakai oleh proses ${holder.pid}; hentikan dulu proses itu.)`,
    );
    this.name = 'DataDirLockedError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDataDirLock(dataDir: string, owner: string): DataDirLock {
  const file = path.join(dataDir, 'dampingan.lock');
  const body = JSON.stringify({ pid: process.pid, owner, startedAt: new Date().toISOString() });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, body, { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.removeListener('exit', release);
        try {
          const cur = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number };
          if (cur.pid === process.pid) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return { file, release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let holder: { pid: number; owner: string; startedAt: string };
      try {
        holder = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch {
        holder = { pid: -1, owner: 'unknown', startedAt: '?' };
      }
      if (holder.pid > 0 && holder.pid !== process.pid && alive(holder.pid)) {
        throw new DataDirLockedError(holder, dataDir);
      }
      // Stale lock from a killed process: remove and retry.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not acquire the lock ${file}`);
}
