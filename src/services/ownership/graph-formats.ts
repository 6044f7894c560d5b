/**
 * One ownership graph (node-link JSON), written out in the formats apps and tools read: Cytoscape.js
 * elements, GraphML (Gephi, yEd), Graphviz DOT, and a laid-out SVG. Pure functions; stable output order.
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

const COLOURS: Record<GraphNode['type'], string> = { Alliance: '#1f4e79', Company: '#2e7d32', Brand: '#8e5a00' };

/**
 * A static SVG, laid out in layers by distance from the root (alliance and owners above, brands below
 * for the usual roots), nodes ordered by type and name in each layer. Edges are straight, or curved
 * apart where two companies hold stakes in each other, each with its label at its middle.
 */
export function toSvg(graph: OwnershipGraph, title: string): string {
  const layers = new Map<number, GraphNode[]>();
  for (const n of graph.nodes) layers.set(n.depth, [...(layers.get(n.depth) ?? []), n]);
  const order = { Alliance: 0, Company: 1, Brand: 2 } as const;
  const depths = [...layers.keys()].sort((a, b) => a - b);
  const nodeW = 150;
  const nodeH = 36;
  const gapX = 40;
  const gapY = 120;
  const widest = Math.max(1, ...[...layers.values()].map((l) => l.length));
  const width = Math.max(480, widest * (nodeW + gapX) + gapX);
  const height = depths.length * (nodeH + gapY) + 60;
  const pos = new Map<string, { x: number; y: number }>();
  depths.forEach((depth, row) => {
    const layer = layers.get(depth)!.sort((a, b) => order[a.type] - order[b.type] || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
    const span = layer.length * (nodeW + gapX) - gapX;
    layer.forEach((n, i) => pos.set(n.id, { x: (width - span) / 2 + i * (nodeW + gapX) + nodeW / 2, y: 70 + row * (nodeH + gapY) + nodeH / 2 }));
  });
  const pairs = new Set(graph.edges.map((e) => `${e.source}\u0000${e.target}`));
  const parts: string[] = [];
  for (const e of graph.edges) {
    const a = pos.get(e.source);
    const b = pos.get(e.target);
    if (!a || !b) continue;
    const reciprocal = pairs.has(`${e.target}\u0000${e.source}`);
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len = Math.hypot(dx, dy) || 1;
    const bend = reciprocal ? 40 : 0;
    const cx = (a.x + b.x) / 2 + (-dy / len) * bend;
    const cy = (a.y + b.y) / 2 + (dx / len) * bend;
    // End the line at the target's border so the arrowhead shows.
    const ex = b.x - (dx / len) * (nodeH / 2 + 4);
    const ey = b.y - (dy / len) * (nodeH / 2 + 4);
    const lx = reciprocal ? (a.x + 2 * cx + b.x) / 4 : cx;
    const ly = reciprocal ? (a.y + 2 * cy + b.y) / 4 : cy;
    parts.push(
      `  <g class="edge" data-id="${escapeXml(e.id)}">` +
        `<path d="M ${a.x.toFixed(1)} ${a.y.toFixed(1)} Q ${cx.toFixed(1)} ${cy.toFixed(1)} ${ex.toFixed(1)} ${ey.toFixed(1)}" fill="none" stroke="#666" stroke-width="1.5"${e.type === 'MEMBER_OF' ? ' stroke-dasharray="5 4"' : ''} marker-end="url(#arrow)"/>` +
        `<text x="${lx.toFixed(1)}" y="${(ly - 4).toFixed(1)}" text-anchor="middle" font-size="12" fill="#222" stroke="#fff" stroke-width="3" paint-order="stroke">${escapeXml(e.label)}</text></g>`,
    );
  }
  for (const n of graph.nodes) {
    const p = pos.get(n.id)!;
    parts.push(
      `  <g class="node" data-id="${escapeXml(n.id)}">` +
        `<rect x="${(p.x - nodeW / 2).toFixed(1)}" y="${(p.y - nodeH / 2).toFixed(1)}" width="${nodeW}" height="${nodeH}" rx="${n.type === 'Brand' ? 18 : 4}" fill="${COLOURS[n.type]}"/>` +
        `<text x="${p.x.toFixed(1)}" y="${(p.y + 4).toFixed(1)}" text-anchor="middle" font-size="13" fill="#fff">${escapeXml(n.name.length > 22 ? `${n.name.slice(0, 21)}…` : n.name)}</text></g>`,
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    `  <title>${escapeXml(title)}</title>`,
    '  <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#666"/></marker></defs>',
    `  <rect width="100%" height="100%" fill="#fafafa"/>`,
    `  <text x="16" y="28" font-size="16" fill="#222">${escapeXml(title)}</text>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
