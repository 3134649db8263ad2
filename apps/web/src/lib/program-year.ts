import type { Program } from '@dampingan/contracts';

export type ProgramYear = Program['years'][number];

/** The year to show first: the latest active year, else the latest year of any status. */
export function currentYear(program: Program): ProgramYear | undefined {
  const byYearDesc = [...program.years].sort((a, b) => b.year - a.year);
  return byYearDesc.find((y) => y.status === 'active') ?? byYearDesc[0];
}

/** The program and year to open the board on when the URL does not say. */
export function defaultSelection(programs: readonly Program[]): { program: Program; year: ProgramYear | undefined } | undefined {
  let best: { program: Program; year: ProgramYear | undefined } | undefined;
  for (const program of programs) {
    const year = currentYear(program);
    if (!best || (year && (!best.year || (year.status === 'active' && best.year.status !== 'active') || year.year > best.year.year))) {
      best = { program, year };
    }
  }
  return best;
}
