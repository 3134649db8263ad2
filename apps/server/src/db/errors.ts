/** PostgreSQL error code of a driver error (pg and PGlite both set `code`; Drizzle may wrap in `cause`). */
export function pgErrorCode(err: unknown): { code?: string; constraint?: string } {
  let e: unknown = err;
  for (let i = 0; i < 5 && e; i++) {
    const x = e as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (typeof x.code === 'string' && /^[0-9A-Z]{5}$/.test(x.code)) {
      return { code: x.code, constraint: typeof x.constraint === 'string' ? x.constraint : undefined };
    }
    e = x.cause;
  }
  return {};
}

export const UNIQUE_VIOLATION = '23505';
