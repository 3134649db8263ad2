import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, makePairing, type TestContext } from './harness.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('test harness', () => {
  it('starts from the seeded template with all regions and the Pekalongan OPDs', async () => {
    const res = await ctx.app.inject({ url: '/api/health' });
    expect(res.json().database.regions).toBe(91599);
    const opds = await ctx.services.opds.list({});
    expect(opds.map((o) => o.abbreviation)).toContain('Dinperkim');
  });
  it('factories create their missing parents', async () => {
    const p = await makePairing(ctx);
    expect(p.villageName).toBe('Kali Baros');
    expect(p.status).toBe('active');
  });
});
