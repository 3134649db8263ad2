import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RegistryRecordSchema } from '@dampingan/contracts';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../lib/csv.ts';
import { ddmmyy } from './calendar.ts';
import { DEFECT_KINDS, excelScientific, type RowDefect } from './defects.ts';
import { type Delimiter, listSeparator, REGISTRY_CSV_COLUMNS } from './encode.ts';
import { DEFAULT_PERIOD, type GenerateOptions, generateRegistry, type RegistrySummary, writeRegistryFile } from './generate.ts';
import { regionIndex } from './regions.ts';

interface Generated {
  text: string;
  summary: RegistrySummary;
  defects: RowDefect[];
  header: string[];
  rows: string[][];
}

async function generate(opts: GenerateOptions): Promise<Generated> {
  const defects: RowDefect[] = [];
  const gen = generateRegistry({ ...opts, onDefect: (d) => defects.push(d) });
  const chunks: string[] = [];
  let r = await gen.next();
  while (!r.done) {
    chunks.push(r.value);
    r = await gen.next();
  }
  const text = chunks.join('');
  const [header = [], ...rows] = parseCsv(text, opts.delimiter ?? ',');
  return { text, summary: r.value, defects, header, rows };
}

type Row = Record<string, string>;
const objects = (g: Generated): Row[] => g.rows.map((r) => Object.fromEntries(g.header.map((h, i) => [h, r[i] ?? ''])));
const days = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const ageAt = (birth: string, period: string) => (days(period) - days(birth)) / 365.2425;
const groupBy = <T>(items: T[], key: (t: T) => string) => {
  const m = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = m.get(k);
    if (list) list.push(t);
    else m.set(k, [t]);
  }
  return m;
};

const index = regionIndex();
const kecDigits = new Set(index.kecamatan.map((k) => k.digits));
const PERIOD = DEFAULT_PERIOD;
const BASE = { scope: '33.75', families: 3000, seed: 42 } as const;
const base = await generate(BASE);
const baseRows = objects(base);
const heads = baseRows.filter((r) => r.relationship === 'head');

/** Valid DDMMYY → ISO date (century chosen so the date is not after `notAfter`), or null. */
function dateFromDdmmyy(s: string, notAfter: string): string | null {
  const d = Number(s.slice(0, 2));
  const m = Number(s.slice(2, 4));
  const yy = Number(s.slice(4, 6));
  for (const century of [2000, 1900]) {
    const iso = `${century + yy}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const t = Date.parse(`${iso}T00:00:00Z`);
    if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== iso) return null;
    if (iso <= notAfter) return iso;
  }
  return null;
}

describe('synthetic registry: shape', () => {
  it('is deterministic for a seed and differs between seeds', async () => {
    const again = await generate(BASE);
    const other = await generate({ ...BASE, seed: 43 });
    const sha = (t: string) => createHash('sha256').update(t).digest('hex');
    expect(sha(again.text)).toBe(sha(base.text));
    expect(sha(other.text)).not.toBe(sha(base.text));
  });

  it('writes the RegistryRecord columns after a synthetic mark, every row marked', () => {
    expect(base.header).toEqual(['synthetic', ...Object.keys(RegistryRecordSchema.shape)]);
    expect(base.header).toEqual([...REGISTRY_CSV_COLUMNS]);
    for (const r of base.rows) expect(r).toHaveLength(base.header.length);
    expect(baseRows.every((r) => r.synthetic === '1' && r.sourceId?.startsWith('SYN-'))).toBe(true);
  });

  it('counts families and persons (≈ 3.5 per family, 1–9 each)', () => {
    const families = groupBy(baseRows, (r) => r.noKk ?? '');
    expect(base.summary).toMatchObject({
      families: 3000,
      persons: base.rows.length,
      rows: base.rows.length,
      snapshot: 1,
      period: '2026-09-30',
      villages: 27,
    });
    expect(families.size).toBe(3000);
    expect(base.rows.length / 3000).toBeGreaterThan(3.3);
    expect(base.rows.length / 3000).toBeLessThan(3.7);
    for (const members of families.values()) {
      expect(members.length).toBeGreaterThanOrEqual(1);
      expect(members.length).toBeLessThanOrEqual(9);
      expect(members.filter((m) => m.relationship === 'head')).toHaveLength(1);
      expect(members[0]?.relationship).toBe('head');
      expect(new Set(members.map((m) => `${m.sourceId}|${m.villageCode}|${m.desil}|${m.assets}`)).size).toBe(1);
    }
  });

  it('parses as RegistryRecord once lists, booleans and empties are decoded', () => {
    const sep = listSeparator(',');
    const lists = new Set(['assets', 'familyPrograms', 'disabilities', 'personPrograms']);
    const numbers = new Set(['desil', 'floorAreaM2', 'electricityVa']);
    for (const r of baseRows.slice(0, 2000)) {
      const rec: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(r)) {
        if (k === 'synthetic') continue;
        if (lists.has(k)) rec[k] = v === '' ? [] : v.split(sep);
        else if (k === 'chronicIllness') rec[k] = v === '1';
        else if (v === '') rec[k] = null;
        else rec[k] = numbers.has(k) ? Number(v) : v;
      }
      expect(RegistryRecordSchema.safeParse(rec).error).toBeUndefined();
    }
  });

  it('places families in every village of the scope and only there', () => {
    const villages = new Set(index.villagesUnder('33.75').map((v) => v.code));
    expect(villages.size).toBe(27);
    const used = new Set(baseRows.map((r) => r.villageCode));
    expect(used).toEqual(villages);
    for (const r of baseRows) {
      expect(r.villageCode).toMatch(/^33\.75\.\d{2}\.1\d{3}$/);
      expect(r.hamlet).toBe(''); // kelurahan have no dusun
      expect(r.rt).toMatch(/^0(0[1-9]|1[0-5])$/);
      expect(r.rw).toMatch(/^0(0[1-9]|10)$/);
      expect(r.address).toMatch(/^(Jl\.|Gg\.) .+ No\. \d+[A-C]?$/);
    }
  });

  it('gives every person a unique 16-digit NIK: real kecamatan, birth date, day + 40 for women', () => {
    const niks = new Set<string>();
    for (const r of baseRows) {
      const nik = r.nik ?? '';
      expect(nik).toMatch(/^\d{16}$/);
      expect(kecDigits.has(nik.slice(0, 6))).toBe(true);
      const female = r.sex === 'female';
      const day = Number(nik.slice(6, 8));
      expect(female ? day > 40 && day <= 71 : day >= 1 && day <= 31).toBe(true);
      expect(nik.slice(6, 12)).toBe(ddmmyy(days(r.birthDate ?? ''), female ? 40 : 0));
      expect(Number(nik.slice(12))).toBeGreaterThanOrEqual(1);
      niks.add(nik);
    }
    expect(niks.size).toBe(baseRows.length);
    // about one in ten holds a NIK issued in another kecamatan
    const elsewhere =
      baseRows.filter((r) => r.nik?.slice(0, 6) !== r.villageCode?.replaceAll('.', '').slice(0, 6)).length / baseRows.length;
    expect(elsewhere).toBeGreaterThan(0.06);
    expect(elsewhere).toBeLessThan(0.14);
  });

  it('gives every family a unique No KK: its kecamatan, an issue date 2005…period after the head turned 17', () => {
    for (const h of heads) {
      const kk = h.noKk ?? '';
      expect(kk).toMatch(/^\d{16}$/);
      expect(kk.slice(0, 6)).toBe(h.villageCode?.replaceAll('.', '').slice(0, 6));
      const issued = dateFromDdmmyy(kk.slice(6, 12), PERIOD);
      expect(issued).not.toBeNull();
      expect(issued! >= '2005-01-01').toBe(true);
      expect(ageAt(h.birthDate ?? '', issued!)).toBeGreaterThanOrEqual(17);
    }
    expect(new Set(heads.map((h) => h.noKk)).size).toBe(heads.length);
  });

  it('keeps ages and sexes consistent within a family', () => {
    for (const members of groupBy(baseRows, (r) => r.noKk ?? '').values()) {
      const head = members[0] as Row;
      const headAge = ageAt(head.birthDate ?? '', PERIOD);
      expect(headAge).toBeGreaterThanOrEqual(20);
      expect(headAge).toBeLessThan(81);
      const spouse = members.find((m) => m.relationship === 'spouse');
      if (spouse) expect(spouse.sex).not.toBe(head.sex);
      const parents = [head, spouse].filter((p): p is Row => p !== undefined);
      for (const child of members.filter((m) => m.relationship === 'child')) {
        for (const p of parents) expect(ageAt(p.birthDate ?? '', child.birthDate ?? '')).toBeGreaterThanOrEqual(15);
        const mother = parents.find((p) => p.sex === 'female');
        if (mother) expect(child.motherName).toBe(mother.name);
      }
    }
  });
});

describe('synthetic registry: distributions', () => {
  const share = (rows: Row[], f: (r: Row) => boolean) => rows.filter(f).length / Math.max(1, rows.length);
  const byDesil = (lo: number, hi: number) => heads.filter((h) => Number(h.desil) >= lo && Number(h.desil) <= hi);

  it('skews desil low, as a low-welfare registry does', () => {
    const d = (n: number) => share(heads, (h) => h.desil === String(n));
    expect(d(1)).toBeGreaterThan(0.15);
    expect(d(1)).toBeLessThan(0.26);
    expect(d(2)).toBeGreaterThan(0.15);
    expect(share(heads, (h) => Number(h.desil) <= 4)).toBeGreaterThan(0.65);
    expect(share(heads, (h) => Number(h.desil) <= 4)).toBeLessThan(0.8);
    expect(d(10)).toBeLessThan(0.03);
    expect(d(10)).toBeGreaterThan(0);
  });

  it('makes poor housing, 450 VA and wood fuel more likely at desil 1–2', () => {
    const low = byDesil(1, 2);
    const high = byDesil(6, 10);
    expect(share(low, (h) => h.floorType === 'earth')).toBeGreaterThan(share(high, (h) => h.floorType === 'earth') + 0.05);
    expect(share(low, (h) => h.toilet !== 'own')).toBeGreaterThan(share(high, (h) => h.toilet !== 'own') + 0.1);
    expect(share(low, (h) => h.electricityVa === '450')).toBeGreaterThan(share(high, (h) => h.electricityVa === '450') + 0.1);
    expect(share(low, (h) => h.cookingFuel === 'wood')).toBeGreaterThan(share(high, (h) => h.cookingFuel === 'wood'));
  });

  it('targets programmes by desil, with some inclusion errors', () => {
    const has = (code: string) => (h: Row) => (h.familyPrograms ?? '').split('|').includes(code);
    const pkh = heads.filter(has('pkh'));
    expect(share(pkh, (h) => Number(h.desil) <= 4)).toBeGreaterThan(0.85);
    expect(share(byDesil(1, 4), has('pkh'))).toBeGreaterThan(0.2);
    expect(share(byDesil(1, 5), has('bpnt'))).toBeGreaterThan(0.45);
    expect(share(byDesil(1, 5), has('pbi_jk'))).toBeGreaterThan(0.6);
    expect(share(byDesil(6, 10), has('bpnt'))).toBeGreaterThan(0);
    expect(share(byDesil(6, 10), has('bpnt'))).toBeLessThan(0.15);
  });

  it('has stunting among 15–25 % of under-fives, more at low desil, and 2–3 % disability', () => {
    const under5 = baseRows.filter((r) => ageAt(r.birthDate ?? '', PERIOD) < 5);
    expect(under5.length).toBeGreaterThan(300);
    expect(share(under5, (r) => r.nutritionStatus === 'stunting')).toBeGreaterThan(0.14);
    expect(share(under5, (r) => r.nutritionStatus === 'stunting')).toBeLessThan(0.26);
    expect(baseRows.filter((r) => ageAt(r.birthDate ?? '', PERIOD) >= 5).every((r) => r.nutritionStatus === '')).toBe(true);
    const dis = share(baseRows, (r) => r.disabilities !== '');
    expect(dis).toBeGreaterThan(0.015);
    expect(dis).toBeLessThan(0.04);
  });

  it('sends most children 7–18 to school and gives adults an education and a work status', () => {
    const kids = baseRows.filter((r) => {
      const a = ageAt(r.birthDate ?? '', PERIOD);
      return a >= 7 && a < 19;
    });
    expect(share(kids, (r) => r.schoolParticipation === 'attending')).toBeGreaterThan(0.8);
    const adults = baseRows.filter((r) => ageAt(r.birthDate ?? '', PERIOD) >= 25);
    expect(adults.every((r) => r.education !== '' && r.workStatus !== '')).toBe(true);
  });

  it('writes names from the lists, some single, some in the old spelling', () => {
    expect(share(baseRows, (r) => !(r.name ?? '').includes(' '))).toBeGreaterThan(0.15);
    expect(baseRows.some((r) => /oe|Dj|dj|Tj|tj/.test(r.name ?? ''))).toBe(true);
    expect(baseRows.every((r) => (r.motherName ?? '') !== '' && (r.birthPlace ?? '') !== '')).toBe(true);
  });

  it('follows the scope: desa get a dusun, other delimiters quote and separate lists correctly', async () => {
    const desa = await generate({ scope: '33.26.01', families: 200, seed: 1, delimiter: '|' });
    expect(desa.header).toEqual([...REGISTRY_CSV_COLUMNS]);
    const rows = objects(desa);
    expect(rows.every((r) => r.villageCode?.startsWith('33.26.01.'))).toBe(true);
    expect(rows.filter((r) => r.villageCode?.split('.')[3]?.startsWith('2')).every((r) => (r.hamlet ?? '') !== '')).toBe(true);
    expect(rows.some((r) => r.assets?.includes('+'))).toBe(true);
    expect(rows.every((r) => !r.assets?.includes('|'))).toBe(true);
    for (const delimiter of [';', '\t'] as Delimiter[]) {
      const g = await generate({ ...BASE, families: 200, delimiter });
      expect(g.rows.every((r) => r.length === REGISTRY_CSV_COLUMNS.length)).toBe(true);
      expect(g.summary.rows).toBe(g.rows.length);
    }
  });

  it('rejects bad options', async () => {
    await expect(generate({ scope: '33.99', families: 10 })).rejects.toThrow(/not in the region list/);
    await expect(generate({ scope: '33.75', families: 0 })).rejects.toThrow(/families/);
    await expect(generate({ scope: '33.75', families: 10, period: '2026-02-30' })).rejects.toThrow(/not a date/);
    await expect(generate({ scope: '33.75', families: 10, messy: 2 })).rejects.toThrow(/messy/);
    await expect(generate({ scope: '33.75', families: 10, snapshot: 2, basePeriod: PERIOD, period: '2026-01-01' })).rejects.toThrow(
      /after/,
    );
  });
});

describe('synthetic registry: messy mode', () => {
  it('writes Excel-style scientific notation as Excel does', () => {
    expect(excelScientific('3375011203900001')).toBe('3.37501E+15');
    expect(excelScientific('3300000000000000')).toBe('3.3E+15');
  });

  it('puts exactly the recorded defects into about the chosen share of rows', async () => {
    const messy = await generate({ ...BASE, messy: 0.05 });
    const m = messy.rows;
    const clean = base.rows;
    const byRow = new Map(messy.defects.map((d) => [d.row, d]));
    expect(messy.summary.defects).toBe(messy.defects.length);
    expect(messy.defects.length / messy.summary.rows).toBeGreaterThan(0.035);
    expect(messy.defects.length / messy.summary.rows).toBeLessThan(0.065);
    expect(new Set(messy.defects.map((d) => d.defect))).toEqual(new Set(DEFECT_KINDS));
    const col = (name: string) => messy.header.indexOf(name);
    let j = 0;
    for (let i = 0; i < m.length; i++) {
      const row = m[i] as string[];
      const d = byRow.get(i + 1);
      if (d) expect(d.line).toBe(i + 2);
      if (d?.defect === 'person_in_two_families') {
        // an extra row: an earlier member of another family, listed again in this family
        const first = m[(d.firstRow ?? 0) - 1] as string[];
        expect(row[col('nik')]).toBe(first[col('nik')]);
        expect(row[col('name')]).toBe(first[col('name')]);
        expect(row[col('noKk')]).toBe((m[i - 1] as string[])[col('noKk')]);
        expect(row[col('noKk')]).not.toBe(first[col('noKk')]);
        continue;
      }
      const expected = clean[j++] as string[];
      const differs = messy.header.filter((_, k) => row[k] !== expected[k]);
      if (!d) {
        expect(differs).toEqual([]);
        continue;
      }
      expect(differs).toEqual([d.column]);
      const value = row[col(d.column)] ?? '';
      expect(value).toBe(d.value);
      const original = expected[col(d.column)] ?? '';
      switch (d.defect) {
        case 'nik_scientific':
          expect(value).toMatch(/^\d(\.\d{1,5})?E\+15$/);
          break;
        case 'nik_trailing_zero':
          expect(value).toBe(`${original}.0`);
          break;
        case 'nik_truncated':
          expect(value).toBe(original.slice(0, 15));
          break;
        case 'nik_invalid_day':
          expect(['00', '32', '39', '40', '72', '79']).toContain(value.slice(6, 8));
          break;
        case 'desil_out_of_range':
          expect(['0', '11']).toContain(value);
          expect(row[col('relationship')]).toBe('head');
          break;
        case 'unknown_village':
          expect(value).toMatch(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/);
          expect(index.villageCodes.has(value)).toBe(false);
          break;
        case 'invalid_date':
          expect(value).toMatch(/^31-02-\d{4}$/);
          break;
        case 'blank_required':
          expect(['nik', 'name', 'noKk', 'villageCode']).toContain(d.column);
          expect(value).toBe('');
          break;
        case 'duplicate_nik':
          expect(value).toBe((m[(d.firstRow ?? 0) - 1] as string[])[col('nik')]);
          expect(d.firstRow).toBeLessThan(i + 1);
          break;
      }
    }
    expect(j).toBe(clean.length);
  });

  it('streams to a file with a defects sidecar', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synthetic-registry-'));
    try {
      const file = path.join(dir, 'registry.csv');
      const s = await writeRegistryFile(file, { scope: '33.75.02', families: 300, seed: 9, format: 'csv', delimiter: ';', messy: 0.1 });
      expect(s.bytes).toBe(fs.statSync(file).size);
      expect(s.defectsFile).toBe(`${file}.defects.json`);
      const sidecar = JSON.parse(fs.readFileSync(`${file}.defects.json`, 'utf8')) as RowDefect[];
      expect(sidecar).toHaveLength(s.defects);
      const again = await generate({ scope: '33.75.02', families: 300, seed: 9, delimiter: ';', messy: 0.1 });
      expect(sidecar).toEqual(again.defects);
      expect(fs.readFileSync(file, 'utf8')).toBe(again.text);
      const clean = await writeRegistryFile(path.join(dir, 'clean.csv'), { scope: '33.75.02', families: 50, format: 'csv' });
      expect(clean.defectsFile).toBeNull();
      expect(fs.existsSync(path.join(dir, 'clean.csv.defects.json'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('synthetic registry: later snapshots', () => {
  const PERSON = [
    'name',
    'sex',
    'birthDate',
    'birthPlace',
    'motherName',
    'education',
    'schoolParticipation',
    'workStatus',
    'disabilities',
    'jkn',
  ];

  it('snapshot 2 keeps the families, moves ~10 % of desil, loses and adds ~3 % of members, adds 2 % families', async () => {
    const next = await generate({ ...BASE, snapshot: 2 });
    expect(next.summary).toMatchObject({ snapshot: 2, period: '2026-12-31', periods: ['2026-09-30', '2026-12-31'], families: 3060 });
    const rows2 = objects(next);
    const nik1 = new Map(baseRows.map((r) => [r.nik, r]));
    const nik2 = new Map(rows2.map((r) => [r.nik, r]));
    expect(nik2.size).toBe(rows2.length);
    const heads2 = new Map(rows2.filter((r) => r.relationship === 'head').map((r) => [r.noKk, r]));
    const oldKk = new Set(heads.map((h) => h.noKk));
    // every family stays; 2 % are new, with a card issued in the quarter
    expect(heads.every((h) => heads2.has(h.noKk))).toBe(true);
    const fresh = [...heads2.values()].filter((h) => !oldKk.has(h.noKk));
    expect(fresh).toHaveLength(60);
    for (const h of fresh) expect(dateFromDdmmyy((h.noKk ?? '').slice(6, 12), '2026-12-31')! > '2026-09-30').toBe(true);
    // desil moves by 1–2 for about one family in ten
    const moved = heads.filter((h) => heads2.get(h.noKk)?.desil !== h.desil);
    expect(moved.length / heads.length).toBeGreaterThan(0.06);
    expect(moved.length / heads.length).toBeLessThan(0.14);
    for (const h of moved) expect(Math.abs(Number(heads2.get(h.noKk)?.desil) - Number(h.desil))).toBeLessThanOrEqual(2);
    // members gone and born
    const gone = baseRows.filter((r) => !nik2.has(r.nik)).length / baseRows.length;
    expect(gone).toBeGreaterThan(0.015);
    expect(gone).toBeLessThan(0.05);
    const born = rows2.filter((r) => !nik1.has(r.nik) && oldKk.has(r.noKk));
    expect(born.length / baseRows.length).toBeGreaterThan(0.015);
    expect(born.length / baseRows.length).toBeLessThan(0.05);
    for (const b of born) {
      expect(b.birthDate! > '2026-09-30' && b.birthDate! <= '2026-12-31').toBe(true);
      expect(['child', 'grandchild']).toContain(b.relationship);
    }
    // people who stay are the same people
    for (const r of rows2) {
      const before = nik1.get(r.nik);
      if (before) for (const k of PERSON) expect(r[k]).toBe(before[k]);
    }
    // housing only improves
    const improved = heads.filter((h) => {
      const n = heads2.get(h.noKk) as Row;
      return ['floorType', 'toilet', 'lighting', 'electricityVa', 'wallType', 'wallCondition', 'roofCondition', 'cookingFuel'].some(
        (k) => n[k] !== h[k],
      );
    });
    expect(improved.length / heads.length).toBeGreaterThan(0.02);
    expect(improved.length / heads.length).toBeLessThan(0.1);
    for (const h of improved) {
      const n = heads2.get(h.noKk) as Row;
      expect(n.floorType === h.floorType || n.floorType === 'cement_brick').toBe(true);
      expect(n.toilet === h.toilet || n.toilet === 'own').toBe(true);
      expect(n.wallCondition === h.wallCondition || n.wallCondition === 'good').toBe(true);
    }
  });

  it('snapshot 3 repeats snapshot 2 and goes on from it', async () => {
    const two = objects(await generate({ ...BASE, families: 1000, snapshot: 2 }));
    const three = await generate({ ...BASE, families: 1000, snapshot: 3 });
    const rows3 = objects(three);
    expect(three.summary.period).toBe('2027-03-31');
    const kk3 = new Set(rows3.map((r) => r.noKk));
    expect(two.every((r) => kk3.has(r.noKk))).toBe(true);
    const nik3 = new Map(rows3.map((r) => [r.nik, r]));
    expect(nik3.size).toBe(rows3.length);
    const kept = two.filter((r) => nik3.has(r.nik));
    expect(kept.length / two.length).toBeGreaterThan(0.93);
    for (const r of kept) for (const k of PERSON) expect(nik3.get(r.nik)?.[k]).toBe(r[k]);
  });

  it('spaces snapshots evenly up to a given period', async () => {
    const s = await generate({ ...BASE, families: 50, period: '2027-06-30', snapshot: 3, basePeriod: '2026-06-30' });
    expect(s.summary.periods).toEqual(['2026-06-30', '2026-12-30', '2027-06-30']);
    const quarterly = await generate({ ...BASE, families: 50, snapshot: 3, basePeriod: '2026-06-30' });
    expect(quarterly.summary.periods).toEqual(['2026-06-30', '2026-09-30', '2026-12-31']);
  });
});
