import { useCallback, useState } from 'react';
import type { z } from 'zod';
import { ApiError } from '../api/client.ts';
import { type FieldErrors, validate } from './validate.ts';

/**
 * Form state with the house pattern: validate with the contracts schema in the browser first,
 * then send; the server's `details.issues` land on the same fields, its message in the alert.
 */
export function useForm<V extends object>(initial: V) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const set = useCallback(<K extends keyof V>(key: K, value: V[K]) => setValues((v) => ({ ...v, [key]: value })), []);

  async function submit<S extends z.ZodType>(schema: S, input: unknown, action: (data: z.output<S>) => Promise<void>): Promise<boolean> {
    const v = validate(schema, input);
    setErrors(v.ok ? {} : v.errors);
    setError(null);
    if (!v.ok) return false;
    setBusy(true);
    try {
      await action(v.data);
      return true;
    } catch (err) {
      setError(err);
      if (err instanceof ApiError) setErrors(err.fieldErrors());
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { values, setValues, set, errors, setErrors, error, setError, busy, submit };
}
