import { createHash } from 'node:crypto';
import { bodsIdentifiers, withNameRecords } from '../names/entity-names.js';
import type { Identifier, NameRecord } from '../../schemas/names.js';

/**
 * Beneficial Ownership Data Standard 0.4 statements for the stake network: an entity statement per
 * company and a relationship statement per dated stake statement, with shareholding and voting-rights
 * interests; a person statement per person and a relationship statement per role at a company (chair:
 * boardChair, others: seniorManagingOfficial). Brands, alliance memberships and roles at the alliance (not
 * an entity in BODS's sense) are left out.
 */

export interface ExportNode {
  id: string;
  label: string;
  props: Record<string, unknown>;
}

export interface ExportRelationship {
  id: string;
  type: string;
  from: string;
  to: string;
  props: Record<string, unknown>;
}

interface SourceProps {
  title?: string;
  publisher?: string;
  url?: string;
}

const statementId = (record: unknown) => createHash('sha256').update(JSON.stringify(record)).digest('hex');

function bodsSource(ids: string[], sources: Map<string, SourceProps>) {
  const cited = ids.map((id) => sources.get(id)).filter((s): s is SourceProps => s !== undefined);
  const url = cited.find((s) => s.url)?.url;
  return {
    type: ['thirdParty'],
    description: cited.map((s) => `${s.publisher ?? ''}: ${s.title ?? ''}`.trim()).join('; '),
    ...(url ? { url } : {}),
  };
}

export function toBods(nodes: ExportNode[], relationships: ExportRelationship[], statementDate: string): Record<string, unknown>[] {
  const sources = new Map(nodes.filter((n) => n.label === 'Source').map((n) => [n.id, n.props as SourceProps]));
  const companies = nodes.filter((n) => n.label === 'Company').sort((a, b) => (a.id < b.id ? -1 : 1));
  const statements: Record<string, unknown>[] = [];
  for (const c of companies) {
    const p = withNameRecords(c.props) as {
      name: string;
      aliases?: string[];
      names?: NameRecord[];
      identifiers?: Identifier[];
      country?: string;
      kind?: string;
      sources: string[];
    };
    const alternateNames = [...(p.aliases ?? []), ...(p.names ?? []).map((n) => n.name)];
    const recordDetails = {
      isComponent: false,
      entityType: p.kind === 'trust' ? { type: 'arrangement', subtype: 'trust' } : { type: 'registeredEntity' },
      name: p.name,
      ...(alternateNames.length > 0 ? { alternateNames } : {}),
      ...(p.identifiers && p.identifiers.length > 0 ? { identifiers: bodsIdentifiers(p.identifiers) } : {}),
      ...(p.country ? { jurisdiction: { name: p.country, code: p.country } } : {}),
    };
    statements.push({
      statementId: statementId({ recordId: c.id, recordDetails }),
      statementDate,
      recordId: c.id,
      recordType: 'entity',
      recordStatus: 'new',
      declarationSubject: c.id,
      recordDetails,
      source: bodsSource(p.sources, sources),
    });
  }
  const stakes = relationships.filter((r) => r.type === 'HOLDS_STAKE').sort((a, b) => (a.id < b.id ? -1 : 1));
  const arrangements = new Map<string, { id: string; validFrom?: string; validTo?: string; sources: string[] }[]>();
  for (const s of stakes) {
    const p = s.props as {
      equityPercent: number;
      votingPercent?: number;
      carriesVotes: boolean;
      economicBeneficiary?: string;
      shares?: number;
      sharesDerivation?: string;
      validFrom?: string;
      validTo?: string;
      note?: string;
      sources: string[];
    };
    const dates = { ...(p.validFrom ? { startDate: p.validFrom } : {}), ...(p.validTo ? { endDate: p.validTo } : {}) };
    // BODS has no field for a share count: the count goes in the interest's details, the stated percentage in share.
    const counted =
      p.shares === undefined
        ? {}
        : { details: `${p.shares.toLocaleString('en-GB')} shares (${p.sharesDerivation ? `derived: ${p.sharesDerivation}` : 'as stated by the source'})` };
    const interests: Record<string, unknown>[] = [
      { type: 'shareholding', directOrIndirect: 'direct', beneficialOwnershipOrControl: false, share: { exact: p.equityPercent }, ...counted, ...dates },
    ];
    const votes = !p.carriesVotes ? 0 : p.votingPercent;
    if (votes !== undefined) {
      interests.push({
        type: 'votingRights',
        directOrIndirect: 'direct',
        beneficialOwnershipOrControl: false,
        share: { exact: votes },
        ...(p.carriesVotes ? {} : { details: 'The shares carry no exercisable voting rights' }),
        ...dates,
      });
    }
    const recordDetails = { isComponent: false, subject: s.to, interestedParty: s.from, interests };
    statements.push({
      statementId: statementId({ recordId: s.id, recordDetails }),
      statementDate,
      recordId: s.id,
      recordType: 'relationship',
      recordStatus: 'new',
      declarationSubject: s.to,
      recordDetails,
      source: bodsSource(p.sources, sources),
      ...(p.note ? { annotations: [{ motivation: 'commenting', description: p.note, statementPointerTarget: '' }] } : {}),
    });
    // A trust's shares: its economic beneficiary holds them indirectly, through the arrangement.
    if (p.economicBeneficiary && p.economicBeneficiary !== s.from) {
      const indirect = {
        isComponent: false,
        subject: s.to,
        interestedParty: p.economicBeneficiary,
        interests: [
          {
            type: 'shareholding',
            directOrIndirect: 'indirect',
            beneficialOwnershipOrControl: false,
            share: { exact: p.equityPercent },
            details: `Economic rights of the shares held by ${s.from}, of which ${p.economicBeneficiary} is the beneficiary`,
            ...dates,
          },
        ],
      };
      statements.push({
        statementId: statementId({ recordId: `${s.id}-beneficiary`, recordDetails: indirect }),
        statementDate,
        recordId: `${s.id}-beneficiary`,
        recordType: 'relationship',
        recordStatus: 'new',
        declarationSubject: s.to,
        recordDetails: indirect,
        source: bodsSource(p.sources, sources),
      });
      arrangements.set(`${p.economicBeneficiary}\u0000${s.from}`, [...(arrangements.get(`${p.economicBeneficiary}\u0000${s.from}`) ?? []), { ...p, id: s.id }]);
    }
  }
  // The beneficiary of each trust: one relationship from the arrangement's first stake to its last.
  for (const [key, held] of [...arrangements.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [beneficiary, trust] = key.split('\u0000') as [string, string];
    const starts = held
      .map((h) => h.validFrom)
      .filter((d): d is string => d !== undefined)
      .sort();
    const ends = held.map((h) => h.validTo);
    const end = ends.includes(undefined) ? undefined : (ends as string[]).sort().at(-1);
    const recordDetails = {
      isComponent: false,
      subject: trust,
      interestedParty: beneficiary,
      interests: [
        {
          type: 'beneficiaryOfLegalArrangement',
          directOrIndirect: 'direct',
          beneficialOwnershipOrControl: false,
          details: 'Beneficiary of the economic rights of the shares the trust holds',
          ...(starts[0] ? { startDate: starts[0] } : {}),
          ...(end ? { endDate: end } : {}),
        },
      ],
    };
    const recordId = `${trust}-beneficiary-${beneficiary}`;
    statements.push({
      statementId: statementId({ recordId, recordDetails }),
      statementDate,
      recordId,
      recordType: 'relationship',
      recordStatus: 'new',
      declarationSubject: trust,
      recordDetails,
      source: bodsSource([...new Set(held.flatMap((h) => h.sources))], sources),
    });
  }
  const companyIds = new Set(companies.map((c) => c.id));
  const roles = relationships.filter((r) => r.type === 'HOLDS_ROLE' && companyIds.has(r.to)).sort((a, b) => (a.id < b.id ? -1 : 1));
  const people = nodes.filter((n) => n.label === 'Person' && roles.some((r) => r.from === n.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const person of people) {
    const p = person.props as { name: string; sources: string[] };
    // The name as the press gives it; no source states it is the legal name, so no name type is claimed.
    const recordDetails = { isComponent: false, personType: 'knownPerson', names: [{ fullName: p.name }] };
    statements.push({
      statementId: statementId({ recordId: person.id, recordDetails }),
      statementDate,
      recordId: person.id,
      recordType: 'person',
      recordStatus: 'new',
      declarationSubject: person.id,
      recordDetails,
      source: bodsSource(p.sources, sources),
    });
  }
  for (const r of roles) {
    const p = r.props as { title: string; validFrom?: string; validTo?: string; sources: string[] };
    const interest = {
      type: /chair/i.test(p.title) ? 'boardChair' : 'seniorManagingOfficial',
      directOrIndirect: 'direct',
      beneficialOwnershipOrControl: false,
      details: p.title,
      ...(p.validFrom ? { startDate: p.validFrom } : {}),
      ...(p.validTo ? { endDate: p.validTo } : {}),
    };
    const recordDetails = { isComponent: false, subject: r.to, interestedParty: r.from, interests: [interest] };
    statements.push({
      statementId: statementId({ recordId: r.id, recordDetails }),
      statementDate,
      recordId: r.id,
      recordType: 'relationship',
      recordStatus: 'new',
      declarationSubject: r.to,
      recordDetails,
      source: bodsSource(p.sources, sources),
    });
  }
  return statements;
}
