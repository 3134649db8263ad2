import type { z } from 'zod';

export type FieldErrors = Record<string, string>;

export type Validated<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Runs a contracts schema on form values; the first message per field, keyed like the server's `body.<field>`. */
export function validate<S extends z.ZodType>(schema: S, values: unknown): Validated<z.output<S>> {
  const res = schema.safeParse(values);
  if (res.success) return { ok: true, data: res.data };
  const errors: FieldErrors = {};
  for (const issue of res.error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

/** Empty text inputs mean "not given". */
export function blankToNull(value: string): string | null {
  const v = value.trim();
  return v === '' ? null : v;
}
