import { useState } from 'react';
import { ApiError } from '../api/client.ts';
import type { FieldErrors } from './validate.ts';

/** Where a running action reports: busy while it runs, the error when it fails. */
export interface ActionState {
  setBusy: (busy: boolean) => void;
  setError: (error: unknown) => void;
  /** given: an API error's field issues land here too */
  setFieldErrors?: ((errors: FieldErrors) => void) | undefined;
}

/**
 * Runs `fn` with `busy` set and the last error cleared; a failure is kept as the error (and, for
 * an API error, its field issues as field errors). Resolves true when `fn` went through.
 */
export async function runAction(fn: () => Promise<void>, s: ActionState): Promise<boolean> {
  s.setBusy(true);
  s.setError(null);
  try {
    await fn();
    return true;
  } catch (err) {
    s.setError(err);
    if (s.setFieldErrors && err instanceof ApiError) s.setFieldErrors(err.fieldErrors());
    return false;
  } finally {
    s.setBusy(false);
  }
}

/** `busy` and `error` state for a button or form that sends something, and `run` to send it. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = (fn: () => Promise<void>, setFieldErrors?: (errors: FieldErrors) => void) =>
    runAction(fn, { setBusy, setError, setFieldErrors });
  return { busy, error, setError, run };
}
