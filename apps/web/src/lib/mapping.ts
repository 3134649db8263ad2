import { AssetSchema, DisabilitySchema, ProgramCodeSchema, RegionNameFieldSchema, RegistryRecordSchema } from '@dampingan/contracts';

/** Every target a saved column mapping may name (apps/server header-map.ts `isFieldKey`). */
export const MAPPING_TARGETS: readonly string[] = [
  ...Object.keys(RegistryRecordSchema.shape),
  ...RegionNameFieldSchema.options,
  'rtRw',
  ...AssetSchema.options.map((a) => `assets:${a}`),
  ...ProgramCodeSchema.options.map((p) => `familyPrograms:${p}`),
  ...ProgramCodeSchema.options.map((p) => `personPrograms:${p}`),
  ...DisabilitySchema.options.map((d) => `disabilities:${d}`),
];

const TARGETS = new Set(MAPPING_TARGETS);
/** "-", "abaikan" or "ignore" after the separator: the column is read but ignored. */
const IGNORE = new Set(['', '-', 'abaikan', 'ignore']);

export interface ParsedMapping {
  columns: Record<string, string | null>;
  /** 1-based line numbers that are not `header = field`, or name an unknown field */
  badLines: number[];
}

/**
 * Reads a mapping typed one column per line: `NO_KK_KEL = noKk`, `Nama Lengkap -> name`,
 * `KETERANGAN = -` (ignored). Blank lines and lines starting with # are skipped.
 */
export function parseMappingText(text: string): ParsedMapping {
  const columns: Record<string, string | null> = {};
  const badLines: number[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const m = /^(.+?)\s*(?:=|->|→)\s*(.*)$/.exec(line);
    const header = m?.[1]?.trim();
    const target = m?.[2]?.trim() ?? '';
    if (!m || !header) {
      badLines.push(i + 1);
      return;
    }
    if (IGNORE.has(target.toLowerCase())) columns[header] = null;
    else if (TARGETS.has(target)) columns[header] = target;
    else badLines.push(i + 1);
  });
  return { columns, badLines };
}
