/**
 * Streaming CSV reader for registry exports (DTSEN / DTKS / P3KE / local surveys).
 *
 * - Memory stays flat: input is consumed chunk by chunk and only the current row is held.
 *   Chunks may split anywhere (inside a UTF-8 character, a quoted field, a CRLF).
 * - RFC 4180 quotes (`""` escapes, delimiters and line breaks inside quotes), CRLF / LF / CR.
 * - `row` is the 1-based physical line where the row starts (the header is row 1), counting the
 *   line breaks inside quoted fields, so an error report points where a user looks in the file.
 * - Lenient like spreadsheet programs: a quote inside an unquoted field is literal text, and text
 *   after a closing quote is appended to the field. An unterminated quote at the end of the input
 *   does not throw: the row is yielded with `problem: 'unterminated_quote'` for validation to report.
 * - Fields are `slice`s of the decoded chunk (no per-character concatenation). A slice may keep its
 *   chunk alive while the caller holds it; copy values you keep for long (see file-checks.ts).
 */

export type Delimiter = ',' | ';' | '|' | '\t';
export const DELIMITERS: readonly Delimiter[] = [',', ';', '|', '\t'];

/** Structural trouble the parser recovered from; validation turns it into a `(row)` issue. */
export type RowProblem = 'unterminated_quote' | 'field_too_long';

/** One physical row of a source file; `numeric` is set only by the XLSX reader (see parse-xlsx.ts). */
export interface SourceRow {
  row: number;
  cells: string[];
  /** XLSX only: the raw JS number of each numeric cell (sparse, aligned with `cells`). */
  numeric?: Array<number | undefined>;
  problem?: RowProblem;
}

export interface ReadCsvOptions {
  /** Detected from the first 64 KiB when omitted. */
  delimiter?: Delimiter;
  /** Byte input decoding. Files saved by older Windows Excel are often windows-1252. */
  encoding?: 'utf-8' | 'windows-1252';
  /** A field longer than this is truncated and the row marked `field_too_long` (bounds memory). */
  maxFieldLength?: number;
}

const QUOTE = 34; // "
const LF = 10;
const CR = 13;
const SAMPLE_CHARS = 64 * 1024;
const DEFAULT_MAX_FIELD = 1 << 20;

/**
 * Picks the delimiter whose quote-aware field count is highest and most consistent over the first
 * lines. Quoted fields may contain any other delimiter; a trailing partial line is ignored.
 */
export function detectDelimiter(sample: string): Delimiter {
  const text = sample.charCodeAt(0) === 0xfeff ? sample.slice(1) : sample;
  let best: Delimiter = ',';
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const counts = fieldCounts(text, d, 20);
    const header = counts[0] ?? 1;
    if (header < 2) continue;
    const rest = counts.slice(1);
    const consistent = rest.length === 0 ? 1 : rest.filter((c) => c === header).length / rest.length;
    // Consistency first, then more fields; ties keep the earlier (more common) delimiter.
    const score = consistent * 1000 + Math.min(header, 999);
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

/** Field count of each complete logical line (quote-aware), at most `maxLines`, blank lines skipped. */
function fieldCounts(text: string, d: Delimiter, maxLines: number): number[] {
  const delim = d.charCodeAt(0);
  const out: number[] = [];
  let fields = 1;
  let inQuotes = false;
  let content = false;
  for (let i = 0; i < text.length && out.length < maxLines; i++) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === QUOTE) {
        if (text.charCodeAt(i + 1) === QUOTE) i++;
        else inQuotes = false;
      }
    } else if (c === QUOTE) {
      inQuotes = true;
      content = true;
    } else if (c === delim) {
      fields++;
      content = true;
    } else if (c === LF || c === CR) {
      if (content) out.push(fields);
      fields = 1;
      content = false;
    } else content = true;
  }
  // A sample that is the whole (small) file has no trailing newline on its last line.
  if (out.length === 0 && content) out.push(fields);
  return out;
}

// Parser modes (plain numbers: no enum, so the file stays erasable TypeScript).
const START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** Inside quotes, and the chunk ended right after a quote: escaped `""` or closing quote? */
const QUOTE_SEEN = 3;
type Mode = typeof START | typeof UNQUOTED | typeof QUOTED | typeof QUOTE_SEEN;

/** The resumable state machine; one instance per file. */
class CsvMachine {
  private mode: Mode = START;
  private cells: string[] = [];
  private field = '';
  private line = 1;
  private rowStart = 1;
  /** A row ended on CR: a following LF is the same line break. */
  private skipLf = false;
  /** Inside quotes the previous character (possibly in the previous chunk) was CR. */
  private quotedPrevCr = false;
  private problem: RowProblem | undefined;
  readonly out: SourceRow[] = [];

  private readonly delim: number;
  private readonly maxField: number;

  constructor(delim: number, maxField: number) {
    this.delim = delim;
    this.maxField = maxField;
  }

  feed(s: string): void {
    const n = s.length;
    const d = this.delim;
    let i = 0;
    while (i < n) {
      const mode = this.mode;
      if (mode === START) {
        const c = s.charCodeAt(i);
        if (this.skipLf) {
          this.skipLf = false;
          if (c === LF) {
            i++;
            continue;
          }
        }
        if (c === QUOTE) {
          this.mode = QUOTED;
          this.field = '';
          this.quotedPrevCr = false;
          i++;
          continue;
        }
        this.mode = UNQUOTED;
        this.field = '';
      } else if (mode === QUOTE_SEEN) {
        if (s.charCodeAt(i) === QUOTE) {
          this.append('"');
          this.mode = QUOTED;
          this.quotedPrevCr = false;
          i++;
          continue;
        }
        i = this.afterClosingQuote(s, i);
        continue;
      }

      if (this.mode === UNQUOTED) {
        let j = i;
        while (j < n) {
          const c = s.charCodeAt(j);
          if (c === d || c === LF || c === CR) break;
          j++;
        }
        if (j === n) {
          this.append(s.slice(i, n));
          return;
        }
        const value = this.field === '' ? s.slice(i, j) : this.field + s.slice(i, j);
        this.field = '';
        i = this.endField(value, s.charCodeAt(j), j);
        continue;
      }

      // Quoted: copy up to the next quote, counting line breaks for row numbers.
      let j = i;
      let prevCr = this.quotedPrevCr;
      while (j < n) {
        const c = s.charCodeAt(j);
        if (c === QUOTE) break;
        if (c === LF) {
          if (!prevCr) this.line++;
          prevCr = false;
        } else if (c === CR) {
          this.line++;
          prevCr = true;
        } else prevCr = false;
        j++;
      }
      this.quotedPrevCr = prevCr;
      if (j > i) this.append(s.slice(i, j));
      if (j === n) return;
      // s[j] is a quote
      if (j + 1 === n) {
        this.mode = QUOTE_SEEN;
        return;
      }
      if (s.charCodeAt(j + 1) === QUOTE) {
        this.append('"');
        this.quotedPrevCr = false;
        i = j + 2;
        continue;
      }
      i = this.afterClosingQuote(s, j + 1);
    }
  }

  /** `s[i]` follows a closing quote. Returns the next position. */
  private afterClosingQuote(s: string, i: number): number {
    const c = s.charCodeAt(i);
    if (c === this.delim || c === LF || c === CR) {
      const value = this.field;
      this.field = '';
      return this.endField(value, c, i);
    }
    // Text after the closing quote (`"abc"def`): keep it, as spreadsheet programs do.
    this.mode = UNQUOTED;
    return i;
  }

  /** Ends a field at terminator `c` found at `j`; returns the position after it. */
  private endField(value: string, c: number, j: number): number {
    this.cells.push(value);
    this.mode = START;
    if (c === this.delim) return j + 1;
    this.endRow();
    this.line++;
    this.rowStart = this.line;
    if (c === CR) this.skipLf = true;
    return j + 1;
  }

  private append(part: string): void {
    if (this.field.length >= this.maxField) {
      this.problem = 'field_too_long';
      return;
    }
    this.field += part;
    if (this.field.length > this.maxField) {
      this.field = this.field.slice(0, this.maxField);
      this.problem = 'field_too_long';
    }
  }

  private endRow(): void {
    const cells = this.cells;
    this.cells = [];
    const problem = this.problem;
    this.problem = undefined;
    if (isBlankRow(cells) && problem === undefined) return;
    this.out.push(problem ? { row: this.rowStart, cells, problem } : { row: this.rowStart, cells });
  }

  /** End of input: flush the last row, whatever state it is in. */
  finish(): void {
    switch (this.mode) {
      case QUOTED:
        this.problem = 'unterminated_quote';
        this.cells.push(this.field);
        break;
      case QUOTE_SEEN:
      case UNQUOTED:
        this.cells.push(this.field);
        break;
      case START:
        // "a;b;" at EOF: the trailing delimiter opened an empty last field.
        if (this.cells.length > 0) this.cells.push('');
        break;
    }
    this.field = '';
    this.mode = START;
    if (this.cells.length > 0) this.endRow();
  }
}

function isBlankRow(cells: string[]): boolean {
  for (const c of cells) {
    if (c.length > 0 && /\S/.test(c)) return false;
  }
  return true;
}

/**
 * Yields the rows of a CSV byte or text stream. Blank lines (and lines of only delimiters or
 * whitespace) are skipped but still counted in row numbers.
 */
export async function* readCsvRows(
  input: AsyncIterable<Buffer | Uint8Array | string>,
  opts: ReadCsvOptions = {},
): AsyncGenerator<SourceRow> {
  const decoder = new TextDecoder(opts.encoding ?? 'utf-8');
  const maxField = opts.maxFieldLength ?? DEFAULT_MAX_FIELD;
  let machine: CsvMachine | undefined = opts.delimiter ? new CsvMachine(opts.delimiter.charCodeAt(0), maxField) : undefined;
  let sample = '';
  let first = true;

  const push = function* (text: string): Generator<SourceRow> {
    if (text.length === 0) return;
    if (first) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (!machine) {
      sample += text;
      if (sample.length < SAMPLE_CHARS) return;
      machine = new CsvMachine(detectDelimiter(sample).charCodeAt(0), maxField);
      text = sample;
      sample = '';
    }
    machine.feed(text);
    if (machine.out.length > 0) {
      yield* machine.out;
      machine.out.length = 0;
    }
  };

  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? decoder.decode() + chunk : decoder.decode(chunk, { stream: true });
    yield* push(text);
  }
  yield* push(decoder.decode());
  if (!machine) {
    if (sample.length === 0) return;
    machine = new CsvMachine(detectDelimiter(sample).charCodeAt(0), maxField);
    machine.feed(sample);
  }
  machine.finish();
  yield* machine.out;
}
