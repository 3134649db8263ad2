import { describe, expect, it } from 'vitest';
import { isWithin, nameKey, queryKey, regionLevel, villageTypeFromCode } from './region-name.ts';

describe('nameKey', () => {
  it('folds spacing variants of Kota Pekalongan kelurahan names', () => {
    expect(nameKey('Kali Baros')).toBe(nameKey('Kalibaros'));
    expect(nameKey('Pasir Kraton Kramat')).toBe(nameKey('Pasirkratonkramat'));
    expect(nameKey('Soko Duwet')).toBe(nameKey('Sokoduwet'));
    expect(nameKey('Noyontaan Sari')).toBe(nameKey('Noyontaansari'));
  });
  it('folds old spelling and accents', () => {
    expect(nameKey('Djokdjakarta')).toBe(nameKey('Jokjakarta'));
    expect(nameKey('Tjilatjap')).toBe(nameKey('Cilacap'));
    expect(nameKey('Soerabaja')).toBe(nameKey('Surabaja'));
    expect(nameKey('Pékalongan')).toBe('pekalongan');
  });
  it('keeps different names apart', () => {
    expect(nameKey('Medono')).not.toBe(nameKey('Podosugih'));
  });
});

describe('queryKey', () => {
  it('drops leading type words typed by users', () => {
    expect(queryKey('Kelurahan Kali Baros')).toBe('kalibaros');
    expect(queryKey('kec. Pekalongan Barat')).toBe('pekalonganbarat');
    expect(queryKey('Desa Medono')).toBe('medono');
  });
});

describe('codes', () => {
  it('derives village type from the code convention', () => {
    expect(villageTypeFromCode('33.75.01.1002')).toBe('kelurahan');
    expect(villageTypeFromCode('11.01.01.2001')).toBe('desa');
    expect(villageTypeFromCode('91.03.01.3001')).toBe('desa_adat');
    expect(villageTypeFromCode('33.75.01')).toBeNull();
  });
  it('reads levels and scope membership', () => {
    expect(regionLevel('33')).toBe(1);
    expect(regionLevel('33.75.01.1002')).toBe(4);
    expect(regionLevel('33.7')).toBeNull();
    expect(isWithin('33.75.01.1002', '33.75')).toBe(true);
    expect(isWithin('33.751', '33.75')).toBe(false);
    expect(isWithin('33.76.01', '33.75')).toBe(false);
  });
});
