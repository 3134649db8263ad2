/**
 * Sensitive personal data (UU 27/2022 on personal data protection): NIK, No KK and mother's
 * maiden name are masked in every read; showing one in full needs a stated reason and is audited.
 */

/** `3375014507850001` -> `3375**********01`: the kab/kota stays visible for orientation. */
export function maskId(id: string | null): string | null {
  if (!id) return id;
  if (id.length < 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 6)}${id.slice(-2)}`;
}

/** `Siti Aminah` -> `S**** A*****` */
export function maskName(name: string | null): string | null {
  if (!name) return name;
  return name
    .split(/\s+/)
    .map((w) => (w.length <= 1 ? w : `${w[0]}${'*'.repeat(w.length - 1)}`))
    .join(' ');
}
