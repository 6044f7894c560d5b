import compress from '@fastify/compress';
import fp from 'fastify-plugin';
import { COMPRESSION_THRESHOLD_BYTES } from '../../lib/compression.js';

/**
 * br and gzip for answers past the threshold, on the fly (brotli quality 4). The response cache compresses
 * the answers it keeps itself, once, and the embed assets are served precompressed: both set
 * Content-Encoding, which this plugin leaves alone. Request bodies are not decompressed (no new way in).
 */
export default fp(
  async (app) => {
    await app.register(compress, { encodings: ['br', 'gzip'], threshold: COMPRESSION_THRESHOLD_BYTES, globalDecompression: false });
  },
  { name: 'compress' },
);
