/** Pictures drawn in a thread of their own (see picture-pool.ts). */
import { parentPort } from 'node:worker_threads';
import type { OwnershipGraph } from '../ownership/graph-formats.js';
import { renderSvg, svgToPng } from '../ownership/graph-pictures.js';

parentPort!.on('message', (message: { id: number; graph: OwnershipGraph; title: string; format: 'svg' | 'png' }) => {
  void (async () => {
    try {
      const svg = await renderSvg(message.graph, message.title);
      if (message.format === 'svg') parentPort!.postMessage({ id: message.id, svg });
      else parentPort!.postMessage({ id: message.id, png: svgToPng(svg) });
    } catch (error) {
      parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
    }
  })();
});
