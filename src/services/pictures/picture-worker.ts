/** Pictures drawn in a thread of their own (see picture-pool.ts). */
import { workerTask } from '../../lib/worker-task.js';
import type { OwnershipGraph } from '../ownership/graph-formats.js';
import { renderSvg, svgToPng } from '../ownership/graph-pictures.js';

export interface PictureTask {
  graph: OwnershipGraph;
  title: string;
  format: 'svg' | 'png';
}

export default workerTask(async ({ graph, title, format }: PictureTask): Promise<string | Uint8Array> => {
  const svg = await renderSvg(graph, title);
  return format === 'svg' ? svg : svgToPng(svg);
});
