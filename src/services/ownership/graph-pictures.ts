/**
 * Pictures of an ownership graph drawn by real layout engines: Graphviz (dot, compiled to WebAssembly)
 * lays out and draws the SVG; resvg rasterises that SVG to PNG with the Arimo font shipped by an npm
 * package, so a PNG is the same on every machine.
 */
import { createRequire } from 'node:module';
import type { Graphviz } from '@hpcc-js/wasm-graphviz';
import type { GraphEdge, GraphNode, OwnershipGraph } from './graph-formats.js';

const require = createRequire(import.meta.url);

/**
 * Arimo has the metrics of Arial, and Graphviz's WebAssembly build (no font library inside) sizes text from
 * its built-in Arial metrics: naming Arial in the DOT and drawing with Arimo makes the boxes fit the text.
 */
export const FONT_FILES = [
  require.resolve('@expo-google-fonts/arimo/400Regular/Arimo_400Regular.ttf'),
  require.resolve('@expo-google-fonts/arimo/700Bold/Arimo_700Bold.ttf'),
];
const LAYOUT_FONT = 'Arial';
const DRAWN_FONT = 'Arimo, Arial, Helvetica, sans-serif';

export const PICTURE_COLOURS: Record<GraphNode['type'], string> = { Alliance: '#1f4e79', Company: '#2e7d32', Brand: '#8e5a00' };
const SHAPES: Record<GraphNode['type'], string> = { Alliance: 'box', Company: 'box', Brand: 'box' };

/** One drawn stake: the claims of several sources about the same holder and company folded into one edge. */
export interface FoldedEdge {
  ids: string[];
  type: GraphEdge['type'];
  source: string;
  target: string;
  label: string;
  disagree: boolean;
}

/**
 * Folds the edges that describe one relationship (same type, holder and target) into one, listing the
 * distinct claims: "24.05% · 27% — sources disagree".
 */
export function foldEdges(edges: GraphEdge[]): FoldedEdge[] {
  const groups = new Map<string, GraphEdge[]>();
  for (const e of edges) {
    const key = `${e.type}\u0000${e.source}\u0000${e.target}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return [...groups.values()].map((group) => {
    const labels = [...new Set(group.map((e) => e.label))];
    const disagree = labels.length > 1;
    return {
      ids: group.map((e) => e.id),
      type: group[0]!.type,
      source: group[0]!.source,
      target: group[0]!.target,
      label: disagree ? `${labels.join(' · ')} — sources disagree` : labels[0]!,
      disagree,
    };
  });
}

/** Greedy word wrap; a word longer than the width stays whole on its own line. */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

const dotString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
// Graphviz's \n centres a line; wrapped lines are joined with it after escaping.
const dotLines = (lines: string[]) => `"${lines.map((l) => l.replace(/\\/g, '\\\\').replace(/"/g, '\\"')).join('\\n')}"`;

/**
 * DOT made for drawing: the alliance on top (membership edges are written alliance → member and drawn
 * reversed), owners above what they own, names wrapped, one edge per relationship.
 */
export function toPictureDot(graph: OwnershipGraph, title: string): string {
  const lines = [
    'digraph ownership {',
    `  graph [label=${dotString(title)}, labelloc=t, fontsize=16, fontname="${LAYOUT_FONT}", rankdir=TB, nodesep=0.35, ranksep=0.55, pad=0.25, bgcolor="#fafafa"];`,
    `  node [fontname="${LAYOUT_FONT}", fontsize=13, fontcolor="#ffffff", style="filled,rounded", penwidth=0, margin="0.14,0.07"];`,
    `  edge [fontname="${LAYOUT_FONT}", fontsize=11, fontcolor="#222222", color="#666666", arrowsize=0.7];`,
  ];
  for (const n of graph.nodes) {
    const style = n.type === 'Alliance' ? ', style="filled", penwidth=0' : '';
    lines.push(`  ${dotString(n.id)} [id=${dotString(n.id)}, label=${dotLines(wrapWords(n.name, 22))}, shape=${SHAPES[n.type]}, fillcolor="${PICTURE_COLOURS[n.type]}"${style}];`);
  }
  for (const e of foldEdges(graph.edges)) {
    // The SVG group of an edge carries the ids of the claims it draws.
    const label = `${dotLines(wrapWords(e.label, 26))}, id=${dotString(e.ids.join('+'))}`;
    if (e.type === 'MEMBER_OF') {
      lines.push(`  ${dotString(e.target)} -> ${dotString(e.source)} [label=${label}, dir=back, style=dashed, color="#1f4e79"];`);
    } else if (e.type === 'HOLDS_STAKE') {
      lines.push(`  ${dotString(e.source)} -> ${dotString(e.target)} [label=${label}, penwidth=2, color="${e.disagree ? '#b26a00' : '#2e7d32'}"];`);
    } else {
      lines.push(`  ${dotString(e.source)} -> ${dotString(e.target)} [label=${label}, color="#8e5a00"];`);
    }
  }
  lines.push('}', '');
  return lines.join('\n');
}

// Both engines load with the first picture asked for, not at start: most processes never draw one, and
// they would hold their memory in every replica (bench/profile.md).
let graphviz: Promise<Graphviz> | undefined;
const loadGraphviz = () => (graphviz ??= import('@hpcc-js/wasm-graphviz').then((m) => m.Graphviz.load()));
let resvgModule: typeof import('@resvg/resvg-js') | undefined;
const newResvg = (...args: ConstructorParameters<typeof import('@resvg/resvg-js').Resvg>) =>
  new (resvgModule ??= require('@resvg/resvg-js') as typeof import('@resvg/resvg-js')).Resvg(...args);

/** The SVG Graphviz's dot draws, with the drawing font named first. */
export async function renderSvg(graph: OwnershipGraph, title: string): Promise<string> {
  const svg = (await loadGraphviz()).dot(toPictureDot(graph, title), 'svg');
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
