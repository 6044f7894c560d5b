import { z } from 'zod';

/**
 * The dataset format (data/**.yaml). Generic: it knows the model's labels and relationship types,
 * never a particular alliance. Every object is strict, so a misspelt field is an error, not a silent loss.
 */

/** The longest id; the router refuses longer path parameters (414) before any route runs. */
export const MAX_ID_LENGTH = 120;

export const IdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a kebab-case id (a-z, 0-9, single dashes)')
  .max(MAX_ID_LENGTH);

export const IsoDateSchema = z.iso.date('must be an ISO date YYYY-MM-DD');
const NullableDate = IsoDateSchema.nullable().default(null);
const Precision = z.enum(['day', 'month', 'year']);
const Percent = z.number().min(0).max(100);
const Quantifier = z.enum(['exact', 'about', 'around', 'more-than', 'less-than']);
const Text = z.string().min(1).max(2000);

/**
 * One citation of a claim: a source id, or the id with a short verbatim quote from that source that supports
 * the claim and, for a web page, the day it was read (its URL is on the source).
 */
export const CitationSchema = z
  .object({
    id: IdSchema,
    quote: z.string().min(1).max(300, 'a quote is at most 300 characters'),
    readOn: IsoDateSchema.optional(),
  })
  .strict();
export type Citation = z.infer<typeof CitationSchema>;
const SourceIds = z.array(z.union([IdSchema, CitationSchema])).min(1, 'every fact needs at least one source');
/** Names and identifiers cite their sources by id alone. */
const SourceIdList = z.array(IdSchema).min(1, 'every fact needs at least one source');

export const DatasetSourceSchema = z
  .object({
    id: IdSchema,
    kind: z.enum(['article', 'press-release', 'news-agency', 'newspaper', 'magazine', 'company-page', 'reference-work', 'report']),
    title: Text,
    publisher: Text,
    author: Text.optional(),
    reviewer: Text.optional(),
    url: z.url().optional(),
    publishedOn: NullableDate,
    publishedOnPrecision: Precision.optional(),
    language: z
      .string()
      .regex(/^[a-z]{2}$/)
      .optional(),
    note: Text.optional(),
  })
  .strict();

/** The kinds of dated event the dataset records; the timeline answers these and the kinds it derives. */
export const EVENT_KINDS = [
  'founding',
  'member-joined',
  'stake-change',
  'brand-change',
  'plan-announced',
  'agreement-change',
  'share-sale',
  'share-purchase',
  'company-created',
  'company-change',
  'intention',
  'plan-change',
  'appointment',
  'merger',
  'leadership-change',
  'accounting-change',
  'regulatory-approval',
  'departure',
  'shareholder-exit',
] as const;

const nodeBase = {
  id: IdSchema,
  name: z.string().min(1).max(200),
  aliases: z.array(z.string().min(1).max(200)).default([]),
  description: Text.optional(),
  note: Text.optional(),
  validFrom: NullableDate,
  validTo: NullableDate,
  sources: SourceIds,
};

const node = <L extends string, S extends z.ZodRawShape>(label: L, shape: S) => z.object({ label: z.literal(label), ...nodeBase, ...shape }).strict();

export const NODE_LABELS = ['Alliance', 'Company', 'Brand', 'Plan', 'Target', 'Platform', 'Technology', 'Observation', 'Event', 'Person'] as const;
export type NodeLabel = (typeof NODE_LABELS)[number];

export const NodeSchema = z.discriminatedUnion('label', [
  node('Alliance', { kind: Text, nationality: Text.optional(), foundedOn: IsoDateSchema }),
  node('Company', {
    country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code'),
    kind: z.enum([
      'automaker',
      'trust',
      'holding',
      'state-entity',
      'investor',
      'supplier',
      'financial',
      'family',
      'trading-company',
      'joint-venture',
      'employee-plan',
      'other',
    ]),
  }),
  node('Brand', { segment: Text.optional() }),
  node('Plan', {
    announcedOn: IsoDateSchema,
    horizonYear: z.number().int().min(1900).max(2200),
    investment: z
      .object({ amount: z.number().positive(), currency: z.string().regex(/^[A-Z]{3}$/), precision: Quantifier, note: Text.optional() })
      .strict()
      .optional(),
    pillars: z.array(Text).default([]),
  }),
  node('Target', {
    kind: z.enum(['carbon-neutrality', 'ev-models', 'ev-platforms', 'battery', 'cost-parity', 'market-position', 'platform-commonality']),
    year: z.number().int().min(1900).max(2200).optional(),
    quantity: z.object({ count: z.number().int().nonnegative(), unit: Text, precision: Quantifier }).strict().optional(),
    share: z.object({ percent: Percent, of: Text, precision: Quantifier }).strict().optional(),
  }),
  node('Platform', { use: Text.optional() }),
  node('Technology', { category: Text }),
  node('Observation', {
    kind: z.enum(['headcount', 'market-rank', 'status']),
    value: z.number().optional(),
    unit: Text.optional(),
    text: Text.optional(),
    precision: Quantifier.optional(),
    observedOn: IsoDateSchema.nullable(),
  }),
  node('Event', {
    kind: z.enum(EVENT_KINDS),
    occurredOn: IsoDateSchema,
    occurredOnPrecision: Precision.optional(),
    /** The HOLDS_STAKE statements this event started: how a change of a stake names its cause. */
    changes: z.array(IdSchema).default([]),
  }),
  node('Person', { nationality: Text.optional() }),
]);

const relationshipBase = {
  id: IdSchema,
  from: IdSchema,
  to: IdSchema,
  validFrom: NullableDate,
  validFromPrecision: Precision.optional(),
  validTo: NullableDate,
  note: Text.optional(),
  sources: SourceIds,
};

const rel = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.object({ type: z.literal(type), ...relationshipBase, ...shape }).strict();

export const RelationshipSchema = z.discriminatedUnion('type', [
  rel('MEMBER_OF', { role: z.enum(['founding-member', 'member', 'parent', 'subsidiary', 'affiliate', 'partner']) }),
  rel('HOLDS_STAKE', {
    equityPercent: Percent,
    /**
     * Where the source states the share as parts ("the 1.19% in excess of the 15%"), the parts it states:
     * they must add up to equityPercent, and the evidence check looks for them in the quotes.
     */
    equityFromParts: z.array(Percent).min(2).optional(),
    equityPrecision: Quantifier.optional(),
    votingPercent: Percent.nullable(),
    carriesVotes: z.boolean(),
    /** Shares held, where a source gives the count: with the company's shareCapital, the day's percentages derive from it. */
    shares: z.number().int().positive().optional(),
    /**
     * How the count was derived, where no source states it (e.g. "15% of the 4,220,715,112 shares issued on
     * 8 November 2023"): the evidence check then looks for the figures it was derived from, not the count.
     */
    sharesDerivation: Text.optional(),
    /** Voting rights held, where they differ from the shares (double voting rights), as a source gives them. */
    votes: z.number().int().nonnegative().optional(),
    /** A cap on the votes the holder may exercise, in percent of the exercisable votes (by law or agreement). */
    votingCapPercent: Percent.optional(),
    /** What the stated equityPercent is a share of: all shares issued (default), or exercisable votes (treasury shares excluded). */
    statedBasis: z.enum(['issued', 'voting']).optional(),
    /** The day the stated percentage describes, when it is not validFrom (a figure reported after a later cancellation). */
    statedOn: IsoDateSchema.optional(),
    economicBeneficiary: IdSchema.optional(),
    /** Set where no source names the event that started this statement (the rule then asks for a note). */
    eventNotFound: z.literal(true).optional(),
  }),
  rel('HOLDS_ROLE', { title: Text }),
  rel('OWNS_BRAND', { via: Text.optional() }),
  rel('RENAMED_TO', {}),
  rel('HAS_PLAN', {}),
  rel('HAS_TARGET', {}),
  rel('USES_PLATFORM', {}),
  rel('CONCERNS', {}),
  rel('FOCUSES_ON', {}),
  rel('DEVELOPS', { stage: z.enum(['developing', 'looking-towards']) }),
  rel('HAS_OBSERVATION', {}),
  rel('INVOLVES', {}),
]);

export type RelationshipType = z.infer<typeof RelationshipSchema>['type'];

/** Which labels each relationship type may connect; checked on load like dangling references. */
export const ENDPOINTS: Record<RelationshipType, { from: readonly NodeLabel[]; to: readonly NodeLabel[] }> = {
  MEMBER_OF: { from: ['Company'], to: ['Alliance'] },
  HOLDS_STAKE: { from: ['Company'], to: ['Company'] },
  OWNS_BRAND: { from: ['Company'], to: ['Brand'] },
  RENAMED_TO: { from: ['Brand', 'Company'], to: ['Brand', 'Company'] },
  HAS_PLAN: { from: ['Alliance', 'Company'], to: ['Plan'] },
  HAS_TARGET: { from: ['Alliance', 'Company', 'Plan'], to: ['Target'] },
  USES_PLATFORM: { from: ['Plan', 'Company', 'Brand'], to: ['Platform'] },
  CONCERNS: { from: ['Target'], to: ['Platform', 'Technology'] },
  FOCUSES_ON: { from: ['Plan'], to: ['Technology'] },
  DEVELOPS: { from: ['Alliance', 'Company'], to: ['Technology'] },
  HAS_OBSERVATION: { from: ['Alliance', 'Company', 'Brand'], to: ['Observation'] },
  INVOLVES: { from: ['Event'], to: NODE_LABELS },
  HOLDS_ROLE: { from: ['Person'], to: ['Company', 'Alliance'] },
};

/** A name of an entity in one language (BCP 47 tag such as ja, ko, zh-Hans, ja-Latn), with its source. */
export const NameRecordSchema = z
  .object({
    entity: IdSchema,
    name: z.string().min(1).max(200),
    language: z.string().regex(/^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-[A-Z]{2})?$/, 'must be a BCP 47 language tag such as ja, zh-Hans or ja-Latn'),
    kind: z.enum(['legal', 'short', 'alias', 'former', 'transliteration']),
    sources: SourceIdList,
  })
  .strict();

export const IDENTIFIER_SCHEMES = ['lei', 'isin', 'ticker', 'wikidata', 'sec-cik', 'jp-corporate-number'] as const;
export type IdentifierScheme = (typeof IDENTIFIER_SCHEMES)[number];

/** The form of each scheme's values, checked on load so that a lookup by value is exact. */
export const IDENTIFIER_FORMATS: Record<IdentifierScheme, RegExp> = {
  lei: /^[A-Z0-9]{18}[0-9]{2}$/,
  isin: /^[A-Z]{2}[A-Z0-9]{9}[0-9]$/,
  ticker: /^[A-Z0-9.]{1,12}$/,
  wikidata: /^Q[1-9][0-9]*$/,
  'sec-cik': /^[0-9]{10}$/,
  'jp-corporate-number': /^[0-9]{13}$/,
};

export const IdentifierRecordSchema = z
  .object({
    entity: IdSchema,
    scheme: z.enum(IDENTIFIER_SCHEMES),
    value: z.string().min(1).max(40),
    exchange: Text.optional(),
    sources: SourceIdList,
  })
  .strict()
  .superRefine((r, ctx) => {
    if (!IDENTIFIER_FORMATS[r.scheme].test(r.value)) ctx.addIssue({ code: 'custom', path: ['value'], message: `is not a well-formed ${r.scheme} value` });
  });

/**
 * A company's share capital over a period: the ledger the holders' percentages are derived from. Records of
 * one company do not overlap; each starts on the day its change took effect (an issue, a cancellation).
 */
export const ShareCapitalSchema = z
  .object({
    id: IdSchema,
    company: IdSchema,
    validFrom: IsoDateSchema,
    validFromPrecision: Precision.optional(),
    validTo: NullableDate,
    sharesIssued: z.number().int().positive(),
    /**
     * Where no source states a count of the record (the total issued, the voting rights): how it follows from other
     * records, e.g. "4,220,715,112 less the 211,000,000 shares cancelled". A derived total after a cancellation or
     * issue is checked by the rule capital-arithmetic; the evidence check looks for the figures of the derivation.
     */
    derivation: Text.optional(),
    /** Shares the company holds itself: they carry no votes. */
    treasuryShares: z.number().int().nonnegative().optional(),
    /** Exercisable voting rights in all, where the company publishes them (double votes counted, treasury shares not). */
    votingRights: z.number().int().positive().optional(),
    change: z.enum(['initial', 'issue', 'cancellation', 'buyback', 'split', 'merger', 'report']).optional(),
    /** How many shares the change issued or cancelled. */
    sharesChanged: z.number().int().positive().optional(),
    note: Text.optional(),
    sources: SourceIds,
  })
  .strict();

/** What the dataset says about itself (one file states it). */
export const DatasetInfoSchema = z
  .object({
    reviewedOn: IsoDateSchema.describe('The day the dataset was last checked against its sources; no fact may be dated later'),
    note: Text.optional(),
  })
  .strict();

/** One dataset file: any of the sections. */
export const DatasetFileSchema = z
  .object({
    dataset: DatasetInfoSchema.optional(),
    sources: z.array(DatasetSourceSchema).default([]),
    nodes: z.array(NodeSchema).default([]),
    relationships: z.array(RelationshipSchema).default([]),
    names: z.array(NameRecordSchema).default([]),
    identifiers: z.array(IdentifierRecordSchema).default([]),
    shareCapital: z.array(ShareCapitalSchema).default([]),
  })
  .strict();

export type DatasetSource = z.infer<typeof DatasetSourceSchema>;
/** A claim as read: `sources` holds ids only; the quotes, where given, are in `citations`. */
type Normalised<T> = T extends { sources: unknown } ? Omit<T, 'sources'> & { sources: string[]; citations?: Citation[] } : never;
export type DatasetNode = Normalised<z.infer<typeof NodeSchema>>;
export type DatasetRelationship = Normalised<z.infer<typeof RelationshipSchema>>;
export type DatasetName = z.infer<typeof NameRecordSchema>;
export type DatasetIdentifier = z.infer<typeof IdentifierRecordSchema>;
export type DatasetShareCapital = Normalised<z.infer<typeof ShareCapitalSchema>>;

export interface Dataset {
  /** The day the dataset was last reviewed, or null when no file states it. */
  reviewedOn: string | null;
  sources: DatasetSource[];
  nodes: DatasetNode[];
  relationships: DatasetRelationship[];
  /** Names in other languages and former names (names.yaml); absent in datasets built in code. */
  names?: DatasetName[];
  /** Identifiers such as ISIN or tickers (identifiers.yaml); absent in datasets built in code. */
  identifiers?: DatasetIdentifier[];
  /** Companies' dated share capital (the share ledger); absent when no file gives any. */
  shareCapital?: DatasetShareCapital[];
  /** sha256 of the dataset's canonical JSON: caches key on it. */
  version: string;
  files: string[];
}
