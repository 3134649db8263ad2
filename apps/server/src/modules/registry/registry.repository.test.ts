/**
 * Search counts: a name search stops counting past COUNT_CAP.name, filters past COUNT_CAP.filters.
 * 1,001 families are written with SQL (the import pipeline is not what is tested here).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { COUNT_CAP, searchFamilies } from './registry.repository.ts';

const VILLAGE = '33.75.03.1002';
const N = COUNT_CAP.name + 1;
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.database.db.execute(sql`
    insert into families (no_kk, village_code, source_kind, desil, rw, rt)
    select '3375031002' || lpad(i::text, 6, '0'), ${VILLAGE}, 'local_survey', 1 + i % 4, '001', '002'
    from generate_series(1, ${N}) i`);
  await ctx.database.db.execute(sql`
    insert into persons (nik, family_id, name, name_key)
    select '33750341' || lpad(f.id::text, 8, '0'), f.id, 'Sri Zuwati ' || f.id, 'srizuwati' || f.id
    from families f where f.village_code = ${VILLAGE}`);
});
afterAll(async () => {
  await ctx.close();
});

const base = { limit: 25, offset: 0 } as const;

describe('search counts', () => {
  it(`a name search counts to ${COUNT_CAP.name} and says there are more`, async () => {
    const page = await searchFamilies(ctx.database.db, { ...base, q: 'zuwati' }, null);
    expect(page.items).toHaveLength(25);
    expect(page).toMatchObject({ total: COUNT_CAP.name, totalCapped: true });
  });

  it('filters alone count further: the same families by village are all counted', async () => {
    const page = await searchFamilies(ctx.database.db, { ...base, villageCode: VILLAGE }, null);
    expect(page).toMatchObject({ total: N, totalCapped: false });
  });

  it('under the cap a name search gives the exact count', async () => {
    const page = await searchFamilies(ctx.database.db, { ...base, q: 'zuwati', desilMax: 1 }, null);
    const expected = Array.from({ length: N }, (_, i) => 1 + ((i + 1) % 4)).filter((d) => d <= 1).length;
    expect(page).toMatchObject({ total: expected, totalCapped: false });
  });
});
