import { z } from 'zod';

/**
 * The W3C Reconciliation Service API 0.2 (https://www.w3.org/community/reports/reconciliation/CG-FINAL-specs-0.2-20230410/),
 * as zod: validation of the query batches clients send, and the shapes of the answers (tested against the
 * specification's own JSON schemas in test/fixtures/reconciliation-0.2/).
 */

const PropertyValue = z.union([z.string(), z.number(), z.boolean(), z.object({ id: z.string(), name: z.string().optional() })]);

export const ReconcileQuerySchema = z
  .object({
    query: z.string().max(200).optional().describe('The name to match'),
    type: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .describe('Company, Brand, Alliance, Plan, Platform, Technology …'),
    limit: z.number().int().min(1).max(100).optional(),
    properties: z
      .array(z.object({ pid: z.string().max(40), v: z.union([PropertyValue, z.array(PropertyValue)]) }))
      .max(20)
      .optional()
      .describe('country (ISO code or name), isin, ticker, lei, wikidata …'),
    type_strict: z.enum(['any', 'should', 'all']).optional(),
  })
  .strict()
  // As the specification's schema: a query (a blank one is valid, and finds nothing) or at least one property.
  .refine((q) => q.query !== undefined || (q.properties?.length ?? 0) > 0, 'a query needs "query" or at least one property');

export const ReconcileQueryBatchSchema = z
  .record(z.string().max(100), ReconcileQuerySchema)
  .refine((b) => Object.keys(b).length <= 100, 'at most 100 queries a batch');

const TypeRef = z.object({ id: z.string(), name: z.string() });

export const ReconcileCandidateSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().optional(),
    score: z.number().describe('0 to 100'),
    match: z.boolean().describe('True when the candidate is certainly the entity: an exact or alias match, unambiguous, and not contradicted by a property'),
    features: z.array(z.object({ id: z.string(), value: z.union([z.boolean(), z.number()]) })),
    type: z.array(TypeRef),
  })
  .meta({ id: 'ReconcileCandidate' });

export const ReconcileResultBatchSchema = z
  .record(z.string(), z.object({ result: z.array(ReconcileCandidateSchema) }))
  .meta({ id: 'ReconcileResultBatch', description: 'Candidates for each query of the batch, best first' });

const ServiceDefinition = z.object({ service_url: z.string(), service_path: z.string(), flyout_service_path: z.string().optional() });

export const ReconcileManifestSchema = z
  .object({
    versions: z.array(z.string()),
    name: z.string(),
    identifierSpace: z.string(),
    schemaSpace: z.string(),
    documentation: z.string(),
    serviceVersion: z.string(),
    view: z.object({ url: z.string() }),
    defaultTypes: z.array(TypeRef),
    suggest: z.object({ entity: ServiceDefinition, type: ServiceDefinition, property: ServiceDefinition }),
    preview: z.object({ url: z.string(), width: z.number().int(), height: z.number().int() }),
  })
  .meta({ id: 'ReconcileManifest', description: 'The service manifest of the Reconciliation Service API 0.2' });

export const ReconcileRequestSchema = z.object({
  queries: z.string().max(200_000).optional().describe('A JSON query batch; without it the manifest is returned'),
});

export const ReconcileSuggestQuerySchema = z.object({
  prefix: z.string().min(1).max(100),
  cursor: z.coerce.number().int().min(0).max(1000).default(0),
});

export const ReconcileSuggestResultSchema = z
  .object({
    result: z.array(z.object({ id: z.string(), name: z.string(), description: z.string().optional(), notable: z.array(TypeRef).optional() })),
  })
  .meta({ id: 'ReconcileSuggestResult', description: 'Suggestions whose names start with the prefix, best first' });

export const ReconcilePreviewQuerySchema = z.object({ id: z.string().min(1).max(120) });

export type ReconcileQuery = z.infer<typeof ReconcileQuerySchema>;
export type ReconcileCandidate = z.infer<typeof ReconcileCandidateSchema>;
