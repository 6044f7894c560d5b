/**
 * One ownership graph (node-link JSON), written out in the formats apps and tools read: Cytoscape.js
 * elements, GraphML (Gephi, yEd), and Graphviz DOT. Pure functions; stable output order. The formats that
 * draw (DOT, and through it the SVG and PNG of graph-pictures.ts; Cytoscape, drawn by the embed page) draw
 * the same graph: one edge per relationship, the same wrapped names and labels, the same shapes.
 */

import type { GraphEdgeRow, GraphNode } from '../../repositories/ownership-repository.js';

export type { GraphNode };

export interface GraphEdge extends GraphEdgeRow {
  /** How the edge is drawn: percentages for stakes, the role for memberships. */
  label: string;
}

export interface OwnershipGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const trim = (n: number) => String(Number(n.toFixed(4)));

/** The label an edge is drawn with: percentages for stakes, the role for memberships. */
export function edgeLabel(edge: Pick<GraphEdge, 'type' | 'equityPercent' | 'votingPercent' | 'carriesVotes' | 'role' | 'via'>): string {
  if (edge.type === 'HOLDS_STAKE') {
    const equity = `${trim(edge.equityPercent ?? 0)}%`;
    if (edge.carriesVotes === false) return `${equity} (no votes)`;
    if (edge.votingPercent !== null && edge.votingPercent !== edge.equityPercent) return `${equity} (${trim(edge.votingPercent)}% votes)`;
    return equity;
  }
  if (edge.type === 'MEMBER_OF') return (edge.role ?? 'member').replace('-', ' ');
  return edge.via ? `brand (via ${edge.via})` : 'brand';
}

/** One drawn relationship: the claims of several sources about the same holder and company folded into one edge. */
export interface FoldedEdge {
  ids: string[];
  type: GraphEdge['type'];
  source: string;
  target: string;
  label: string;
  disagree: boolean;
  claims: GraphEdge[];
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
      claims: group,
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

/** Characters a line may hold: names in bold 13 px, edge labels in 11 px, both about 160 px wide. */
const NAME_WIDTH = 22;
const LABEL_WIDTH = 26;
export const wrappedName = (name: string) => wrapWords(name, NAME_WIDTH);
export const wrappedLabel = (label: string) => wrapWords(label, LABEL_WIDTH);

/**
 * How each kind of entity is drawn by both engines: the alliance a square-cornered box, companies and
 * brands rounded ones (colour tells them apart).
 */
export const NODE_SHAPES: Record<GraphNode['type'], { graphvizStyle: string; cytoscape: string }> = {
  Alliance: { graphvizStyle: 'filled', cytoscape: 'rectangle' },
  Company: { graphvizStyle: 'filled,rounded', cytoscape: 'round-rectangle' },
  Brand: { graphvizStyle: 'filled,rounded', cytoscape: 'round-rectangle' },
};

/**
 * Cytoscape.js elements as drawn: one edge per relationship (its claims in `claims`), names and labels
 * wrapped with line feeds (Cytoscape's text-wrap: wrap), and each node's shape.
 */
export function toCytoscape(graph: OwnershipGraph) {
  return {
    elements: {
      nodes: graph.nodes.map((n) => ({
        data: {
          id: n.id,
          label: wrappedName(n.name).join('\n'),
          name: n.name,
          type: n.type,
          shape: NODE_SHAPES[n.type].cytoscape,
          country: n.country,
          depth: n.depth,
        },
      })),
      edges: foldEdges(graph.edges).map((e) => ({
        data: {
          id: e.ids.join('+'),
          ids: e.ids,
          source: e.source,
          target: e.target,
          label: wrappedLabel(e.label).join('\n'),
          type: e.type,
          disagree: e.disagree,
          claims: e.claims.map(({ type: _type, source: _source, target: _target, ...claim }) => claim),
        },
      })),
    },
  };
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

const GRAPHML_KEYS = [
  { id: 'name', for: 'node', type: 'string' },
  { id: 'type', for: 'node', type: 'string' },
  { id: 'country', for: 'node', type: 'string' },
  { id: 'depth', for: 'node', type: 'int' },
  { id: 'relationship', for: 'edge', type: 'string' },
  { id: 'label', for: 'edge', type: 'string' },
  { id: 'equityPercent', for: 'edge', type: 'double' },
  { id: 'votingPercent', for: 'edge', type: 'double' },
  { id: 'carriesVotes', for: 'edge', type: 'boolean' },
  { id: 'role', for: 'edge', type: 'string' },
  { id: 'via', for: 'edge', type: 'string' },
  { id: 'validFrom', for: 'edge', type: 'string' },
  { id: 'validTo', for: 'edge', type: 'string' },
  { id: 'sources', for: 'edge', type: 'string' },
] as const;

/** GraphML with typed attribute keys; opens in Gephi and yEd. */
export function toGraphml(graph: OwnershipGraph, title: string): string {
  const data = (key: string, value: string | number | boolean | null) =>
    value === null ? '' : `\n      <data key="${key}">${escapeXml(String(value))}</data>`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    `  <desc>${escapeXml(title)}</desc>`,
    ...GRAPHML_KEYS.map((k) => `  <key id="${k.id}" for="${k.for}" attr.name="${k.id}" attr.type="${k.type}"/>`),
    '  <graph id="ownership" edgedefault="directed">',
    ...graph.nodes.map(
      (n) =>
        `    <node id="${escapeXml(n.id)}">${data('name', n.name)}${data('type', n.type)}${data('country', n.country)}${data('depth', n.depth)}\n    </node>`,
    ),
    ...graph.edges.map(
      (e) =>
        `    <edge id="${escapeXml(e.id)}" source="${escapeXml(e.source)}" target="${escapeXml(e.target)}">` +
        `${data('relationship', e.type)}${data('label', e.label)}${data('equityPercent', e.equityPercent)}${data('votingPercent', e.votingPercent)}` +
        `${data('carriesVotes', e.carriesVotes)}${data('role', e.role)}${data('via', e.via)}${data('validFrom', e.validFrom)}${data('validTo', e.validTo)}` +
        `${data('sources', e.sources.join(' '))}\n    </edge>`,
    ),
    '  </graph>',
    '</graphml>',
    '',
  ];
  return lines.join('\n');
}

const dotString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
// Graphviz's \n centres a line; wrapped lines are joined with it after escaping.
const dotLines = (lines: string[]) => dotString(lines.join('\n'));

/**
 * Graphviz's WebAssembly build has no font library and sizes text with its built-in Arial metrics, so the
 * DOT names Arial; the SVG is then drawn with Arimo, which has Arial's metrics (graph-pictures.ts).
 */
export const LAYOUT_FONT = 'Arial';
export const PICTURE_COLOURS: Record<GraphNode['type'], string> = { Alliance: '#1f4e79', Company: '#2e7d32', Brand: '#8e5a00' };

/**
 * Graphviz DOT, the picture's own (`dot -Tsvg` draws format=svg): the alliance on top (membership edges are
 * written alliance → member and drawn reversed), owners above what they own, names wrapped, one edge per
 * relationship.
 */
export function toDot(graph: OwnershipGraph, title: string): string {
  const lines = [
    'digraph ownership {',
    `  graph [label=${dotString(title)}, labelloc=t, fontsize=16, fontname="${LAYOUT_FONT}", rankdir=TB, nodesep=0.35, ranksep=0.55, pad=0.25, bgcolor="#fafafa"];`,
    `  node [fontname="${LAYOUT_FONT}", fontsize=13, fontcolor="#ffffff", shape=box, penwidth=0, margin="0.14,0.07"];`,
    `  edge [fontname="${LAYOUT_FONT}", fontsize=11, fontcolor="#222222", color="#666666", arrowsize=0.7];`,
  ];
  for (const n of graph.nodes) {
    lines.push(
      `  ${dotString(n.id)} [id=${dotString(n.id)}, label=${dotLines(wrappedName(n.name))}, style="${NODE_SHAPES[n.type].graphvizStyle}", fillcolor="${PICTURE_COLOURS[n.type]}"];`,
    );
  }
  for (const e of foldEdges(graph.edges)) {
    // The SVG group of an edge carries the ids of the claims it draws.
    const label = `${dotLines(wrappedLabel(e.label))}, id=${dotString(e.ids.join('+'))}`;
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
