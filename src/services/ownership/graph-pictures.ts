/**
 * Pictures of an ownership graph drawn by real layout engines: Graphviz (dot, compiled to WebAssembly)
 * lays out and draws the SVG from the DOT of graph-formats.ts; resvg rasterises that SVG to PNG with the
 * Arimo font shipped by an npm package, so a PNG is the same on every machine.
 */
import { createRequire } from 'node:module';
import type { Graphviz } from '@hpcc-js/wasm-graphviz';
import { LAYOUT_FONT, toDot, type OwnershipGraph } from './graph-formats.js';

const require = createRequire(import.meta.url);

/**
 * Arimo has the metrics of Arial, and Graphviz's WebAssembly build (no font library inside) sizes text from
 * its built-in Arial metrics: the DOT names Arial (graph-formats.ts) and drawing with Arimo makes the boxes fit the text.
 */
export const FONT_FILES = [
  require.resolve('@expo-google-fonts/arimo/400Regular/Arimo_400Regular.ttf'),
  require.resolve('@expo-google-fonts/arimo/700Bold/Arimo_700Bold.ttf'),
];
const DRAWN_FONT = 'Arimo, Arial, Helvetica, sans-serif';

// Both engines load with the first picture asked for, not at start: most processes never draw one, and
// they would hold their memory in every replica (bench/profile.md).
let graphviz: Promise<Graphviz> | undefined;
const loadGraphviz = () => (graphviz ??= import('@hpcc-js/wasm-graphviz').then((m) => m.Graphviz.load()));
let resvgModule: typeof import('@resvg/resvg-js') | undefined;
const newResvg = (...args: ConstructorParameters<typeof import('@resvg/resvg-js').Resvg>) => {
  resvgModule ??= require('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
  return new resvgModule.Resvg(...args);
};

/** The SVG Graphviz's dot draws, with the drawing font named first. */
export async function renderSvg(graph: OwnershipGraph, title: string): Promise<string> {
  const svg = (await loadGraphviz()).dot(toDot(graph, title), 'svg');
  return svg.replaceAll(`font-family="${LAYOUT_FONT}"`, `font-family="${DRAWN_FONT}"`);
}

// No system font: the picture is drawn the same on every machine.
const resvgFont = () => ({
  fontFiles: FONT_FILES,
  loadSystemFonts: false,
  defaultFontFamily: 'Arimo',
  sansSerifFamily: 'Arimo',
});

/** Rasterises an SVG at `scale` times its size, with the shipped font only. */
export function svgToPng(svg: string, scale = 2): Buffer {
  const resvg = newResvg(svg, { font: resvgFont(), fitTo: { mode: 'zoom', value: scale }, background: '#fafafa' });
  return resvg.render().asPng();
}

export interface TextBox {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The box resvg draws one piece of text in, with the shipped font: what a viewer of the picture sees. */
export function measureText(text: string, fontSize: number, bold = false): { width: number; ascent: number; descent: number } {
  const esc = text.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="200"><text x="10" y="100" font-family="Arimo" font-size="${fontSize}"${bold ? ' font-weight="bold"' : ''}>${esc}</text></svg>`;
  const box = newResvg(svg, { font: resvgFont() }).getBBox();
  if (!box) return { width: 0, ascent: 0, descent: 0 };
  return { width: box.width, ascent: 100 - box.y, descent: box.y + box.height - 100 };
}
