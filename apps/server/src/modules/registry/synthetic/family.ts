/**
 * One synthetic keluarga: its members (structure, ages, names, NIK) and its welfare picture
 * (desil, housing, assets, programmes, education, work, health), all drawn from the family's own
 * random stream. The numbers are documented, with reasons, in README.md; they are plausible
 * shapes for a low-welfare registry, not estimates of any real population.
 */
import type { RegistryRecord } from '@dampingan/contracts';
import { addMonths, ageOn, civilFromDays, daysFromCivil, ddmmyy } from './calendar.ts';
import { lastPart, personName } from './names.ts';
import { Rng } from './prng.ts';
import type { RegionIndex, Village } from './regions.ts';
import { type SerialTable, serialKey } from './serials.ts';

type NN<T> = NonNullable<T>;
type Item<T> = NonNullable<T> extends ReadonlyArray<infer U> ? U : never;
export type Sex = NN<RegistryRecord['sex']>;
export type Relationship = NN<RegistryRecord['relationship']>;
type Tenure = NN<RegistryRecord['tenure']>;
type FloorType = NN<RegistryRecord['floorType']>;
type WallType = NN<RegistryRecord['wallType']>;
type Condition = NN<RegistryRecord['wallCondition']>;
type RoofType = NN<RegistryRecord['roofType']>;
type DrinkingWater = NN<RegistryRecord['drinkingWater']>;
type Toilet = NN<RegistryRecord['toilet']>;
type Sewage = NN<RegistryRecord['sewage']>;
type Lighting = NN<RegistryRecord['lighting']>;
type CookingFuel = NN<RegistryRecord['cookingFuel']>;
type Asset = Item<RegistryRecord['assets']>;
export type ProgramCode = Item<RegistryRecord['familyPrograms']>;
type Education = NN<RegistryRecord['education']>;
type SchoolParticipation = NN<RegistryRecord['schoolParticipation']>;
type WorkStatus = NN<RegistryRecord['workStatus']>;
type Disability = Item<RegistryRecord['disabilities']>;
type Jkn = NN<RegistryRecord['jkn']>;
type Nutrition = NN<RegistryRecord['nutritionStatus']>;

export interface Person {
  nik: string;
  name: string;
  sex: Sex;
  /** day number (calendar.ts) */
  birth: number;
  birthPlace: string;
  relationship: Relationship;
  motherName: string;
  education: Education | null;
  school: SchoolParticipation | null;
  work: WorkStatus | null;
  disabilities: Disability[];
  chronic: boolean;
  jkn: Jkn;
  nutrition: Nutrition | null;
  programs: ProgramCode[];
}

export interface Family {
  ordinal: number;
  village: Village;
  noKk: string;
  sourceId: string;
  address: string;
  hamlet: string | null;
  rt: string;
  rw: string;
  desil: number;
  tenure: Tenure;
  floorAreaM2: number;
  floorType: FloorType;
  wallType: WallType;
  wallCondition: Condition;
  roofType: RoofType;
  roofCondition: Condition;
  drinkingWater: DrinkingWater;
  toilet: Toilet;
  sewage: Sewage | null;
  lighting: Lighting;
  electricityVa: number | null;
  cookingFuel: CookingFuel;
  assets: Asset[];
  programs: ProgramCode[];
  /** PBI-JK (state-paid health insurance) decided for the family, inherited by its members */
  pbi: boolean;
  members: Person[];
}

/** Everything a family needs from its surroundings. */
export interface FamilyContext {
  seed: number;
  index: RegionIndex;
  /** day number of snapshot 1: ages, KK issue dates and the welfare picture refer to it */
  basePeriod: number;
  /** kecamatan indices of the scope's province, for people registered elsewhere nearby */
  provinceKec: number[];
  /** kab/kota indices of the scope's province and all kota of Indonesia, for birth places */
  provinceKabKota: number[];
  kota: number[];
  nik: SerialTable;
  /** NIKs of babies born between snapshots: their own table, serials counted down from 9999 */
  births: SerialTable;
  kk: SerialTable;
}

// ---- distributions ---------------------------------------------------------------------------

/** A categorical distribution that slides from its `poor` to its `rich` weights with welfare. */
interface Dist<T extends string> {
  codes: T[];
  poor: number[];
  rich: number[];
}

function dist<T extends string>(rows: ReadonlyArray<readonly [T, number, number]>): Dist<T> {
  return { codes: rows.map((r) => r[0]), poor: rows.map((r) => r[1]), rich: rows.map((r) => r[2]) };
}

const weightsBuf: number[] = [];

/** Draws from `d` at deprivation `p` (1 = poorest, 0 = best off), weights scaled by `factor`. */
function draw<T extends string>(rng: Rng, d: Dist<T>, p: number, factor?: Partial<Record<T, number>>): T {
  weightsBuf.length = d.codes.length;
  for (let i = 0; i < d.codes.length; i++) {
    const code = d.codes[i] as T;
    weightsBuf[i] = (p * (d.poor[i] ?? 0) + (1 - p) * (d.rich[i] ?? 0)) * (factor?.[code] ?? 1);
  }
  return d.codes[rng.weighted(weightsBuf)] as T;
}

const lerp = (p: number, poor: number, rich: number) => p * poor + (1 - p) * rich;
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Desil 1–10 of a low-welfare registry (README §desil): most families are in desil 1–4. */
export const DESIL_WEIGHTS = [20, 20, 18, 15, 10, 7, 4, 3, 2, 1] as const;

const TENURE = dist<Tenure>([
  ['own', 72, 86],
  ['rent', 8, 9],
  ['rent_free', 16, 3],
  ['official', 1, 1],
  ['other', 3, 1],
]);
const FLOOR = dist<FloorType>([
  ['marble_granite', 0, 3],
  ['ceramic', 20, 66],
  ['parquet_vinyl', 1, 3],
  ['tile_terrazzo', 8, 8],
  ['cement_brick', 30, 15],
  ['wood_plank', 7, 1],
  ['bamboo', 3, 0],
  ['earth', 26, 2],
  ['other', 5, 1],
]);
const WALL = dist<WallType>([
  ['masonry', 52, 94],
  ['plaster_woven_bamboo', 10, 2],
  ['wood_plank', 18, 2],
  ['woven_bamboo', 15, 1],
  ['wood_log', 1, 0],
  ['bamboo', 2, 0],
  ['other', 2, 1],
]);
const ROOF = dist<RoofType>([
  ['concrete', 1, 12],
  ['clay_tile', 62, 66],
  ['asbestos', 14, 12],
  ['zinc', 15, 8],
  ['wood_shingle', 2, 1],
  ['bamboo', 2, 0],
  ['thatch', 2, 0],
  ['other', 2, 1],
]);
const WATER_URBAN = dist<DrinkingWater>([
  ['bottled', 2, 12],
  ['refill', 35, 45],
  ['piped', 18, 28],
  ['bore_well', 20, 11],
  ['protected_well', 14, 3],
  ['unprotected_well', 6, 0.5],
  ['protected_spring', 1, 0.5],
  ['unprotected_spring', 1, 0],
  ['surface', 1, 0],
  ['rain', 0.5, 0],
  ['other', 1.5, 0],
]);
const WATER_RURAL = dist<DrinkingWater>([
  ['bottled', 1, 6],
  ['refill', 18, 30],
  ['piped', 10, 18],
  ['bore_well', 25, 30],
  ['protected_well', 25, 12],
  ['unprotected_well', 10, 1],
  ['protected_spring', 5, 2],
  ['unprotected_spring', 3, 0.5],
  ['surface', 1.5, 0],
  ['rain', 0.5, 0],
  ['other', 1, 0.5],
]);
const TOILET = dist<Toilet>([
  ['own', 56, 95],
  ['shared', 19, 3],
  ['communal', 8, 1],
  ['public', 5, 0.5],
  ['none', 12, 0.5],
]);
const SEWAGE = dist<Sewage>([
  ['septic_tank', 55, 88],
  ['ipal', 3, 5],
  ['pit', 16, 4],
  ['water_body', 20, 2],
  ['open_ground', 3, 0.5],
  ['other', 3, 0.5],
]);
const LIGHTING = dist<Lighting>([
  ['pln_metered', 86, 99.5],
  ['pln_unmetered', 10, 0.4],
  ['non_pln', 3, 0.1],
  ['none', 1, 0],
]);
const VA = dist<'450' | '900' | '1300' | '2200' | '3500'>([
  ['450', 52, 4],
  ['900', 42, 42],
  ['1300', 5, 36],
  ['2200', 1, 14],
  ['3500', 0, 4],
]);
const FUEL = dist<CookingFuel>([
  ['electricity', 1, 8],
  ['lpg_3kg', 76, 70],
  ['lpg_large', 0.5, 18],
  ['city_gas', 0.2, 2],
  ['biogas', 0.1, 0.2],
  ['kerosene', 2, 0],
  ['briquette', 0.5, 0],
  ['charcoal', 2, 0],
  ['wood', 14, 1],
  ['none', 3, 0.5],
  ['other', 0.7, 0.3],
]);
/** [asset, share among the poorest, share among the best off] */
const ASSETS: ReadonlyArray<readonly [Asset, number, number]> = [
  ['fridge', 0.25, 0.85],
  ['air_conditioner', 0.005, 0.2],
  ['water_heater', 0.002, 0.08],
  ['landline', 0.005, 0.05],
  ['television', 0.75, 0.97],
  ['gold_10g', 0.03, 0.4],
  ['bank_account', 0.22, 0.85],
  ['computer', 0.02, 0.35],
  ['bicycle', 0.3, 0.4],
  ['motorbike', 0.55, 0.95],
  ['car', 0.01, 0.3],
  ['boat', 0.004, 0.01],
  ['smartphone', 0.62, 0.98],
  ['land', 0.08, 0.35],
  ['house_elsewhere', 0.01, 0.12],
  ['livestock', 0.06, 0.1],
];
const ADULT_EDUCATION = dist<Education>([
  ['none', 9, 1],
  ['sd', 40, 12],
  ['smp', 25, 18],
  ['sma', 22, 42],
  ['diploma', 1.5, 8],
  ['bachelor', 2.3, 17],
  ['postgraduate', 0.2, 2],
]);
const OLDEST_COHORT: Partial<Record<Education, number>> = { none: 3, sd: 1.5, sma: 0.5, diploma: 0.4, bachelor: 0.4, postgraduate: 0.4 };
const MIDDLE_COHORT: Partial<Record<Education, number>> = { none: 1.6, sd: 1.2, sma: 0.8, diploma: 0.7, bachelor: 0.7, postgraduate: 0.7 };
const DISABILITY_WEIGHTS: ReadonlyArray<readonly [Disability, number]> = [
  ['walking', 30],
  ['seeing', 20],
  ['hearing', 12],
  ['hands', 8],
  ['learning', 8],
  ['remembering', 8],
  ['communicating', 6],
  ['behaviour', 4],
  ['self_care', 4],
];
const DISABILITY_W = DISABILITY_WEIGHTS.map((d) => d[1]);

/** Programme receipt by desil 1–10 (index 0 = desil 1): eligibility cut-offs plus targeting errors. */
const PKH_BY_DESIL = [0.55, 0.45, 0.35, 0.25, 0.06, 0.03, 0.02, 0.01, 0.01, 0.01];
const BPNT_BY_DESIL = [0.7, 0.62, 0.52, 0.42, 0.3, 0.06, 0.04, 0.02, 0.02, 0.01];
const PBI_BY_DESIL = [0.85, 0.8, 0.72, 0.62, 0.5, 0.18, 0.12, 0.08, 0.05, 0.03];
/** Stunting among under-fives by desil; the registry-wide share comes out near 20 %. */
const STUNTING_BY_DESIL = [0.27, 0.23, 0.19, 0.16, 0.13, 0.12, 0.11, 0.1, 0.09, 0.08];

const at = (a: ReadonlyArray<number>, desil: number) => a[desil - 1] ?? 0;

// ---- members -----------------------------------------------------------------------------------

interface Draft {
  rel: Relationship;
  sex: Sex;
  /** age in years (fractional) on the base period */
  age: number;
  /** index of the mother among the drafts, or -1 */
  mother: number;
  /** index of the father among the drafts, or -1 */
  father: number;
}

const YEAR = 365.2425;
/** oldest member on the base period (parents living in); heads are 20–80 */
const MAX_AGE = 95;

function addChildren(rng: Rng, m: Draft[], n: number, motherAge: number, rel: Relationship, mother: number, father: number): void {
  const youngest = Math.min(...[mother, father].filter((i) => i >= 0).map((i) => m[i]?.age ?? motherAge));
  let sinceFirst = rng.uniform(18, 28);
  for (let k = 0; k < n; k++) {
    const age = motherAge - sinceFirst;
    if (age < 0) break;
    sinceFirst += rng.uniform(1.5, 6);
    if (age > youngest - 15) continue; // a child is at least 15 years younger than each parent
    // Grown children mostly have their own KK; fewer than half stay on their parents' card.
    if (age >= 22 && rel === 'child' && !rng.chance(0.45)) continue;
    m.push({ rel, sex: rng.chance(0.51) ? 'male' : 'female', age, mother, father });
  }
}

function composeMembers(rng: Rng): Draft[] {
  const m: Draft[] = [];
  const type = rng.weighted([0.1, 0.1, 0.55, 0.12, 0.13]);
  const headMale = (p: number): Sex => (rng.chance(p) ? 'male' : 'female');
  let head: Draft;
  if (type === 0) {
    // living alone: mostly the elderly, widows more than widowers
    head = rng.chance(0.6)
      ? { rel: 'head', sex: headMale(0.35), age: rng.uniform(60, 80.99), mother: -1, father: -1 }
      : { rel: 'head', sex: headMale(0.55), age: rng.uniform(20, 40.99), mother: -1, father: -1 };
  } else if (type === 1) {
    head = {
      rel: 'head',
      sex: headMale(0.92),
      age: rng.chance(0.45) ? rng.uniform(20, 32) : rng.uniform(50, 80.99),
      mother: -1,
      father: -1,
    };
  } else if (type === 2) head = { rel: 'head', sex: headMale(0.92), age: rng.triangular(22, 40, 66), mother: -1, father: -1 };
  else if (type === 3) head = { rel: 'head', sex: headMale(0.25), age: rng.triangular(25, 45, 76), mother: -1, father: -1 };
  else head = { rel: 'head', sex: headMale(0.85), age: rng.triangular(32, 52, 80.99), mother: -1, father: -1 };
  m.push(head);
  if (type === 0) return m;
  if (type !== 3) {
    const gap = Math.max(-5, 3 + 2.5 * rng.normal());
    const age = Math.min(85, Math.max(18, head.sex === 'male' ? head.age - gap : head.age + gap));
    m.push({ rel: 'spouse', sex: head.sex === 'male' ? 'female' : 'male', age, mother: -1, father: -1 });
  }
  if (type === 4 && rng.chance(0.55)) {
    // the head's (or spouse's) parents living in: mostly a widowed mother
    const two = rng.chance(0.3);
    const age = Math.min(MAX_AGE, head.age + rng.uniform(20, 35));
    if (age - head.age >= 17) {
      m.push({ rel: 'parent', sex: two || rng.chance(0.7) ? 'female' : 'male', age, mother: -1, father: -1 });
      if (two) m.push({ rel: 'parent', sex: 'male', age: Math.min(MAX_AGE, age + rng.uniform(0, 6)), mother: -1, father: -1 });
    }
  }
  const mother = m.findIndex((d) => (d.rel === 'head' || d.rel === 'spouse') && d.sex === 'female');
  const father = m.findIndex((d) => (d.rel === 'head' || d.rel === 'spouse') && d.sex === 'male');
  const motherAge = mother >= 0 ? (m[mother]?.age ?? head.age) : head.age - 3;
  if (type === 1) {
    // a couple: young and not yet with children, or the children have left
  } else {
    const n = 1 + rng.weighted(type === 3 ? [40, 33, 16, 8, 3] : [20, 34, 25, 12, 6, 3]);
    addChildren(rng, m, n, motherAge, 'child', mother, father);
  }
  if (type === 4 && (m.length <= 2 || rng.chance(0.55))) {
    // a married child living in with their spouse and children
    let adult = m.findIndex((d) => d.rel === 'child' && d.age >= 19);
    if (adult < 0 && motherAge - 19 >= 18) {
      m.push({
        rel: 'child',
        sex: rng.chance(0.5) ? 'male' : 'female',
        age: motherAge - rng.uniform(18, Math.min(30, motherAge - 19)),
        mother,
        father,
      });
      adult = m.length - 1;
    }
    const a = m[adult];
    if (a) {
      let inLaw = -1;
      if (rng.chance(0.5)) {
        const age = Math.max(18, a.age + (a.sex === 'female' ? 3 : -3) + 2 * rng.normal());
        m.push({ rel: 'child_in_law', sex: a.sex === 'male' ? 'female' : 'male', age, mother: -1, father: -1 });
        inLaw = m.length - 1;
      }
      const gm = a.sex === 'female' ? adult : inLaw;
      const gf = a.sex === 'male' ? adult : inLaw;
      const gmAge = gm >= 0 ? (m[gm]?.age ?? a.age) : a.age;
      addChildren(rng, m, 1 + rng.weighted([60, 30, 10]), gmAge, 'grandchild', gm, gf);
    }
  }
  if (type >= 2 && rng.chance(0.02))
    m.push({ rel: 'other', sex: rng.chance(0.5) ? 'male' : 'female', age: rng.uniform(5, 30), mother: -1, father: -1 });
  if (m.length > 9) m.length = 9;
  return m;
}

// ---- the family --------------------------------------------------------------------------------

const pad3 = (n: number) => String(n).padStart(3, '0');
const pad4 = (n: number) => String(n).padStart(4, '0');
const FAMILY_STREAM = 0xfa1;
const STEP_STREAM = 0x57e9;

function placeName(ctx: FamilyContext, kabKota: number): string {
  return ctx.index.kabKota[kabKota]?.name ?? '';
}

/** Where a person's NIK was issued (kecamatan index) and where they were born. */
function origin(rng: Rng, ctx: FamilyContext, village: Village, adult: boolean): { kec: number; birthPlace: string } {
  // About 10 % of people hold a NIK from another kecamatan: people keep their first region.
  if (rng.chance(adult ? 0.14 : 0.03)) {
    let kec = rng.chance(0.5) ? rng.pick(ctx.provinceKec) : rng.int(0, ctx.index.kecamatan.length - 1);
    if (kec === village.kec) kec = rng.int(0, ctx.index.kecamatan.length - 1);
    return { kec, birthPlace: placeName(ctx, ctx.index.kecamatan[kec]?.kabKota ?? -1) || placeName(ctx, village.kabKota) };
  }
  const u = rng.next();
  const kabKota = u < 0.85 ? village.kabKota : u < 0.95 ? rng.pick(ctx.provinceKabKota) : rng.pick(ctx.kota);
  return { kec: village.kec, birthPlace: placeName(ctx, kabKota) };
}

function nikFor(ctx: FamilyContext, kec: number, birth: number, sex: Sex, table: 'base' | 'births'): string {
  const offset = sex === 'female' ? 40 : 0;
  const key = serialKey(kec, birth, offset);
  const n = table === 'base' ? ctx.nik.next(key) : ctx.births.next(key);
  // Base serials count up from 0001, births down from 9999: the two never meet below 5,000 each.
  if (n >= 5000) throw new Error('synthetic registry: more than 4,999 people share one NIK prefix; lower the family count');
  const serial = table === 'base' ? n : 10_000 - n;
  return `${ctx.index.kecamatan[kec]?.digits ?? ''}${ddmmyy(birth, offset)}${pad4(serial)}`;
}

function noKkFor(ctx: FamilyContext, kec: number, issued: number): string {
  const n = ctx.kk.next(serialKey(kec, issued, 0));
  if (n > 9999) throw new Error('synthetic registry: more than 9,999 family cards on one day in one kecamatan');
  return `${ctx.index.kecamatan[kec]?.digits ?? ''}${ddmmyy(issued)}${pad4(n)}`;
}

/** Deprivation 0–1 that mixes the poor and rich weights: mostly the desil, a little the village. */
function deprivation(rng: Rng, desil: number, village: Village): number {
  return clamp01((10 - desil) / 9 + 0.05 * village.poverty + 0.1 * rng.normal());
}

function drawDesil(rng: Rng, village: Village): number {
  // Poorer villages tilt towards desil 1; the registry-wide shape stays close to DESIL_WEIGHTS.
  const w = DESIL_WEIGHTS.map((x, i) => x * Math.exp(-0.08 * village.poverty * (i + 1 - 3.5)));
  return 1 + rng.weighted(w);
}

function drawPrograms(
  rng: Rng,
  f: Pick<Family, 'desil' | 'electricityVa' | 'village' | 'pbi'>,
  members: ReadonlyArray<Pick<Person, 'birth' | 'disabilities'>>,
  basePeriod: number,
): ProgramCode[] {
  const out: ProgramCode[] = [];
  // PKH pays for components: children, the elderly (60+), severe disability.
  const hasComponent = members.some((p) => {
    const age = (basePeriod - p.birth) / YEAR;
    return age < 18 || age >= 60 || p.disabilities.length > 0;
  });
  const pkh = rng.chance(at(PKH_BY_DESIL, f.desil) * (hasComponent ? 1 : 0.3));
  if (pkh) out.push('pkh');
  if (rng.chance(pkh ? 0.9 : at(BPNT_BY_DESIL, f.desil))) out.push('bpnt');
  if (f.pbi) out.push('pbi_jk');
  // 450 VA is subsidised for everyone; 900 VA only for DTKS-listed poor households.
  if ((f.electricityVa === 450 && rng.chance(0.95)) || (f.electricityVa === 900 && f.desil <= 4 && rng.chance(0.4)))
    out.push('electricity_subsidy');
  if (!f.village.kelurahan && f.desil <= 3 && rng.chance(f.desil <= 2 ? 0.12 : 0.05)) out.push('blt');
  return out;
}

function fillPerson(rng: Rng, p: Person, fam: Family, age: number, dep: number): void {
  const desil = fam.desil;
  // disability (Washington Group): rises with age, a little more common among the poorest
  const pDis = (age < 18 ? 0.012 : age < 60 ? 0.018 : 0.075) * (desil <= 2 ? 1.3 : 1);
  if (rng.chance(pDis)) {
    const first = DISABILITY_WEIGHTS[rng.weighted(DISABILITY_W)]?.[0] ?? 'walking';
    p.disabilities = [first];
    const second = DISABILITY_WEIGHTS[rng.weighted(DISABILITY_W)]?.[0] ?? 'walking';
    if (rng.chance(0.2) && second !== first) p.disabilities.push(second);
  }
  p.chronic = rng.chance(age < 15 ? 0.01 : age < 40 ? 0.035 : age < 60 ? 0.12 : 0.28);
  const disabled = p.disabilities.length > 0;

  // school participation and highest completed level
  if (age < 7) {
    p.school = 'not_yet';
    p.education = null;
  } else if (age <= 18) {
    const attend = (age <= 12 ? lerp(dep, 0.96, 0.995) : age <= 15 ? lerp(dep, 0.86, 0.97) : lerp(dep, 0.62, 0.88)) * (disabled ? 0.6 : 1);
    if (rng.chance(attend)) {
      p.school = 'attending';
      p.education = age >= 16 ? 'smp' : age >= 13 ? 'sd' : 'none';
    } else if ((disabled && rng.chance(0.5)) || rng.chance(0.04)) {
      p.school = 'never';
      p.education = 'none';
    } else {
      p.school = 'not_attending';
      p.education =
        age >= 16
          ? ((['none', 'sd', 'smp'] as const)[rng.weighted([1, 5, 4])] ?? 'sd')
          : age >= 13
            ? rng.chance(0.7)
              ? 'sd'
              : 'none'
            : 'none';
    }
  } else {
    const year = civilFromDays(p.birth).y;
    let edu = draw(rng, ADULT_EDUCATION, dep, year < 1960 ? OLDEST_COHORT : year < 1980 ? MIDDLE_COHORT : undefined);
    // equivalency programmes (Kejar Paket) stand in for a few of the formal certificates
    if (rng.chance(0.04)) edu = edu === 'sd' ? 'paket_a' : edu === 'smp' ? 'paket_b' : edu === 'sma' ? 'paket_c' : edu;
    // a degree takes until about 22, a master's until about 25
    if (age < 22 && (edu === 'diploma' || edu === 'bachelor' || edu === 'postgraduate')) edu = 'sma';
    else if (age < 25 && edu === 'postgraduate') edu = 'bachelor';
    if (age <= 24 && (edu === 'sma' || edu === 'paket_c') && rng.chance(lerp(dep, 0.08, 0.35))) p.school = 'attending';
    else p.school = edu === 'none' ? 'never' : 'not_attending';
    p.education = edu;
  }

  // work
  if (age < 10) p.work = null;
  else if (p.school === 'attending') p.work = 'school';
  else if (age < 15) p.work = rng.chance(0.3) ? 'working' : 'not_working';
  else if (disabled && rng.chance(0.6)) p.work = 'other';
  else if (p.sex === 'male') {
    if (age >= 65) p.work = rng.chance(0.45) ? 'working' : 'other';
    else {
      const u = rng.next();
      p.work = u < lerp(dep, 0.8, 0.9) ? 'working' : u < lerp(dep, 0.92, 0.95) ? 'not_working' : 'other';
    }
  } else if (age >= 65) p.work = (['working', 'housekeeping', 'other'] as const)[rng.weighted([2, 5, 3])] ?? 'other';
  else
    p.work =
      (['working', 'housekeeping', 'not_working', 'other'] as const)[
        rng.weighted([lerp(dep, 45, 55), lerp(dep, 45, 40), lerp(dep, 8, 4), 2])
      ] ?? 'other';

  // health insurance: PBI follows the family decision; a few babies are not yet registered
  if (fam.pbi) p.jkn = rng.chance(age < 1 ? 0.7 : 0.95) ? 'pbi' : 'none';
  else p.jkn = rng.chance(lerp(dep, 0.3, 0.8)) ? 'non_pbi' : 'none';

  // nutrition of under-fives
  if (age < 5) {
    const u = rng.next();
    const s = at(STUNTING_BY_DESIL, desil);
    p.nutrition = u < s ? 'stunting' : u < s + 0.06 ? 'wasting' : u < s + 0.11 ? 'underweight' : u < s + 0.14 ? 'overweight' : 'normal';
  } else p.nutrition = null;

  p.programs = p.jkn === 'pbi' ? ['pbi_jk'] : [];
}

/** PIP (school aid) for pupils 7–18, mostly desil 1–4, more often in PKH families. */
function drawPip(rng: Rng, p: Person, fam: Family, age: number): void {
  if (p.school !== 'attending' || age < 7 || age > 18) return;
  const share = fam.desil <= 4 ? (fam.programs.includes('pkh') ? 0.6 : 0.4) : fam.desil <= 6 ? 0.12 : 0.04;
  if (rng.chance(share)) p.programs.push('pip');
}

function blankPerson(): Omit<Person, 'nik' | 'name' | 'sex' | 'birth' | 'birthPlace' | 'relationship' | 'motherName'> {
  return { education: null, school: null, work: null, disabilities: [], chronic: false, jkn: 'none', nutrition: null, programs: [] };
}

/**
 * Builds family `ordinal` as it stood on the base period. `issued` bounds the KK issue date:
 * base families got theirs between 2005 and the base period; families that appear in a later
 * snapshot got theirs in the quarter before it.
 */
export function buildFamily(ctx: FamilyContext, ordinal: number, village: Village, issued?: { from: number; to: number }): Family {
  const rng = new Rng(ctx.seed, ordinal, FAMILY_STREAM);
  const base = ctx.basePeriod;
  const desil = drawDesil(rng, village);
  const dep = deprivation(rng, desil, village);
  const rural = !village.kelurahan;

  const drafts = composeMembers(rng);
  const births = drafts.map((d) => base - Math.floor(d.age * YEAR));

  // No KK: the kecamatan of the village, the issue date, a serial.
  const headBirth = births[0] ?? base;
  const adult17 = addMonths(headBirth, 17 * 12);
  const from = issued ? issued.from : Math.max(daysFromCivil(2005, 1, 1), adult17);
  const to = issued ? issued.to : base;
  const issueDay = rng.int(Math.min(from, to), to);

  const rw = rng.int(1, village.rwCount);
  const rt = rng.int(1, village.rtPerRw);
  const street = rng.pick(village.streets);
  // Poorer families more often live down a gang (alley) than on the street itself.
  const gang = rng.chance(lerp(dep, 0.35, 0.1));
  const no = `${rng.int(1, 150)}${rng.chance(0.08) ? 'ABC'[rng.int(0, 2)] : ''}`;
  const address = gang ? `Gg. ${street} ${rng.int(1, 9)} No. ${no}` : `Jl. ${street} No. ${no}`;

  const size = drafts.length;
  const toilet = draw(rng, TOILET, dep, rural ? { none: 1.5, own: 0.95 } : undefined);
  const lighting = draw(rng, LIGHTING, dep, rural ? { non_pln: 1.5 } : undefined);
  const electricityVa = lighting === 'pln_metered' ? Number(draw(rng, VA, dep)) : null;
  const cookingFuel = draw(rng, FUEL, dep, rural ? { wood: 2.5, lpg_large: 0.5 } : undefined);
  const f: Family = {
    ordinal,
    village,
    noKk: '',
    sourceId: `SYN-${ctx.seed}-${String(ordinal).padStart(8, '0')}`,
    address,
    // a kelurahan has no dusun; in a desa one dusun covers a few RWs
    hamlet:
      village.hamlets.length === 0 ? null : (village.hamlets[Math.floor(((rw - 1) * village.hamlets.length) / village.rwCount)] ?? null),
    rt: pad3(rt),
    rw: pad3(rw),
    desil,
    tenure: draw(rng, TENURE, dep),
    floorAreaM2: Math.round(Math.max(9, Math.min(400, (12 + lerp(dep, 6, 13) * size) * Math.exp(0.25 * rng.normal()))) * 2) / 2,
    floorType: draw(rng, FLOOR, dep),
    wallType: draw(rng, WALL, dep),
    wallCondition: rng.chance(lerp(dep, 0.45, 0.07)) ? 'poor' : 'good',
    roofType: draw(rng, ROOF, dep),
    roofCondition: rng.chance(lerp(dep, 0.4, 0.07)) ? 'poor' : 'good',
    drinkingWater: draw(rng, rural ? WATER_RURAL : WATER_URBAN, dep),
    toilet,
    sewage: toilet === 'none' ? null : draw(rng, SEWAGE, dep),
    lighting,
    electricityVa,
    cookingFuel,
    assets: [],
    programs: [],
    pbi: rng.chance(at(PBI_BY_DESIL, desil)),
    members: [],
  };

  // members: names first (children may carry a part of the father's name), then NIK
  const names: string[] = [];
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i] as Draft;
    const father = d.father >= 0 ? names[d.father] : undefined;
    names.push(personName(rng, d.sex === 'female', civilFromDays(births[i] ?? base).y, father ? lastPart(father) : undefined));
  }
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i] as Draft;
    const birth = births[i] ?? base;
    const o = origin(rng, ctx, village, d.age >= 18);
    const person: Person = {
      nik: nikFor(ctx, o.kec, birth, d.sex, 'base'),
      name: names[i] ?? '',
      sex: d.sex,
      birth,
      birthPlace: o.birthPlace,
      relationship: d.rel,
      motherName: d.mother >= 0 ? (names[d.mother] ?? '') : personName(rng, true, civilFromDays(birth).y - 25),
      ...blankPerson(),
    };
    f.members.push(person);
  }
  f.noKk = noKkFor(ctx, village.kec, issueDay);

  for (const p of f.members) fillPerson(rng, p, f, ageOn(p.birth, base), dep);
  f.programs = drawPrograms(rng, f, f.members, base);
  for (const p of f.members) drawPip(rng, p, f, ageOn(p.birth, base));

  // assets
  if (cookingFuel === 'lpg_3kg' ? rng.chance(0.97) : rng.chance(0.1)) f.assets.push('lpg_3kg');
  const aid = f.programs.includes('pkh') || f.programs.includes('bpnt');
  for (const [asset, poor, rich] of ASSETS) {
    let share = lerp(dep, poor, rich);
    if (asset === 'bank_account' && aid) share = Math.max(share, 0.9); // the KKS card is a bank account
    if (rural && (asset === 'land' || asset === 'livestock')) share *= 2.5;
    if (rng.chance(share)) f.assets.push(asset);
  }
  return f;
}

// ---- later snapshots -------------------------------------------------------------------------

/** Share of families whose desil moves between two quarterly snapshots, and other change rates. */
export const CHANGE = {
  desil: 0.1,
  leave: 0.033,
  birthPerEligibleMother: 0.21,
  newFamilies: 0.02,
  housing: 0.06,
} as const;

/** Programmes re-decided when the desil moves (PBI is per person and left as it was). */
const REDRAWN: ReadonlySet<ProgramCode> = new Set<ProgramCode>(['pkh', 'bpnt', 'blt', 'electricity_subsidy']);

interface Upgrade {
  when: (f: Family) => boolean;
  apply: (f: Family) => void;
}

/** Home improvements a mentoring programme delivers (RTLH, latrines, electricity, clean fuel). */
const UPGRADES: ReadonlyArray<Upgrade> = [
  {
    when: (f) => f.floorType === 'earth' || f.floorType === 'bamboo',
    apply: (f) => {
      f.floorType = 'cement_brick';
    },
  },
  {
    when: (f) => f.toilet !== 'own',
    apply: (f) => {
      f.toilet = 'own';
      f.sewage = 'septic_tank';
    },
  },
  {
    when: (f) => f.lighting !== 'pln_metered',
    apply: (f) => {
      f.lighting = 'pln_metered';
      f.electricityVa = 900;
    },
  },
  {
    when: (f) => f.electricityVa === 450,
    apply: (f) => {
      f.electricityVa = 900;
    },
  },
  {
    when: (f) => f.wallCondition === 'poor',
    apply: (f) => {
      f.wallCondition = 'good';
    },
  },
  {
    when: (f) => f.roofCondition === 'poor',
    apply: (f) => {
      f.roofCondition = 'good';
    },
  },
  {
    when: (f) => f.cookingFuel === 'wood' || f.cookingFuel === 'kerosene',
    apply: (f) => {
      f.cookingFuel = 'lpg_3kg';
    },
  },
  {
    when: (f) => f.wallType !== 'masonry',
    apply: (f) => {
      f.wallType = 'masonry';
    },
  },
];

/**
 * Moves the family from snapshot `step - 1` to snapshot `step` (period `to`, the previous being
 * `from`): desil changes, members leaving (moved or died), babies born, housing improved.
 * Deterministic per (seed, family, step), so snapshot 3 repeats snapshot 2's changes.
 */
export function applyStep(ctx: FamilyContext, f: Family, step: number, from: number, to: number): void {
  const rng = new Rng(ctx.seed, f.ordinal, step, STEP_STREAM);
  if (rng.chance(CHANGE.desil)) {
    const size = rng.chance(0.7) ? 1 : 2;
    let sign = rng.chance(0.55) ? 1 : -1;
    if (f.desil + sign * size < 1 || f.desil + sign * size > 10) sign = -sign;
    f.desil = Math.max(1, Math.min(10, f.desil + sign * size));
    if (rng.chance(0.5)) {
      // half the time the programmes already follow the new desil
      const kept = f.programs.filter((p) => !REDRAWN.has(p));
      f.programs = [...drawPrograms(rng, f, f.members, to).filter((p) => REDRAWN.has(p)), ...kept];
    }
  }
  if (rng.chance(CHANGE.housing)) {
    // one improvement, the first that applies from a random starting point
    const start = rng.int(0, UPGRADES.length - 1);
    for (let k = 0; k < UPGRADES.length; k++) {
      const u = UPGRADES[(start + k) % UPGRADES.length];
      if (u?.when(f)) {
        u.apply(f);
        break;
      }
    }
  }
  // members leave (moved or died); a head leaves only when a spouse stays to take over the card
  const leaving = f.members.map(() => rng.chance(CHANGE.leave));
  const spouseStays = f.members.findIndex((q, i) => q.relationship === 'spouse' && !leaving[i]);
  const headIndex = f.members.findIndex((q) => q.relationship === 'head');
  if (leaving[headIndex] && spouseStays < 0) leaving[headIndex] = false;
  const stay = f.members.filter((_, i) => !leaving[i]);
  if (leaving[headIndex]) {
    const spouse = f.members[spouseStays];
    if (spouse) spouse.relationship = 'head';
  }
  f.members = stay;
  // babies: mothers 17–44 among head, spouse and children-in-law
  const mothers = f.members.filter((p) => {
    const age = (to - p.birth) / YEAR;
    return (
      p.sex === 'female' &&
      age >= 17 &&
      age < 45 &&
      (p.relationship === 'head' || p.relationship === 'spouse' || p.relationship === 'child_in_law')
    );
  });
  const dep = deprivation(rng, f.desil, f.village);
  for (const mother of mothers) {
    if (f.members.length >= 9 || !rng.chance(CHANGE.birthPerEligibleMother)) continue;
    const birth = rng.int(from + 1, to);
    const sex: Sex = rng.chance(0.51) ? 'male' : 'female';
    const father = f.members.find(
      (q) =>
        q.sex === 'male' &&
        (mother.relationship === 'child_in_law' ? q.relationship === 'child' : q.relationship === 'head' || q.relationship === 'spouse'),
    );
    const baby: Person = {
      nik: nikFor(ctx, f.village.kec, birth, sex, 'births'),
      name: personName(rng, sex === 'female', civilFromDays(birth).y, father ? lastPart(father.name) : undefined),
      sex,
      birth,
      birthPlace: placeName(ctx, f.village.kabKota),
      relationship: mother.relationship === 'child_in_law' ? 'grandchild' : 'child',
      motherName: mother.name,
      ...blankPerson(),
    };
    fillPerson(rng, baby, f, 0, dep);
    f.members.push(baby);
  }
}
