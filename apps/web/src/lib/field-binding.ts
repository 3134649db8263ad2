import type { ChangeEvent } from 'react';

/** The keys of `V` whose values are plain strings (any string may be set there). */
export type StringKeys<V> = { [P in keyof V]-?: string extends V[P] ? (V[P] extends string ? P : never) : never }[keyof V];

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/**
 * Binds text fields to a form's values: `field('title')` gives the `value`, `onChange` and
 * `error` props for the field of that key, so a form writes each of them once. For a row of a
 * list, `prefix` names the row in the error paths (`followUps.2.` → `followUps.2.dueOn`).
 */
export function fieldBinder<V extends object>(
  values: V,
  set: (key: StringKeys<V>, value: string) => void,
  errors: Readonly<Record<string, string | undefined>>,
  prefix = '',
) {
  return <K extends StringKeys<V>>(key: K) => ({
    value: values[key] as string,
    onChange: (e: ChangeEvent<Control>) => set(key, e.target.value),
    error: errors[`${prefix}${String(key)}`],
  });
}
