import { describe, expect, it } from 'vitest';
import { maskId, maskName } from './masking.ts';

describe('masking', () => {
  it('keeps only the kab/kota prefix and two last digits of a NIK or No KK', () => {
    expect(maskId('3375014507850001')).toBe('3375**********01');
    expect(maskId('3375014507850001')).not.toContain('450785');
    expect(maskId(null)).toBeNull();
  });
  it('keeps only the initials of a name', () => {
    expect(maskName('Siti Aminah')).toBe('S*** A*****');
    expect(maskName('Sri')).toBe('S**');
  });
});
