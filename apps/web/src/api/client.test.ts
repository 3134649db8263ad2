import { describe, expect, it } from 'vitest';
import { buildUrl, issuesToFieldErrors, toApiError } from './client.ts';

describe('toApiError', () => {
  it('parses the API error shape, with English text and field issues', () => {
    const err = toApiError(409, {
      error: {
        code: 'conflict',
        message: 'Kelurahan Kali Baros sudah didampingi Dinas Perumahan Rakyat dan Kawasan Permukiman',
        details: {
          existingPairingId: 4,
          issues: [{ path: 'body.villageCode', message: 'Sudah didampingi' }],
          messageEn: 'Village Kali Baros is already paired with Dinas Perumahan Rakyat dan Kawasan Permukiman',
        },
      },
    });
    expect(err.status).toBe(409);
    expect(err.code).toBe('conflict');
    expect(err.messageId).toContain('sudah didampingi');
    expect(err.messageEn).toContain('already paired');
    expect(err.fieldErrors()).toEqual({ villageCode: 'Sudah didampingi' });
    expect(err.details.existingPairingId).toBe(4);
  });

  it('falls back to the Indonesian text when there is no English one', () => {
    const err = toApiError(404, { error: { code: 'not_found', message: 'Tidak ditemukan' } });
    expect(err.messageEn).toBe('Tidak ditemukan');
    expect(err.issues).toEqual([]);
  });

  it('copes with bodies that are not the API shape', () => {
    const err = toApiError(502, '<html>Bad gateway</html>');
    expect(err.code).toBe('internal');
    expect(err.messageEn).toContain('502');
  });
});

describe('issuesToFieldErrors', () => {
  it('keeps the first message per field', () => {
    expect(
      issuesToFieldErrors([
        { path: 'body.decreeNumber', message: 'Nomor SK wajib diisi' },
        { path: 'body.decreeNumber', message: 'second' },
        { path: 'body.mentors.0.userId', message: 'x' },
      ]),
    ).toEqual({ decreeNumber: 'Nomor SK wajib diisi', 'mentors.0.userId': 'x' });
  });
});

describe('buildUrl', () => {
  it('drops empty query values', () => {
    expect(buildUrl('/regions', { q: 'Kalibaros', level: 4, within: undefined, x: '' })).toBe('/regions?q=Kalibaros&level=4');
    expect(buildUrl('/scope')).toBe('/scope');
  });
});
