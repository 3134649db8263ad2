import { describe, expect, it } from 'vitest';
import { en } from './messages.en.ts';
import { id } from './messages.id.ts';
import { interpolate, lookup, parseLang } from './translate.ts';

const dicts = {
  id: { 'a.hello': 'Halo, {name}', 'a.only': 'Hanya ID' },
  en: { 'a.hello': 'Hello, {name}' },
};

describe('lookup', () => {
  it('uses the current language', () => {
    expect(lookup(dicts, 'en', 'a.hello', { name: 'Sari' })).toBe('Hello, Sari');
    expect(lookup(dicts, 'id', 'a.hello', { name: 'Sari' })).toBe('Halo, Sari');
  });

  it('falls back to Bahasa Indonesia, then to the key itself', () => {
    expect(lookup(dicts, 'en', 'a.only')).toBe('Hanya ID');
    expect(lookup(dicts, 'en', 'a.missing')).toBe('a.missing');
  });
});

describe('interpolate', () => {
  it('fills known placeholders and leaves unknown ones visible', () => {
    expect(interpolate('{paired} dari {total}', { paired: 5, total: 27 })).toBe('5 dari 27');
    expect(interpolate('{paired} dari {total}', { paired: 5 })).toBe('5 dari {total}');
    expect(interpolate('tanpa parameter')).toBe('tanpa parameter');
  });
});

describe('parseLang', () => {
  it('accepts id and en, and defaults to id', () => {
    expect(parseLang('en')).toBe('en');
    expect(parseLang('id')).toBe('id');
    expect(parseLang('fr')).toBe('id');
    expect(parseLang(null)).toBe('id');
  });
});

describe('dictionaries', () => {
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it('have the same keys and no empty text', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
    for (const [key, text] of [...Object.entries(id), ...Object.entries(en)]) expect(text.trim(), key).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(id) as (keyof typeof id)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(id[key]));
    }
  });
});
