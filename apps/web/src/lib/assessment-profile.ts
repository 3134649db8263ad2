/** Pure helpers of the assessment tab: the profile form's RW list, problem grouping, Form 2 progress. */
import type { Problem, VerificationCounts, VillageProfileData } from '@dampingan/contracts';

/** "3, 04  005" → RWs as written (digits only, 1–3 of them); anything else is returned as invalid. */
export function parseRwList(text: string): { rws: string[]; invalid: string[] } {
  const parts = text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const rws: string[] = [];
  const invalid: string[] = [];
  for (const p of parts) {
    const cleaned = p.replace(/^RW/i, '');
    if (/^\d{1,3}$/.test(cleaned)) {
      if (!rws.includes(cleaned)) rws.push(cleaned);
    } else invalid.push(p);
  }
  return { rws, invalid };
}

export function formatRwList(rws: readonly string[]): string {
  return rws.join(', ');
}

/** Proposals waiting for the mentor, accepted problems and potentials, and the dismissed ones. */
export function groupProblems(items: readonly Problem[]) {
  return {
    proposed: items.filter((p) => p.status === 'proposed'),
    accepted: items.filter((p) => p.status === 'accepted'),
    dismissed: items.filter((p) => p.status === 'dismissed'),
  };
}

/** Share of the low-welfare families verified in the field (0..1); null when there are none. */
export function verifiedShare(c: VerificationCounts): number | null {
  if (c.total === 0) return null;
  return (c.total - c.unverified) / c.total;
}

/** RW as people write it: "003" → "03". */
export function rwLabel(rw: string | null): string {
  if (!rw) return '—';
  return (rw.replace(/^0+/, '') || '0').padStart(2, '0');
}

// ---- the profile form (Form 1): numbers are typed as text, RWs as one line ----------------------

type Data = VillageProfileData;

export interface ProfileDraft {
  economy: { kind: Data['economy'][number]['kind']; name: string; size: string; note: string }[];
  institutions: Omit<Data['institutions'], 'posyanduCount'> & { posyanduCount: string };
  infrastructure: Data['infrastructure'];
  hazards: Omit<Data['hazards'], 'affectedRws'> & { affectedRws: string };
  funding: { source: Data['funding'][number]['source']; amount: string; year: string; note: string }[];
  notes: string;
}

export function toDraft(d: Data): ProfileDraft {
  return {
    economy: d.economy.map((e) => ({ ...e })),
    institutions: { ...d.institutions, posyanduCount: String(d.institutions.posyanduCount) },
    infrastructure: { description: d.infrastructure.description, flags: { ...d.infrastructure.flags } },
    hazards: { ...d.hazards, affectedRws: formatRwList(d.hazards.affectedRws) },
    funding: d.funding.map((f) => ({ source: f.source, amount: String(f.amount), year: String(f.year), note: f.note })),
    notes: d.notes,
  };
}

/** "350.000.000", "350 000 000" or "350000000" → 350000000; empty or not a number → NaN (the schema names the field). */
export function parseAmount(text: string): number {
  const s = text.replace(/[\s.]/g, '').replace(/^Rp/i, '');
  return /^\d+$/.test(s) ? Number(s) : Number.NaN;
}

/** The draft as the API's input; RWs that are not numbers are returned apart for the form to show. */
export function fromDraft(d: ProfileDraft): { input: unknown; badRws: string[] } {
  const rws = parseRwList(d.hazards.affectedRws);
  const whole = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : Number.NaN);
  return {
    input: {
      economy: d.economy,
      institutions: { ...d.institutions, posyanduCount: whole(d.institutions.posyanduCount) },
      infrastructure: d.infrastructure,
      hazards: { ...d.hazards, affectedRws: rws.rws },
      funding: d.funding.map((f) => ({ source: f.source, amount: parseAmount(f.amount), year: whole(f.year), note: f.note })),
      notes: d.notes,
    },
    badRws: rws.invalid,
  };
}
