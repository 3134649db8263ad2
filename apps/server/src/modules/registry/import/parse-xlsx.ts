/**
 * Streaming XLSX reader (exceljs WorkbookReader): the first worksheet, row by row, in the same
 * shape as the CSV reader, so validation does not care where a row came from.
 *
 * Cell rendering (design):
 * - every cell becomes a string in `cells`; `row` is the sheet's own row number (what Excel shows);
 * - a numeric cell is rendered with `String(n)` AND its raw JS number is kept in `numeric[i]`.
 *   Validation uses it to tell "a NIK stored as a number in Excel" (digits beyond the 15th lost:
 *   3375011002870001 typed into a General cell is stored as 3375011002870000) from a NIK stored as
 *   text, and to read an Excel serial day number in a date column;
 * - a date-formatted cell becomes ISO `YYYY-MM-DD` (exceljs converts it with the workbook's 1900 or
 *   1904 date system); its number is not kept;
 * - formulas give their cached result; rich text its plain text; hyperlinks their text;
 *   booleans `TRUE` / `FALSE`; error values their code (`#N/A`);
 * - rows are padded with '' to the header's width (Excel omits trailing empty cells); blank rows
 *   are skipped.
 */
import ExcelJS from 'exceljs';
import type { SourceRow } from './parse-csv.ts';

type Value = ExcelJS.CellValue;

interface Rendered {
  text: string;
  number?: number;
}

function isoDate(d: Date): string {
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
}

function render(value: Value | undefined): Rendered {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'number') return { text: String(value), number: value };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { text: isoDate(value) };
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return { text: value.richText.map((r) => r.text).join('') };
    if ('error' in value) return { text: String(value.error) };
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      if (result === undefined || result === null) return { text: '' };
      if (typeof result === 'object' && result !== null && 'error' in result) return { text: String((result as { error: unknown }).error) };
      return render(result as Value);
    }
    if ('hyperlink' in value) {
      const text = (value as { text?: unknown }).text;
      return typeof text === 'string' ? { text } : render(text as Value);
    }
    if ('text' in value && typeof (value as { text: unknown }).text === 'string') return { text: (value as { text: string }).text };
  }
  return { text: String(value) };
}

/** Yields the rows of the first worksheet of an .xlsx file. */
export async function* readXlsxRows(path: string): AsyncGenerator<SourceRow> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles tell exceljs which numeric cells are dates.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let width = 0;
  try {
    for await (const worksheet of workbook) {
      for await (const row of worksheet) {
        const cells: string[] = [];
        const numeric: Array<number | undefined> = [];
        let hasNumber = false;
        let hasText = false;
        row.eachCell({ includeEmpty: false }, (cell, col) => {
          const r = render(cell.value);
          while (cells.length < col - 1) cells.push('');
          cells[col - 1] = r.text;
          if (r.number !== undefined) {
            numeric[col - 1] = r.number;
            hasNumber = true;
          }
          if (r.text.trim() !== '') hasText = true;
        });
        if (!hasText) continue;
        if (width === 0) width = cells.length;
        while (cells.length < width) cells.push('');
        yield hasNumber ? { row: row.number, cells, numeric } : { row: row.number, cells };
      }
      break; // the first worksheet only
    }
  } finally {
    // Leaving early (first sheet read, or the caller stopped) must not leave the file open.
    (workbook as unknown as { stream?: { destroy?: () => void } }).stream?.destroy?.();
  }
}
