import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import { runAction } from './use-action.ts';

function recorder() {
  const log: string[] = [];
  let error: unknown = 'old';
  let fieldErrors: Record<string, string> | null = null;
  return {
    log,
    get error() {
      return error;
    },
    get fieldErrors() {
      return fieldErrors;
    },
    state: {
      setBusy: (b: boolean) => log.push(`busy:${b}`),
      setError: (e: unknown) => {
        error = e;
      },
      setFieldErrors: (e: Record<string, string>) => {
        fieldErrors = e;
      },
    },
  };
}

describe('runAction', () => {
  it('is busy while it runs and clears the last error', async () => {
    const r = recorder();
    const ok = await runAction(async () => {
      r.log.push('run');
    }, r.state);
    expect(ok).toBe(true);
    expect(r.log).toEqual(['busy:true', 'run', 'busy:false']);
    expect(r.error).toBeNull();
    expect(r.fieldErrors).toBeNull();
  });

  it('keeps a failure and the field issues of an API error', async () => {
    const r = recorder();
    const failure = new ApiError({
      status: 400,
      code: 'validation_failed',
      messageId: 'Data tidak valid',
      issues: [{ path: 'reason', message: 'Wajib diisi' }],
    });
    const ok = await runAction(async () => {
      throw failure;
    }, r.state);
    expect(ok).toBe(false);
    expect(r.error).toBe(failure);
    expect(r.fieldErrors).toEqual({ reason: 'Wajib diisi' });
    expect(r.log).toEqual(['busy:true', 'busy:false']);
  });

  it('keeps any other failure without touching field errors', async () => {
    const r = recorder();
    const ok = await runAction(async () => {
      throw new Error('offline');
    }, r.state);
    expect(ok).toBe(false);
    expect((r.error as Error).message).toBe('offline');
    expect(r.fieldErrors).toBeNull();
  });
});
