/**
 * One ownership graph (node-link JSON), written out in the formats apps and tools read: Cytoscape.js
 * elements, GraphML (Gephi, yEd), and Graphviz DOT. Pure functions; stable output order. Pictures (SVG, PNG) are drawn in graph-pictures.ts.
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

export function toCytoscape(graph: OwnershipGraph) {
  return {
    elements: {
      nodes: graph.nodes.map((n) => ({ data: { id: n.id, label: n.name, type: n.type, country: n.country, depth: n.depth } })),
      edges: graph.edges.map((e) => ({
        data: {
          id: e.id,
          source: e.source,
          target: e.target,
          label: e.label,
          type: e.type,
          equityPercent: e.equityPercent,
          votingPercent: e.votingPercent,
          carriesVotes: e.carriesVotes,
          role: e.role,
          via: e.via,
          validFrom: e.validFrom,
          validTo: e.validTo,
          sources: e.sources,
        },
      })),
    },
  };
}

const escapeXml = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

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
      (n) => `    <node id="${escapeXml(n.id)}">${data('name', n.name)}${data('type', n.type)}${data('country', n.country)}${data('depth', n.depth)}\n    </node>`,
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
const SHAPES: Record<GraphNode['type'], string> = { Alliance: 'doubleoctagon', Company: 'box', Brand: 'ellipse' };

/** Graphviz DOT: `dot -Tsvg` draws it. */
export function toDot(graph: OwnershipGraph, title: string): string {
  return [
    `digraph ownership {`,
    `  label=${dotString(title)};`,
    '  rankdir=TB;',
    '  node [fontname="Helvetica"];',
    '  edge [fontname="Helvetica", fontsize=10];',
    ...graph.nodes.map((n) => `  ${dotString(n.id)} [label=${dotString(n.name)}, shape=${SHAPES[n.type]}];`),
    ...graph.edges.map(
      (e) => `  ${dotString(e.source)} -> ${dotString(e.target)} [label=${dotString(e.label)}${e.type === 'MEMBER_OF' ? ', style=dashed' : ''}];`,
    ),
    '}',
    '',
  ].join('\n');
}
