import { describe, expect, it } from 'vitest';
import { csvLine, parseCsv, parseCsvObjects } from './csv.ts';

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
});
