import { describe, expect, it } from 'vitest';
import { detectDelimiter, readCsvRows } from './parse-csv.ts';
import { chunks, collect, splitBytes } from './test-support.ts';

const rowsOf = async (parts: ReadonlyArray<string | Buffer>, delimiter?: ',' | ';' | '|' | '\t') =>
  (await collect(readCsvRows(chunks(parts), delimiter ? { delimiter } : {}))).map((r) => ({
    row: r.row,
    cells: r.cells,
    problem: r.problem,
  }));

describe('detectDelimiter', () => {
  it('finds each delimiter on a header and data lines', () => {
    expect(detectDelimiter('nik,nama,no_kk\n3375011205850003,Slamet,3375010507120004\n')).toBe(',');
    expect(detectDelimiter('NIK;Nama;No KK\n3375011205850003;Slamet;3375010507120004\n')).toBe(';');
    expect(detectDelimiter('iddtks|provinsi|kabupaten_kota\n1|JAWA TENGAH|KOTA PEKALONGAN\n')).toBe('|');
    expect(detectDelimiter('nik\tnama\tno_kk\n3375011205850003\tSlamet\t3375010507120004\n')).toBe('\t');
  });

  it('is not fooled by other delimiters inside quoted fields', () => {
    const sample = [
      'nik;nama;alamat',
      '3375011205850003;"Slamet, S.Pd";"Jl. Urip Sumoharjo, Gg. 3, Medono"',
      '3375014311900002;"Siti Aminah";"Jl. Kurinci, No. 7"',
    ].join('\r\n');
    expect(detectDelimiter(sample)).toBe(';');
    const pipes = 'a,b,c\n"x|y|z|w",2,3\n"p|q|r|s",5,6\n';
    expect(detectDelimiter(pipes)).toBe(',');
  });

  it('handles a BOM, a single line and a sample cut mid-line', () => {
    expect(detectDelimiter('\ufeffnik;nama;no_kk')).toBe(';');
    expect(detectDelimiter('nik|nama|no_kk\n3375011205850003|Sla')).toBe('|');
  });

  it('falls back to comma when nothing splits', () => {
    expect(detectDelimiter('just one column\nvalue\n')).toBe(',');
  });
});

describe('readCsvRows', () => {
  it('reads every delimiter, auto-detected', async () => {
    for (const d of [',', ';', '|', '\t'] as const) {
      const text = `${['nik', 'nama', 'rt'].join(d)}\n${['3375011205850003', 'Slamet Riyadi', '003'].join(d)}\n`;
      expect(await rowsOf([text])).toEqual([
        { row: 1, cells: ['nik', 'nama', 'rt'], problem: undefined },
        { row: 2, cells: ['3375011205850003', 'Slamet Riyadi', '003'], problem: undefined },
      ]);
    }
  });

  it('strips a UTF-8 BOM from bytes and from text', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('nik;nama\n1;Siti\n')]);
    expect((await rowsOf([bytes]))[0]?.cells).toEqual(['nik', 'nama']);
    // the BOM split over two chunks
    expect((await rowsOf(splitBytes(bytes, [1, 2])))[0]?.cells).toEqual(['nik', 'nama']);
    expect((await rowsOf(['\ufeffnik;nama\n1;Siti\n']))[0]?.cells).toEqual(['nik', 'nama']);
  });

  it('handles quotes: escaped quotes, delimiters and line breaks inside', async () => {
    const text =
      'nik;nama;alamat\n3375011205850003;"Slamet ""Pak RT"" Riyadi";"Jl. Merdeka; Gg. 2\r\nRT 003/RW 005"\n3375014311900002;Siti;x\n';
    const rows = await rowsOf([text]);
    expect(rows[1]?.cells).toEqual(['3375011205850003', 'Slamet "Pak RT" Riyadi', 'Jl. Merdeka; Gg. 2\r\nRT 003/RW 005']);
    // row numbers are physical lines: the quoted line break moves the next row to line 4
    expect(rows.map((r) => r.row)).toEqual([1, 2, 4]);
  });

  it('counts CRLF, LF and lone CR as one line break each', async () => {
    const rows = await rowsOf(['a,b\r\n1,2\n3,4\r5,6\r\n']);
    expect(rows.map((r) => [r.row, r.cells.join('')])).toEqual([
      [1, 'ab'],
      [2, '12'],
      [3, '34'],
      [4, '56'],
    ]);
  });

  it('keeps row numbers right across skipped blank lines and delimiter-only lines', async () => {
    const rows = await rowsOf(['nik;nama\n\n3375011205850003;Slamet\n;;\n   \n3375014311900002;Siti\n']);
    expect(rows.map((r) => r.row)).toEqual([1, 3, 6]);
  });

  it('survives a CRLF split between chunks', async () => {
    const rows = await rowsOf(['nik,nama\r', '\n1,Slamet\r', '\n2,Siti\r\n']);
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3]);
    const quoted = await rowsOf(['nik,alamat\n1,"Jl. A\r', '\nGg. B"\n2,x\n']);
    expect(quoted[1]?.cells[1]).toBe('Jl. A\r\nGg. B');
    expect(quoted.map((r) => r.row)).toEqual([1, 2, 4]);
  });

  it('survives a multi-byte character split between chunks', async () => {
    const text = 'nama;kelurahan\nSiti Ṣaliḥah;Medono\nJosé;Pöncol\n';
    const bytes = Buffer.from(text, 'utf8');
    for (let cut = 1; cut < bytes.length; cut++) {
      const rows = await rowsOf(splitBytes(bytes, [cut]));
      expect(rows.map((r) => r.cells)).toEqual([
        ['nama', 'kelurahan'],
        ['Siti Ṣaliḥah', 'Medono'],
        ['José', 'Pöncol'],
      ]);
    }
  });

  it('gives the same rows for every single split point and for one-byte chunks', async () => {
    const text = 'nik;"nama ""lengkap""";alamat\r\n"3375011205850003";"Slamet; Riyadi";"baris\nbaru"\r\n3375014311900002;Siti;""\r\n';
    const whole = await rowsOf([text]);
    const bytes = Buffer.from(text);
    for (let cut = 1; cut < bytes.length; cut++) expect(await rowsOf(splitBytes(bytes, [cut]))).toEqual(whole);
    const ones = [...bytes].map((b) => Buffer.from([b]));
    expect(await rowsOf(ones)).toEqual(whole);
    expect(whole[1]?.cells).toEqual(['3375011205850003', 'Slamet; Riyadi', 'baris\nbaru']);
    expect(whole[2]?.cells).toEqual(['3375014311900002', 'Siti', '']);
  });

  it('does not crash on an unterminated quote at the end: yields the rest and marks it', async () => {
    const rows = await rowsOf(['nik;nama\n3375011205850003;"Slamet\n3375014311900002;Siti\n']);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual({ row: 2, cells: ['3375011205850003', 'Slamet\n3375014311900002;Siti\n'], problem: 'unterminated_quote' });
  });

  it('keeps stray quotes as text, like spreadsheet programs', async () => {
    const rows = await rowsOf(['nik;nama\n1;Slamet "Gendut" Riyadi\n2;"Siti" Aminah\n']);
    expect(rows[1]?.cells[1]).toBe('Slamet "Gendut" Riyadi');
    expect(rows[2]?.cells[1]).toBe('Siti Aminah');
  });

  it('keeps a trailing empty field and a last line without newline', async () => {
    const rows = await rowsOf(['a;b;c\n1;2;\n4;5;6'], ';');
    expect(rows.map((r) => r.cells)).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', ''],
      ['4', '5', '6'],
    ]);
    const endsOnDelimiter = await rowsOf(['a;b\n1;'], ';');
    expect(endsOnDelimiter[1]?.cells).toEqual(['1', '']);
  });

  it('uses the given delimiter over detection', async () => {
    const rows = await rowsOf(['a,b;c\n1,2;3\n'], ';');
    expect(rows[0]?.cells).toEqual(['a,b', 'c']);
  });

  it('reads windows-1252 files when told to', async () => {
    const bytes = Buffer.from([0x6e, 0x61, 0x6d, 0x61, 0x0a, 0x4a, 0x6f, 0x73, 0xe9, 0x0a]); // "nama\nJosé\n"
    const rows = await collect(readCsvRows(chunks([bytes]), { encoding: 'windows-1252', delimiter: ';' }));
    expect(rows[1]?.cells).toEqual(['José']);
    // read as UTF-8 the byte is replaced, not thrown on
    const utf8 = await collect(readCsvRows(chunks([bytes]), { delimiter: ';' }));
    expect(utf8[1]?.cells[0]).toBe('Jos\ufffd');
  });

  it('bounds a runaway field and marks the row', async () => {
    const huge = `a;b\n1;"${'x'.repeat(5000)}"\n2;y\n`;
    const rows = await collect(readCsvRows(chunks([huge.slice(0, 2000), huge.slice(2000)]), { delimiter: ';', maxFieldLength: 1000 }));
    expect(rows[1]?.cells[1]).toHaveLength(1000);
    expect(rows[1]?.problem).toBe('field_too_long');
    expect(rows[2]).toEqual({ row: 3, cells: ['2', 'y'] });
    // unclosed: the quote is the cause worth reporting
    const open = await collect(readCsvRows(chunks([`a;b\n1;"${'x'.repeat(5000)}`]), { delimiter: ';', maxFieldLength: 1000 }));
    expect(open[1]?.problem).toBe('unterminated_quote');
  });

  it('returns nothing for an empty input', async () => {
    expect(await rowsOf([])).toEqual([]);
    expect(await rowsOf(['', '\n\n'])).toEqual([]);
  });

  it('detects the delimiter from a sample spanning many small chunks', async () => {
    const lines = [
      'nik|nama|rt',
      ...Array.from({ length: 3000 }, (_, i) => `33750112058500${String(i % 100).padStart(2, '0')}|Warga ${i}|00${i % 9}`),
    ];
    const text = `${lines.join('\n')}\n`;
    const parts: string[] = [];
    for (let i = 0; i < text.length; i += 97) parts.push(text.slice(i, i + 97));
    const rows = await rowsOf(parts);
    expect(rows).toHaveLength(3001);
    expect(rows[3000]).toEqual({ row: 3001, cells: ['3375011205850099', 'Warga 2999', '002'], problem: undefined });
  });
});
