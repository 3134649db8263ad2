import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDeclaredSize, evidencePath, sniffMime, storeEvidence } from './evidence-store.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dampingan-evidence-unit-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A body that arrives in chunks with no declared length (chunked upload). */
const chunked = (...parts: Buffer[]) => Readable.from(parts);

describe('sniffMime', () => {
  it.each([
    [[0xff, 0xd8, 0xff, 0xdb], 'image/jpeg'],
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'image/png'],
    [[...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBP')], 'image/webp'],
    [[...Buffer.from('%PDF-1.7')], 'application/pdf'],
    [[...Buffer.from('GIF89a')], null],
    [[...Buffer.from('<svg')], null],
    [[0xff, 0xd8], null],
  ])('%j → %s', (bytes, mime) => {
    expect(sniffMime(Buffer.from(bytes))).toBe(mime);
  });
});

describe('storeEvidence', () => {
  it('hashes while streaming and stores by content once', async () => {
    const a = await storeEvidence(dir, chunked(Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('isi foto')));
    expect(a.newContent).toBe(true);
    expect(fs.readFileSync(evidencePath(dir, a.sha256)).toString('latin1').endsWith('isi foto')).toBe(true);
    const b = await storeEvidence(dir, chunked(Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('isi foto')));
    expect(b).toMatchObject({ sha256: a.sha256, newContent: false });
  });

  it('refuses a chunked body over the limit, reading it to the end and leaving nothing behind', async () => {
    const body = chunked(Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(60), Buffer.alloc(60));
    await expect(storeEvidence(dir, body, 100)).rejects.toMatchObject({ code: 'validation_failed' });
    expect(body.readableEnded).toBe(true);
    expect(fs.readdirSync(path.join(dir, 'tmp'))).toEqual([]);
  });

  it('refuses an empty body and a declared length over the limit', async () => {
    await expect(storeEvidence(dir, chunked())).rejects.toMatchObject({ code: 'validation_failed' });
    expect(() => checkDeclaredSize(String(15 * 1024 * 1024 + 1))).toThrow();
    expect(() => checkDeclaredSize(String(15 * 1024 * 1024))).not.toThrow();
    expect(() => checkDeclaredSize(undefined)).not.toThrow();
  });
});
