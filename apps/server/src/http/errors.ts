import type { ErrorCode, FieldIssue } from '@dampingan/contracts';
import type { z } from 'zod';

export interface Message {
  id: string;
  en: string;
}

/**
 * The one error type domain code throws. `message` is Bahasa Indonesia (the UI's first language);
 * the English text travels in `details.messageEn`. Mapped to `{error:{code,message,details}}`.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly msg: Message,
    readonly details?: Record<string, unknown>,
  ) {
    super(msg.en);
    this.name = 'AppError';
  }
}

export const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  locked: 423,
  rate_limited: 429,
  db_busy: 503,
  internal: 500,
};

export const notFound = (what: string, whatEn: string, id: string | number) =>
  new AppError('not_found', { id: `${what} ${id} tidak ditemukan`, en: `${whatEn} ${id} not found` });

export const forbidden = (id = 'Anda tidak berwenang melakukan ini', en = 'You are not allowed to do this') =>
  new AppError('forbidden', { id, en });

export function zodIssues(err: z.ZodError, prefix?: string): FieldIssue[] {
  return err.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'),
    message: i.message,
  }));
}

export function validationError(issues: FieldIssue[]): AppError {
  const first = issues[0];
  const where = first?.path ? ` (${first.path})` : '';
  return new AppError(
    'validation_failed',
    { id: `Data tidak valid${where}: ${first?.message ?? ''}`, en: `Invalid input${where}: ${first?.message ?? ''}` },
    { issues },
  );
}
