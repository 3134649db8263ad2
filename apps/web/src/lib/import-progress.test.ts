import { describe, expect, it } from 'vitest';
import { durationSeconds, formatBytes, isFinished, percent, processingPercent, splitBilingual } from './import-progress.ts';

describe('percent', () => {
  it('is a whole, clamped percentage', () => {
    expect(percent(0, 200)).toBe(0);
    expect(percent(199, 200)).toBe(99);
    expect(percent(200, 200)).toBe(100);
    expect(percent(250, 200)).toBe(100);
    expect(percent(-5, 200)).toBe(0);
  });

  it('is unknown without a total', () => {
    expect(percent(10, 0)).toBeNull();
    expect(percent(10, undefined)).toBeNull();
    expect(percent(10, Number.POSITIVE_INFINITY)).toBeNull();
  });
});

describe('processingPercent', () => {
  const base = { status: 'running' as const, phase: 'reading', bytesRead: 0, fileBytes: 1000 };
  it('follows the bytes read while reading', () => {
    expect(processingPercent(base)).toBe(0);
    expect(processingPercent({ ...base, bytesRead: 420 })).toBe(42);
  });

  it('is full once merging or finished', () => {
    expect(processingPercent({ ...base, phase: 'merging', bytesRead: 1000 })).toBe(100);
    expect(processingPercent({ ...base, status: 'completed', phase: 'done' })).toBe(100);
    expect(processingPercent({ ...base, status: 'failed', phase: 'done' })).toBe(100);
  });

  it('is indeterminate when the file size is unknown', () => {
    expect(processingPercent({ ...base, fileBytes: 0 })).toBeNull();
  });
});

describe('isFinished', () => {
  it('is true for every status but running', () => {
    expect(isFinished('running')).toBe(false);
    for (const s of ['completed', 'dry_run', 'failed', 'aborted'] as const) expect(isFinished(s)).toBe(true);
  });
});

describe('formatBytes', () => {
  it('uses decimal units and the locale', () => {
    expect(formatBytes(12, 'en-GB')).toBe('12 B');
    expect(formatBytes(629_819, 'en-GB')).toBe('630 kB');
    expect(formatBytes(3_848_628, 'id-ID')).toBe('3,8 MB');
    expect(formatBytes(1_500_000_000, 'en-GB')).toBe('1.5 GB');
  });
});

describe('splitBilingual', () => {
  it('splits "Indonesian / English" at the separator', () => {
    expect(splitBilingual('Berkas kosong / The file is empty')).toEqual({ id: 'Berkas kosong', en: 'The file is empty' });
  });

  it('finds the right separator when the column names themselves contain " / "', () => {
    const cols = 'nama, RT / RW, alamat';
    const text = `Kolom wajib tidak ditemukan: nik. Kolom di berkas: ${cols}. / Required columns not found: nik. Columns in the file: ${cols}.`;
    expect(splitBilingual(text)).toEqual({
      id: `Kolom wajib tidak ditemukan: nik. Kolom di berkas: ${cols}.`,
      en: `Required columns not found: nik. Columns in the file: ${cols}.`,
    });
  });

  it('returns text without a clear separator for both languages', () => {
    expect(splitBilingual('process ended before the import finished')).toEqual({
      id: 'process ended before the import finished',
      en: 'process ended before the import finished',
    });
  });
});

describe('durationSeconds', () => {
  it('is the time between two instants, or null', () => {
    expect(durationSeconds(new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:02.5Z'))).toBe(2.5);
    expect(durationSeconds(new Date(), null)).toBeNull();
  });
});
