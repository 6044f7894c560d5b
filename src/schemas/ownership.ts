import { z } from 'zod';
import { AsOfMetaSchema, AsOfQuerySchema, IdSchema, IsoDate, SourcesFieldSchema } from './common.js';
import { DataVersionFieldSchema, KnownAtQuerySchema } from './versions.js';

export const GraphFormatSchema = z.enum(['json', 'cytoscape', 'graphml', 'dot', 'svg', 'png']);

export const OwnershipGraphQuerySchema = AsOfQuerySchema.omit({ include: true }).extend({
  root: IdSchema.describe('The company, brand or alliance to start from'),
  depth: z.coerce.number().int().min(1).max(6).default(2).describe('How many relationships away from the root, 1 to 6'),
  direction: z
    .enum(['up', 'down', 'both'])
    .default('both')
    .describe('down: from owners to what they own (holder → company → brand, alliance → member); up: the reverse'),
  format: GraphFormatSchema.default('json').describe(
    'json (node-link), cytoscape (Cytoscape.js elements, drawn as the svg: one edge per relationship), graphml, dot (Graphviz: the source of the svg), svg (drawn by Graphviz) or png (that SVG rasterised)',
  ),
  ...KnownAtQuerySchema.shape,
});

export const GraphNodeSchema = z
  .object({
    id: IdSchema,
    type: z.enum(['Alliance', 'Company', 'Brand']),
    name: z.string(),
    country: z.string().nullable(),
    depth: z.number().int().describe('Relationships away from the root'),
  })
  .meta({ id: 'GraphNode' });

export const GraphEdgeSchema = z
  .object({
    id: IdSchema,
    type: z.enum(['HOLDS_STAKE', 'OWNS_BRAND', 'MEMBER_OF']),
    source: IdSchema.describe('The owner (stake holder, brand owner) or the member'),
    target: IdSchema,
    label: z.string().describe('What a drawing shows: the percentage of a stake, the role of a member'),
    equityPercent: z.number().nullable(),
    votingPercent: z.number().nullable(),
    carriesVotes: z.boolean().nullable(),
    role: z.string().nullable(),
    via: z.string().nullable(),
    validFrom: IsoDate.nullable(),
    validTo: IsoDate.nullable(),
    sources: SourcesFieldSchema,
    derivedEquityPercent: z
      .number()
      .nullable()
      .optional()
      .describe('A stake with a share count: shares held / shares issued on the asOf day (the label shows it); equityPercent stays the stated figure'),
  })
  .meta({ id: 'GraphEdge' });

export const OwnershipGraphSchema = z
  .object({
    ...AsOfMetaSchema,
    root: IdSchema,
    depth: z.number().int(),
    direction: z.enum(['up', 'down', 'both']),
    nodes: z.array(GraphNodeSchema),
    edges: z.array(GraphEdgeSchema),
  })
  .meta({
    id: 'OwnershipGraph',
    description: 'Node-link ownership graph: companies, brands and alliances; stakes, brand ownership and membership valid on the asOf day',
  });

export const CytoscapeGraphSchema = z
  .object({
    elements: z.object({
      nodes: z.array(z.object({ data: z.record(z.string(), z.unknown()) })),
      edges: z.array(z.object({ data: z.record(z.string(), z.unknown()) })),
    }),
  })
  .meta({
    id: 'CytoscapeGraph',
    description:
      'Cytoscape.js elements: pass as `elements` to cytoscape(). Drawn as the svg is: one edge per relationship (type, holder, target), ' +
      "its claims folded into it (`ids`, `claims` with each claim's figures, dates and sources; `disagree` when their labels differ); " +
      "node and edge labels wrapped with line feeds (text-wrap: wrap); each node's `shape`",
  });

export const EffectiveOwnershipQuerySchema = z.object({
  holder: IdSchema.describe('The company whose look-through ownership to compute'),
  asOf: IsoDate.optional().describe('Default: today (UTC)'),
  basis: z.enum(['equity', 'voting']).default('equity'),
  ...KnownAtQuerySchema.shape,
});

const Party = z.object({ id: IdSchema, name: z.string() });

export const EffectiveOwnershipSchema = z
  .object({
    ...AsOfMetaSchema,
    dataVersion: DataVersionFieldSchema,
    holder: Party,
    basis: z.enum(['equity', 'voting']),
    method: z.string().describe('How the shares were computed'),
    items: z.array(
      z.object({
        company: Party,
        directPercent: z.number().describe('Held directly, in percent'),
        netPercent: z
          .number()
          .describe('The look-through share net of the holder’s self-ownership: integratedPercent / (1 + selfOwnershipPercent/100). Never above 100'),
        integratedPercent: z
          .number()
          .describe(
            'The Leontief integrated share T = (I − A)⁻¹A: every chain of companies, cycles included; it counts the holder’s claim on itself and can exceed 100',
          ),
      }),
    ),
    selfOwnershipPercent: z.number().describe('What the holder owns of itself through cross-holdings'),
    resolvedClaims: z
      .array(z.object({ holder: IdSchema, company: IdSchema, chosen: IdSchema, alternatives: z.array(IdSchema) }))
      .describe('Where sources disagree on a stake that day: the statement used and the ones left aside'),
    stakes: z.array(IdSchema).describe('The stake statements the answer is computed from'),
    derivedFromShareLedger: z
      .array(IdSchema)
      .describe(
        'The stakes whose percentage is derived from share counts for the day (shares held / shares issued, votes / exercisable votes); the others use their stated figure',
      ),
  })
  .meta({ id: 'EffectiveOwnership', description: 'Look-through ownership of one holder in every company it reaches' });

export const ControllerQuerySchema = z.object({
  company: IdSchema.describe('The company whose ultimate controller to find'),
  asOf: IsoDate.optional().describe('Default: today (UTC)'),
  ...KnownAtQuerySchema.shape,
});

export const ControllerSchema = z
  .object({
    ...AsOfMetaSchema,
    dataVersion: DataVersionFieldSchema,
    company: Party,
    controller: Party.nullable().describe('null: no ultimate controller'),
    chain: z.array(Party).describe('From the controller down to the company, through the companies it controls'),
    reason: z.string(),
    method: z.string(),
    votingHolders: z
      .array(
        z.object({
          holder: Party,
          votingPercent: z.number(),
          equityPercent: z.number().nullable().describe('The same stake’s share of the shares issued that day'),
          stake: IdSchema,
          basis: z
            .enum(['share-ledger', 'share-ledger-issued', 'stated-voting-percent', 'stated-equity-percent'])
            .describe(
              'share-ledger: votes held (double voting rights and caps included) over exercisable votes that day; share-ledger-issued: shares held over shares issued that day, where the capital record does not count the exercisable votes; stated-…: the figure a source states',
            ),
        }),
      )
      .describe('Direct holders of voting rights in the company, largest first'),
  })
  .meta({ id: 'Controller', description: 'The ultimate controller of a company by voting rights, or none with the reason' });

export const UltimateOwnersQuerySchema = z.object({
  company: IdSchema.describe('The company whose ultimate owners to find'),
  asOf: IsoDate.optional().describe('Default: today (UTC)'),
  basis: z.enum(['equity', 'voting']).default('equity').describe('equity: of the shares issued; voting: of the exercisable votes'),
  ...KnownAtQuerySchema.shape,
});

export const UltimateOwnersSchema = z
  .object({
    ...AsOfMetaSchema,
    dataVersion: DataVersionFieldSchema,
    company: Party,
    basis: z.enum(['equity', 'voting']),
    method: z.string(),
    owners: z
      .array(z.object({ owner: Party, percent: z.number().describe('Not rounded, so that owners and remainders add up to 100') }))
      .describe('Holders no one in the graph holds, with their look-through share of the company, largest first'),
    remainders: z
      .array(z.object({ of: Party, percent: z.number() }))
      .describe('The parts held by shareholders the graph does not record ("other shareholders"), by the company they hold directly'),
    totalPercent: z.number().describe('owners + remainders: 100 within 1e-9'),
    directHolders: z
      .array(z.object({ holder: Party, percent: z.number(), stakes: z.array(IdSchema), basis: z.enum(['share-ledger', 'stated']) }))
      .describe('The company’s recorded direct holders that day'),
    otherShareholdersPercent: z.number().describe('100 less the recorded direct holders: the derived remainder'),
    stakes: z.array(IdSchema).describe('The stake statements the answer is computed from'),
  })
  .meta({ id: 'UltimateOwners', description: 'The ultimate owners of a company and the unrecorded remainder, adding up to 100%' });

export type UltimateOwners = z.infer<typeof UltimateOwnersSchema>;
export type EffectiveOwnership = z.infer<typeof EffectiveOwnershipSchema>;
export type Controller = z.infer<typeof ControllerSchema>;

export const ExplainQuerySchema = EffectiveOwnershipQuerySchema.extend({
  company: IdSchema.describe('The company whose integrated share held by the holder to split into its chains'),
});

export const ExplainPartSchema = z
  .object({
    kind: z
      .enum(['chain', 'cycle', 'remainder'])
      .describe(
        'chain: one simple path of stakes from the holder to the company; cycle: the walks going round one cycle on the chains it touches; remainder: walks going round two or more cycles',
      ),
    companies: z.array(Party).describe('chain: holder → … → company; cycle: round the cycle from its smallest id back to it; remainder: empty'),
    stakes: z.array(IdSchema).describe('The stake statements along the chain or cycle'),
    percent: z.number().describe('This part of the integrated share, in percent (not rounded, so the parts add up)'),
    productPercent: z
      .number()
      .describe('chain: the product of its shares; cycle: the product of the shares round it (q), its walks adding q/(1 − q) to each chain it touches'),
  })
  .meta({ id: 'ExplainPart' });

export const ExplainSchema = z
  .object({
    ...AsOfMetaSchema,
    dataVersion: DataVersionFieldSchema,
    holder: Party,
    company: Party,
    basis: z.enum(['equity', 'voting']),
    method: z.string(),
    integratedPercent: z.number().describe('The integrated (Leontief) share, as GET /v1/ownership/effective gives it (not rounded)'),
    netPercent: z.number().describe('The net share, as GET /v1/ownership/effective gives it: integratedPercent / (1 + the holder’s self-ownership)'),
    selfOwnershipPercent: z.number(),
    parts: z.array(ExplainPartSchema).describe('Largest first; they add up to integratedPercent within 1e-7 points'),
    netParts: z
      .array(ExplainPartSchema)
      .describe(
        'The net share split the same way: the chains and the cycles that do not pass through the holder; they add up to netPercent within 1e-7 points',
      ),
  })
  .meta({ id: 'OwnershipExplanation', description: 'An integrated share split into the contribution of each ownership chain and each cycle' });

export type Explanation = z.infer<typeof ExplainSchema>;
