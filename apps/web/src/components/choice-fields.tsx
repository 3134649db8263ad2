import type { SelectHTMLAttributes } from 'react';
import { SelectField } from './fields.tsx';

type SelectProps = {
  label: string;
  error?: string | undefined;
  hint?: string;
  className?: string;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'children'>;

/**
 * A select over a fixed list of codes (a zod enum's options), each shown by `optionLabel`.
 * `blank`, when given, is a first option with the empty value ("—", "Pilih…").
 */
export function OptionSelect<O extends string>({
  options,
  optionLabel,
  blank,
  ...select
}: SelectProps & { options: readonly O[]; optionLabel: (o: O) => string; blank?: string }) {
  return (
    <SelectField {...select}>
      {blank !== undefined ? <option value="">{blank}</option> : null}
      {options.map((o) => (
        <option key={o} value={o}>
          {optionLabel(o)}
        </option>
      ))}
    </SelectField>
  );
}

/**
 * A select of OPDs by name. While the list is not loaded (or empty), the current id stands
 * alone as its own option so the value is kept.
 */
export function OpdSelect({
  opds,
  fallbackId,
  ...select
}: SelectProps & { opds: readonly { id: number; name: string }[]; fallbackId: number | string }) {
  return (
    <SelectField {...select}>
      {opds.length === 0 ? <option value={fallbackId}>{fallbackId}</option> : null}
      {opds.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </SelectField>
  );
}
