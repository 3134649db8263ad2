import type { ChangeEvent } from 'react';
import { describe, expect, it } from 'vitest';
import { fieldBinder } from './field-binding.ts';

const change = (value: string) => ({ target: { value } }) as unknown as ChangeEvent<HTMLInputElement>;

describe('fieldBinder', () => {
  it('gives the value, the error and a setter for one key', () => {
    const values = { title: 'Jamban', unit: '' };
    const calls: [string, string][] = [];
    const field = fieldBinder(values, (k, v) => calls.push([k, v]), { title: 'Terlalu pendek' });

    const title = field('title');
    expect(title.value).toBe('Jamban');
    expect(title.error).toBe('Terlalu pendek');
    expect(field('unit').error).toBeUndefined();

    title.onChange(change('Jamban sehat'));
    field('unit').onChange(change('unit'));
    expect(calls).toEqual([
      ['title', 'Jamban sehat'],
      ['unit', 'unit'],
    ]);
  });

  it('reads the errors of a row under its prefix', () => {
    const field = fieldBinder({ dueOn: '' }, () => {}, { 'followUps.1.dueOn': 'Wajib diisi', dueOn: 'other' }, 'followUps.1.');
    expect(field('dueOn').error).toBe('Wajib diisi');
  });
});
