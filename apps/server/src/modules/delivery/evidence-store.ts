/**
 * Evidence files stored by content: sha256 computed while streaming to a temp file, the type
 * checked by magic bytes (never by name), then renamed to <dir>/<sha[0..2]>/<sha>. The same
 * content is kept once on disk however often it is uploaded.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../../http/errors.ts';

export const MAX_EVIDENCE_BYTES = 15 * 1024 * 1024;

/** The mime type of a file from its first bytes, or null when it is not an allowed kind. */
export function sniffMime(head: Buffer): string | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head.length >= 12 && head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP')
    return 'image/webp';
  if (head.length >= 5 && head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

export interface StoredFile {
  sha256: string;
  mimeType: string;
  sizeBytes: number;
  /** false when the same content was already on disk */
  newContent: boolean;
}

const bad = (id: string, en: string, path = 'body') => new AppError('validation_failed', { id, en }, { issues: [{ path, message: id }] });
const tooLargeError = (maxBytes: number) =>
  bad(`Berkas terlalu besar (maksimal ${maxBytes / 1024 / 1024} MB)`, `File too large (max ${maxBytes / 1024 / 1024} MB)`);

/** Refuse before reading when the client declares a body over the limit (Node discards the rest). */
export function checkDeclaredSize(contentLength: string | undefined, maxBytes = MAX_EVIDENCE_BYTES): void {
  const n = Number(contentLength);
  if (contentLength !== undefined && Number.isFinite(n) && n > maxBytes) throw tooLargeError(maxBytes);
}

export function evidencePath(dir: string, sha: string): string {
  return path.join(dir, sha.slice(0, 2), sha);
}

export async function storeEvidence(dir: string, stream: Readable, maxBytes = MAX_EVIDENCE_BYTES): Promise<StoredFile> {
  const tmpDir = path.join(dir, 'tmp');
  await fs.promises.mkdir(tmpDir, { recursive: true });
  const tmp = path.join(tmpDir, `${randomUUID()}.part`);
  const hash = createHash('sha256');
  const out = fs.createWriteStream(tmp);
  let size = 0;
  let head = Buffer.alloc(0);
  let tooLarge = false;
  try {
    try {
      // Past the limit the rest is read and discarded (not written): destroying the request
      // would reset the connection and the client would never see the 400.
      for await (const chunk of stream) {
        const buf = chunk as Buffer;
        size += buf.length;
        if (tooLarge || size > maxBytes) {
          tooLarge = true;
          continue;
        }
        if (head.length < 16) head = Buffer.concat([head, buf.subarray(0, 16 - head.length)]);
        hash.update(buf);
        if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      }
    } finally {
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    }
    if (tooLarge) throw tooLargeError(maxBytes);
    if (size === 0) throw bad('Berkas kosong', 'Empty file');
    const mimeType = sniffMime(head);
    if (!mimeType)
      throw bad(
        'Jenis berkas tidak diizinkan: hanya foto JPEG/PNG/WebP atau PDF',
        'File type not allowed: only JPEG/PNG/WebP photos or PDF',
      );
    const sha256 = hash.digest('hex');
    const final = evidencePath(dir, sha256);
    await fs.promises.mkdir(path.dirname(final), { recursive: true });
    let newContent = true;
    if (fs.existsSync(final)) {
      newContent = false;
      await fs.promises.rm(tmp, { force: true });
    } else {
      await fs.promises.rename(tmp, final);
    }
    return { sha256, mimeType, sizeBytes: size, newContent };
  } catch (e) {
    await fs.promises.rm(tmp, { force: true });
    throw e;
  }
}
