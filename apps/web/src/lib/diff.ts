/** One changed field of an audited record, before → after. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Fields that say nothing to a reader of the audit log. */
const NOISE = new Set(['id', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'passwordHash']);

/**
 * The fields that differ between two audit snapshots. A creation (no `before`) lists every
 * filled field of `after`; a deletion lists every field of `before`. Values that are not objects
 * are shown as a single `value` change.
 */
export function diffRecords(before: unknown, after: unknown): FieldChange[] {
  const b = isRecord(before) ? before : before == null ? {} : { value: before };
  const a = isRecord(after) ? after : after == null ? {} : { value: after };
  const creating = before == null;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !NOISE.has(k));
  const changes: FieldChange[] = [];
  for (const field of keys) {
    const bv = b[field] ?? null;
    const av = a[field] ?? null;
    if (same(bv, av)) continue;
    if (creating && (av === null || (Array.isArray(av) && av.length === 0))) continue;
    changes.push({ field, before: bv, after: av });
  }
  return changes.sort((x, y) => x.field.localeCompare(y.field));
}

/** Lists of flat records (e.g. a pairing's mentors) read better as `role: member, userId: 3; …` than as JSON. */
function describe(value: unknown): string {
  if (Array.isArray(value) && value.every(isRecord)) {
    if (value.length === 0) return '—';
    return value
      .map((item) =>
        Object.entries(item)
          .map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
          .join(', '),
      )
      .join('; ');
  }
  return JSON.stringify(value);
}

/** Short text for a value in the diff: `—` for empty, JSON for objects and lists, cut at 160 characters. */
export function formatValue(value: unknown, words: { yes: string; no: string } = { yes: 'ya', no: 'tidak' }): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : describe(value);
  // Long notes would swamp the audit table; the full value stays in the API.
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}
