/**
 * Families for the mentoring-cycle browser test: three synthetic families of Kali Baros in an RW
 * of their own (RW 021), so the registry proposal and the evaluation count exactly them. The
 * second file is the same families one quarter later with their own latrines (a DTSEN update).
 * All NIK and No KK are synthetic; serials 09xx stay clear of the demo generator's.
 */
import { type APIRequestContext, expect } from '@playwright/test';

export const CYCLE_VILLAGE = '33.75.02.1012';
export const CYCLE_RW = '021';
const KEC = '337502';

const HEADER = [
  'synthetic',
  'noKk',
  'villageCode',
  'address',
  'rt',
  'rw',
  'desil',
  'toilet',
  'nik',
  'name',
  'sex',
  'birthDate',
  'relationship',
  'motherName',
];

export const CYCLE_FAMILIES = [
  { serial: '0931', head: 'Warsono Ujisiklus', spouse: 'Sumiyati Ujisiklus' },
  { serial: '0932', head: 'Kasmadi Ujisiklus', spouse: 'Rusmini Ujisiklus' },
  { serial: '0933', head: 'Darsono Ujisiklus', spouse: 'Tarsih Ujisiklus' },
] as const;

export function cycleCsv(toilet: 'none' | 'own'): string {
  const lines = [HEADER.join(',')];
  for (const f of CYCLE_FAMILIES) {
    const noKk = `${KEC}010199${f.serial}`;
    const base = ['1', noKk, CYCLE_VILLAGE, 'Jl. Uji Siklus', '003', CYCLE_RW, '2', toilet];
    lines.push([...base, `${KEC}070770${f.serial}`, f.head, 'male', '1970-07-07', 'head', 'Sarinah'].join(','));
    lines.push([...base, `${KEC}520874${f.serial}`, f.spouse, 'female', '1974-08-12', 'spouse', 'Painah'].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Imports a file as the logged-in admin of `request` and waits until it completed without rejections. */
export async function importAsAdmin(request: APIRequestContext, csv: string, period: string): Promise<void> {
  const q = new URLSearchParams({ fileName: `uji-siklus-${period}.csv`, sourceKind: 'local_survey', period, fullSnapshot: 'false' });
  const res = await request.post(`/api/registry/imports?${q}`, {
    headers: { 'content-type': 'application/octet-stream' },
    data: Buffer.from(csv),
  });
  expect(res.status(), await res.text()).toBe(202);
  const { id } = (await res.json()) as { id: number };
  await expect
    .poll(async () => ((await (await request.get(`/api/registry/imports/${id}`)).json()) as { status: string }).status, { timeout: 30_000 })
    .toBe('completed');
  const view = (await (await request.get(`/api/registry/imports/${id}`)).json()) as { rejectedRows: number };
  expect(view.rejectedRows).toBe(0);
}
