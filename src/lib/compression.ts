import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';

/** The encodings the API answers with, best first. */
export type Encoding = 'br' | 'gzip';
export type Variants = Partial<Record<Encoding, Buffer>>;

/** Bodies smaller than this go out as they are: the encoding would cost more than it saves. */
export const COMPRESSION_THRESHOLD_BYTES = 1_024;
/** Brotli quality for answers compressed once and kept (the response cache): better than on-the-fly's 4, still quick. */
const CACHED_BROTLI_QUALITY = 6;

const COMPRESSIBLE = /^(?:text\/|application\/(?:[\w.+-]*\+)?(?:json|xml|javascript))|\+json|\+xml|^image\/svg\+xml/i;

const preferred = new Map<string, Encoding | null>();

/** The best encoding an Accept-Encoding header allows (br, then gzip); null for none. Parses each distinct header once. */
export function acceptedEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  let found = preferred.get(header);
  if (found !== undefined) return found;
  let br = false;
  let gzip = false;
  let star = false;
  const refused = new Set<string>();
  for (const part of header.split(',')) {
    const [rawName, ...params] = part.split(';');
    const name = rawName!.trim().toLowerCase();
    const q = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('q='));
    if (q !== undefined && !(Number(q.slice(2)) > 0)) {
      refused.add(name);
      continue;
    }
    if (name === 'br') br = true;
    else if (name === 'gzip' || name === 'x-gzip') gzip = true;
    else if (name === '*') star = true;
  }
  if (star) {
    br ||= !refused.has('br');
    gzip ||= !refused.has('gzip');
  }
  found = br ? 'br' : gzip ? 'gzip' : null;
  if (preferred.size >= 256) preferred.clear();
  preferred.set(header, found);
  return found;
}

/** The encoding to answer with: the client accepts it, the type compresses, and the body is past the threshold. */
export function encodingFor(acceptEncoding: string | undefined, contentType: string, body: string | Buffer): Encoding | null {
  if (body.length < COMPRESSION_THRESHOLD_BYTES || !COMPRESSIBLE.test(contentType)) return null;
  return acceptedEncoding(acceptEncoding);
}

/** A compressed copy of a body, for answers compressed once and kept. */
export function compressedVariant(body: string | Buffer, encoding: Encoding): Buffer {
  return encoding === 'br'
    ? brotliCompressSync(body, {
        params: { [constants.BROTLI_PARAM_QUALITY]: CACHED_BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(body) },
      })
    : gzipSync(body, { level: 6 });
}

/**
 * A static asset compressed once with the best settings that still take well under a second for the
 * 1.6 MB ELK bundle (brotli 9, gzip 9), on libuv's thread pool, and kept for the life of the process.
 */
export function precompress(body: string | Buffer, encoding: Encoding): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, result: Buffer) => (error ? reject(error) : resolve(result));
    if (encoding === 'br') {
      brotliCompress(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(body) } }, done);
    } else gzip(body, { level: 9 }, done);
  });
}
