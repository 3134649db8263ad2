/**
 * `npx dampingan <command>`: the command-line front door to the same services as the API.
 * Commands that open the embedded database refuse to run while the server holds it
 * (docs/decisions/0002-embedded-connection-owner.md).
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import {
  AppError,
  bootstrap,
  createServices,
  type Database,
  DataDirLockedError,
  loadConfig,
  SYSTEM,
  seedDemo,
  serve,
} from '@dampingan/server';
import { generateCommand, importCommand } from './registry-commands.ts';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  readStdin: () => Promise<string>;
}

export const HELP = `Dampingan — Satu Perangkat Daerah, Satu Kelurahan Dampingan

Usage: npx dampingan <command> [options]

Commands:
  serve [--demo]                 Start the web app and API (PORT, DATA_DIR, DATABASE_URL, SCOPE).
                                 --demo adds demo accounts and synthetic pairings (Kota Pekalongan).
  migrate                        Apply database migrations and load reference data (regions, OPDs).
  status                         Show the database, scope and what is loaded.
  admin create --username NAME --name "FULL NAME" [--password-stdin]
                                 Create the first admin. Without --password-stdin a strong
                                 one-time password is generated and printed; it must be changed
                                 at first login.
  regions search QUERY [--level 1-4] [--within CODE]
                                 Search regions by name (spelling variants match).
  demo seed                      Add the demo accounts and pairings to this database.
  demo generate --scope CODE --families N [--out FILE] [--seed N] [--messy RATE] [--snapshot 2]
                 [--base-period YYYY-MM-DD]
                                 Write a SYNTHETIC registry file (CSV) following real region codes.
  import registry FILE --source dtsen|dtks|p3ke|local_survey|synthetic --period YYYY-MM-DD
                 [--dataset LABEL] [--dry-run] [--partial] [--mapping NAME] [--json]
                                 Import families and members (CSV , ; | tab, or XLSX). --dry-run
                                 reports without changing anything; --partial: the file is not a
                                 full snapshot of its villages; --json prints one JSON summary.
  help                           Show this help.

Environment: DATA_DIR (embedded database folder, default ./data), DATABASE_URL (use a
PostgreSQL server instead), SCOPE (region served, default 33.75 Kota Pekalongan), PORT (3000),
HOST (127.0.0.1).`;

export async function withDatabase<T>(cmd: string, io: Io, fn: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const { database } = await bootstrap(config, `dampingan ${cmd}`, (m) => io.err(m));
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

export async function run(argv: string[], io: Io): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(HELP);
        return cmd === undefined ? 1 : 0;
      case 'serve': {
        const { values } = parseArgs({ args: rest, options: { demo: { type: 'boolean', default: false } } });
        await serve({ demo: values.demo ?? false });
        return -1; // keeps running
      }
      case 'migrate':
        await withDatabase('migrate', io, async (db) => {
          io.out(`migrations applied on ${db.engine} (${db.location}); reference data loaded`);
        });
        return 0;
      case 'status':
        await withDatabase('status', io, async (database) => {
          const config = loadConfig();
          const services = createServices({ database, scope: config.scope });
          const scope = await services.regions.scopeInfo();
          const res = (await database.db.execute(
            (
              await import('drizzle-orm')
            ).sql`select (select count(*)::int from regions) as regions, (select count(*)::int from opds) as opds,
              (select count(*)::int from users) as users, (select count(*)::int from pairings where status = 'active') as active_pairings`,
          )) as unknown as { rows: Record<string, number>[] };
          io.out(
            JSON.stringify(
              {
                engine: database.engine,
                location: database.location,
                scope: `${scope.code} ${scope.name}`,
                villagesInScope: scope.villageCount,
                ...res.rows[0],
              },
              null,
              2,
            ),
          );
        });
        return 0;
      case 'admin': {
        const [sub, ...args] = rest;
        if (sub !== 'create') {
          io.err('Usage: npx dampingan admin create --username NAME --name "FULL NAME" [--password-stdin]');
          return 2;
        }
        const { values } = parseArgs({
          args,
          options: { username: { type: 'string' }, name: { type: 'string' }, 'password-stdin': { type: 'boolean', default: false } },
        });
        if (!values.username || !values.name) {
          io.err('admin create needs --username and --name');
          return 2;
        }
        const generated = !values['password-stdin'];
        const password = generated ? `${randomBytes(12).toString('base64url')}7a` : (await io.readStdin()).trim();
        await withDatabase('admin create', io, async (database) => {
          const config = loadConfig();
          const services = createServices({ database, scope: config.scope });
          const user = await services.users.createFirstAdmin(SYSTEM, {
            username: values.username as string,
            fullName: values.name as string,
            password,
          });
          if (generated) {
            // Force a change at first login: the printed password must not stay in use.
            await services.users.resetPassword(SYSTEM, user.id, password);
            io.out(`admin "${user.username}" created. One-time password (change it at first login):\n${password}`);
          } else io.out(`admin "${user.username}" created`);
        });
        return 0;
      }
      case 'regions': {
        const [sub, ...args] = rest;
        const { values, positionals } = parseArgs({
          args,
          allowPositionals: true,
          options: { level: { type: 'string' }, within: { type: 'string' }, limit: { type: 'string' } },
        });
        if (sub !== 'search' || positionals.length === 0) {
          io.err('Usage: npx dampingan regions search QUERY [--level 1-4] [--within CODE]');
          return 2;
        }
        await withDatabase('regions search', io, async (database) => {
          const services = createServices({ database, scope: loadConfig().scope });
          const items = await services.regions.search(positionals.join(' '), {
            level: values.level ? Number(values.level) : undefined,
            within: values.within,
            limit: values.limit ? Number(values.limit) : 20,
          });
          for (const r of items)
            io.out(`${r.code.padEnd(14)} ${r.type.padEnd(10)} ${r.name}${r.aliases.length ? ` (alias: ${r.aliases.join(', ')})` : ''}`);
          if (items.length === 0) io.out('(no match)');
        });
        return 0;
      }
      case 'demo': {
        if (rest[0] === 'generate') return await generateCommand(rest.slice(1), io);
        if (rest[0] !== 'seed') {
          io.err('Usage: npx dampingan demo seed | demo generate --scope CODE --families N');
          return 2;
        }
        await withDatabase('demo seed', io, async (database) => {
          const config = loadConfig();
          const services = createServices({ database, scope: config.scope });
          io.out((await seedDemo(database, services, config.scope)) ? 'demo data added' : 'demo data already present');
        });
        return 0;
      }
      case 'import':
        return await importCommand(rest, io);
      default:
        io.err(`Unknown command "${cmd}". Run: npx dampingan --help`);
        return 2;
    }
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      io.err(err.message);
      return 3;
    }
    if (err instanceof AppError) {
      io.err(`${err.msg.en} (${err.msg.id})`);
      return 1;
    }
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      io.err(
        `Port ${process.env.PORT ?? 3000} is already in use (is Dampingan already running?). Set PORT to another port. (Port sudah dipakai.)`,
      );
      return 4;
    }
    if (err instanceof Error && err.name === 'ZodError') {
      io.err(`Invalid input: ${err.message}`);
      return 2;
    }
    throw err;
  }
}
