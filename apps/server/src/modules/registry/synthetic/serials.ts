/**
 * Serial numbers that make NIK and No KK unique without remembering every number issued.
 * A NIK is unique when its serial is unique within its first twelve digits (kecamatan +
 * DDMMYY, the day +40 for women); an open-addressing table over typed arrays counts the serials
 * used per twelve-digit key. Memory is fixed up front (≈ 6 bytes × 2 × expected keys), so it stays
 * flat while a million families stream out; it only grows if the estimate was too low.
 */
import { civilFromDays } from './calendar.ts';
import { mix32 } from './prng.ts';

/** 71 day values (1–31, 41–71) × 12 months × 100 years fit in 86,400. */
const DATE_KEYS = 86_400;

/** Key of a kecamatan (index) and a DDMMYY as written in the number. */
export function serialKey(kec: number, days: number, dayOffset: number): number {
  const { y, m, d } = civilFromDays(days);
  return kec * DATE_KEYS + ((d + dayOffset - 1) * 12 + (m - 1)) * 100 + (y % 100);
}

export class SerialTable {
  private keys: Uint32Array;
  private counts: Uint16Array;
  private mask: number;
  private size = 0;

  constructor(expectedKeys: number) {
    let cap = 1024;
    while (cap < expectedKeys * 2) cap *= 2;
    this.keys = new Uint32Array(cap);
    this.counts = new Uint16Array(cap);
    this.mask = cap - 1;
  }

  /** How many times `key` has been drawn, this draw included (1 on the first). */
  next(key: number): number {
    const stored = key + 1; // 0 marks an empty slot
    let i = mix32(key) & this.mask;
    for (;;) {
      const cur = this.keys[i];
      if (cur === stored) {
        const n = (this.counts[i] ?? 0) + 1;
        if (n > 0xffff) throw new Error('serial table: more than 65,535 numbers for one key');
        this.counts[i] = n;
        return n;
      }
      if (cur === 0) {
        this.keys[i] = stored;
        this.counts[i] = 1;
        if (++this.size * 4 > this.keys.length * 3) this.grow();
        return 1;
      }
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldCounts = this.counts;
    this.keys = new Uint32Array(oldKeys.length * 2);
    this.counts = new Uint16Array(oldKeys.length * 2);
    this.mask = this.keys.length - 1;
    for (let j = 0; j < oldKeys.length; j++) {
      const k = oldKeys[j] ?? 0;
      if (k === 0) continue;
      let i = mix32(k - 1) & this.mask;
      while (this.keys[i] !== 0) i = (i + 1) & this.mask;
      this.keys[i] = k;
      this.counts[i] = oldCounts[j] ?? 0;
    }
  }
}
