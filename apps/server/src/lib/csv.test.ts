import { describe, expect, it } from 'vitest';
import { csvField, csvLine, parseCsv, parseCsvObjects } from './csv.ts';

describe('csv', () => {
  it('parses quoted fields with commas, quotes and CRLF', () => {
    expect(parseCsv('a,b\r\n"Lubuk Pakam I,II","say ""hi"""\r\n')).toEqual([
      ['a', 'b'],
      ['Lubuk Pakam I,II', 'say "hi"'],
    ]);
  });
  it('drops a BOM and maps objects by header', () => {
    expect(parseCsvObjects('\ufeffkode,nama\n33.75,Kota Pekalongan\n')).toEqual([{ kode: '33.75', nama: 'Kota Pekalongan' }]);
  });
  it('round-trips through csvLine, keeping NULL apart from empty', () => {
    const line = csvLine(['a,b', null, '', 'x"y']);
    expect(line).toBe('"a,b",,"","x""y"\n');
    expect(parseCsv(line.trimEnd())).toEqual([['a,b', '', '', 'x"y']]);
  });
  it('quotes exactly the fields COPY would misread: a quote, comma, CR or LF, or whitespace at either end', () => {
    const spaces = [
      ' ',
      '\t',
      '\n',
      '\r',
      '\v',
      '\f',
      '\u00a0',
      '\u1680',
      '\u2000',
      '\u200a',
      '\u2028',
      '\u2029',
      '\u202f',
      '\u205f',
      '\u3000',
      '\ufeff',
    ];
    for (const sp of spaces) {
      expect(csvField(`${sp}a`)).toBe(`"${sp}a"`);
      expect(csvField(`a${sp}`)).toBe(`"a${sp}"`);
    }
    for (const plain of ['a b', 'Jl. Pelita No. 23', '\u200b', 'x\u00a0y', '3375011002870001']) expect(csvField(plain)).toBe(plain);
    expect(csvField('["tv","fridge"]')).toBe('"[""tv"",""fridge""]"');
    expect(csvField(42.5)).toBe('42.5');
    expect(csvField(false)).toBe('false');
  });
});
