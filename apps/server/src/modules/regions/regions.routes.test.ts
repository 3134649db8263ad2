import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEndpointsCovered } from '../../test/endpoint-coverage.ts';
import { createTestContext, errorOf, PEKALONGAN_VILLAGES, send, type TestContext } from '../../test/harness.ts';

// Region reads are public reference data: no 401 or 403 exists for them.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const codes = (res: { json(): unknown }) => (res.json() as { items: { code: string }[] }).items.map((r) => r.code);

describe('GET /api/scope', () => {
  it('is Kota Pekalongan with its 27 kelurahan', async () => {
    const res = await send(ctx, 'GET', '/api/scope');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ code: '33.75', name: 'Kota Pekalongan', type: 'kota', villageCount: PEKALONGAN_VILLAGES.length });
    expect(PEKALONGAN_VILLAGES.length).toBe(27);
  });
});

describe('GET /api/regions/:code', () => {
  it('a kota with its ancestors and four kecamatan', async () => {
    const res = await send(ctx, 'GET', '/api/regions/33.75');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      code: '33.75',
      name: 'Kota Pekalongan',
      level: 2,
      type: 'kota',
      parentCode: '33',
      ancestors: [{ code: '33', name: 'Jawa Tengah', type: 'provinsi' }],
      childCount: 4,
      inScope: true,
      hasBoundary: true,
    });
  });

  it('a kelurahan with its alias, boundary and full ancestry', async () => {
    const res = await send(ctx, 'GET', '/api/regions/33.75.02.1012');
    expect(res.json()).toMatchObject({
      code: '33.75.02.1012',
      name: 'Kali Baros',
      level: 4,
      type: 'kelurahan',
      parentCode: '33.75.02',
      aliases: ['Kalibaros'],
      hasBoundary: true,
      childCount: 0,
      inScope: true,
    });
    expect(res.json().ancestors.map((a: { name: string }) => a.name)).toEqual(['Jawa Tengah', 'Kota Pekalongan', 'Pekalongan Timur']);
  });

  it('a province code works: 33 is Jawa Tengah with 35 kabupaten/kota, and contains the scope', async () => {
    const res = await send(ctx, 'GET', '/api/regions/33');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      code: '33',
      name: 'Jawa Tengah',
      level: 1,
      type: 'provinsi',
      parentCode: null,
      ancestors: [],
      childCount: 35,
    });
    expect(res.json().inScope).toBe(true);
  });

  it('a region elsewhere in Indonesia is out of scope', async () => {
    const res = await send(ctx, 'GET', '/api/regions/11.01.01.2001');
    expect(res.json()).toMatchObject({ name: 'Keude Bakongan', type: 'desa', inScope: false });
  });

  it('404 for a well-formed code that does not exist', async () => {
    const res = await send(ctx, 'GET', '/api/regions/33.75.09.1001');
    expect(res.statusCode).toBe(404);
    expect(errorOf(res).code).toBe('not_found');
  });

  it('400 for a badly formed code', async () => {
    for (const bad of ['33.7', '3375', '33.75.02.12', 'pekalongan']) {
      const res = await send(ctx, 'GET', `/api/regions/${bad}`);
      expect(res.statusCode, bad).toBe(400);
      expect(errorOf(res).details.issues).toContainEqual(expect.objectContaining({ path: 'params.code' }));
    }
  });
});

describe('GET /api/regions/:code/children', () => {
  it('Kota Pekalongan has 4 kecamatan', async () => {
    const res = await send(ctx, 'GET', '/api/regions/33.75/children');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((r: { code: string; name: string }) => `${r.code} ${r.name}`)).toEqual([
      '33.75.01 Pekalongan Barat',
      '33.75.02 Pekalongan Timur',
      '33.75.03 Pekalongan Utara',
      '33.75.04 Pekalongan Selatan',
    ]);
    expect(res.json().items.every((r: { type: string; level: number }) => r.type === 'kecamatan' && r.level === 3)).toBe(true);
  });

  it('Pekalongan Timur has 7 kelurahan including 33.75.02.1012 Kali Baros', async () => {
    const res = await send(ctx, 'GET', '/api/regions/33.75.02/children');
    expect(res.json().items).toHaveLength(7);
    expect(res.json().items).toContainEqual(
      expect.objectContaining({ code: '33.75.02.1012', name: 'Kali Baros', type: 'kelurahan', parentCode: '33.75.02' }),
    );
    expect(codes(res)).toEqual(PEKALONGAN_VILLAGES.filter((c) => c.startsWith('33.75.02.')));
  });

  it('a kelurahan has no children', async () => {
    const res = await send(ctx, 'GET', '/api/regions/33.75.02.1012/children');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([]);
  });

  it('404 for an unknown code, 400 for a bad one', async () => {
    expect((await send(ctx, 'GET', '/api/regions/99/children')).statusCode).toBe(404);
    expect((await send(ctx, 'GET', '/api/regions/33..75/children')).statusCode).toBe(400);
  });
});

describe('GET /api/regions (search)', () => {
  it('"Kalibaros" and "Kali Baros" both find 33.75.02.1012', async () => {
    for (const q of ['Kalibaros', 'Kali Baros', 'kelurahan kali baros', 'KALIBAROS']) {
      const res = await send(ctx, 'GET', `/api/regions?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(200);
      expect(codes(res)[0], q).toBe('33.75.02.1012');
    }
  });

  it('finds Kemendagri names by their spelled-apart variants', async () => {
    const res = await send(ctx, 'GET', `/api/regions?q=${encodeURIComponent('Pasir Kraton Kramat')}`);
    expect(codes(res)).toContain('33.75.01.1008');
  });

  it('within=33 level=4 keeps to villages of Jawa Tengah', async () => {
    const all = await send(ctx, 'GET', '/api/regions?q=Kauman&limit=100');
    const central = await send(ctx, 'GET', '/api/regions?q=Kauman&within=33&level=4&limit=100');
    expect(central.statusCode).toBe(200);
    const items = central.json().items as { code: string; level: number; name: string }[];
    expect(items.length).toBeGreaterThan(1);
    expect(items.every((r) => r.level === 4 && r.code.startsWith('33.'))).toBe(true);
    // Kauman in Pekalongan Timur and in Semarang Tengah are both in Jawa Tengah
    expect(codes(central)).toEqual(expect.arrayContaining(['33.75.02.1004', '33.74.01.1010']));
    expect(all.json().items.length).toBeGreaterThanOrEqual(items.length);

    const pekalongan = await send(ctx, 'GET', '/api/regions?q=Kauman&within=33.75');
    expect(codes(pekalongan)).toEqual(['33.75.02.1004']);
  });

  it('ranks the kota and kabupaten before villages sharing their name, and honours limit', async () => {
    // Villages named exactly "Pekalongan" exist in Lampung, Jambi and Jawa Tengah; people typing
    // "Pekalongan" mostly mean the kota or the kabupaten (33.26), named "Kota …"/"Kabupaten …".
    const res = await send(ctx, 'GET', '/api/regions?q=Pekalongan&limit=3');
    expect(res.json().items).toHaveLength(3);
    expect(codes(res).slice(0, 2).sort()).toEqual(['33.26', '33.75']);
    const prefix = await send(ctx, 'GET', '/api/regions?q=Pekalo&limit=2');
    expect(codes(prefix).sort()).toEqual(['33.26', '33.75']);
  });

  it('400: a query needs at least 2 letters or digits', async () => {
    for (const q of ['a', '  ', '--']) {
      const res = await send(ctx, 'GET', `/api/regions?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(400);
      expect(errorOf(res).details.issues).toContainEqual(expect.objectContaining({ path: 'query.q' }));
    }
    expect((await send(ctx, 'GET', '/api/regions')).statusCode).toBe(400);
    expect((await send(ctx, 'GET', '/api/regions?q=Medono&level=5')).statusCode).toBe(400);
    expect((await send(ctx, 'GET', '/api/regions?q=Medono&within=33.7')).statusCode).toBe(400);
  });
});

describe('GET /api/regions/:code/boundaries', () => {
  it('the 4 kecamatan of Kota Pekalongan by default, the 27 kelurahan at level 4', async () => {
    const res = await send(ctx, 'GET', '/api/regions/33.75/boundaries');
    expect(res.statusCode).toBe(200);
    expect(res.json().type).toBe('FeatureCollection');
    expect(res.json().features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual([
      '33.75.01',
      '33.75.02',
      '33.75.03',
      '33.75.04',
    ]);
    const villages = await send(ctx, 'GET', '/api/regions/33.75/boundaries?level=4');
    const features = villages.json().features as { type: string; properties: { code: string; name: string }; geometry: { type: string } }[];
    expect(features.map((f) => f.properties.code)).toEqual([...PEKALONGAN_VILLAGES]);
    expect(features.find((f) => f.properties.code === '33.75.02.1012')?.properties.name).toBe('Kali Baros');
    expect(features.every((f) => f.type === 'Feature' && /Polygon/.test(f.geometry.type))).toBe(true);
  });

  it('400 for a level outside 1–4, 404 for an unknown region', async () => {
    const bad = await send(ctx, 'GET', '/api/regions/33.75/boundaries?level=7');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details.issues).toContainEqual(expect.objectContaining({ path: 'query.level' }));
    expect((await send(ctx, 'GET', '/api/regions/33.99/boundaries')).statusCode).toBe(404);
  });
});

describe('OpenAPI coverage', () => {
  it('every regions endpoint is tested: happy path and 400', async () => {
    await expectEndpointsCovered(ctx, 'regions');
  });
});
