import { describe, expect, it } from 'vitest';
import { OpdInputSchema, PairingInputSchema, PasswordSchema, ProgramInputSchema, RegionCodeSchema, UserInputSchema } from './index.ts';

describe('shared contracts', () => {
  it('accepts Kemendagri codes at every level and refuses malformed ones', () => {
    for (const ok of ['33', '33.75', '33.75.01', '33.75.01.1002']) expect(RegionCodeSchema.safeParse(ok).success).toBe(true);
    for (const bad of ['3375', '33.7', '33.75.01.102', '33.75.01.1002.1', '']) expect(RegionCodeSchema.safeParse(bad).success).toBe(false);
  });
  it('requires passwords of 10+ characters with letters and digits', () => {
    expect(PasswordSchema.safeParse('Demo-Dampingan-2026').success).toBe(true);
    expect(PasswordSchema.safeParse('short1').success).toBe(false);
    expect(PasswordSchema.safeParse('onlyletterslong').success).toBe(false);
  });
  it('ties a mentor to an OPD and an operator to a kelurahan', () => {
    const base = { username: 'uji.satu', fullName: 'Uji', password: 'Password-123' };
    expect(UserInputSchema.safeParse({ ...base, role: 'mentor' }).success).toBe(false);
    expect(UserInputSchema.safeParse({ ...base, role: 'mentor', opdId: 3 }).success).toBe(true);
    expect(UserInputSchema.safeParse({ ...base, role: 'operator' }).success).toBe(false);
    expect(UserInputSchema.safeParse({ ...base, role: 'operator', villageCode: '33.75.02.1012' }).success).toBe(true);
  });
  it('checks date and year ranges', () => {
    expect(OpdInputSchema.safeParse({ name: 'Dinas Uji', type: 'dinas', validFrom: '2026-02-01', validTo: '2026-01-01' }).success).toBe(
      false,
    );
    const program = {
      name: 'Program Uji',
      decreeType: 'sk_wali_kota',
      decreeNumber: '1',
      decreeDate: '2021-12-22',
      decreeIssuer: 'Wali Kota',
      startYear: 2022,
    };
    expect(ProgramInputSchema.safeParse({ ...program, endYear: 2021 }).success).toBe(false);
    expect(ProgramInputSchema.parse(program).oneVillagePerOpd).toBe(true);
  });
  it('defaults a pairing to no continuation and no mentors', () => {
    const p = PairingInputSchema.parse({ opdId: 1, villageCode: '33.75.02.1012', decreeNumber: 'SK/1', decreeDate: '2026-01-12' });
    expect(p).toMatchObject({ continuation: false, mentors: [] });
  });
});
