import type { StakeLedgerFields } from './ownership-repository.js';
import {
  getOwnershipRoot,
  getLatestDatasetVersion,
  listDatasetVersions,
  listOwnershipStatements,
  listRetracted,
  listStakeStatements,
} from '../db/queries.generated.js';
import { shaped } from '../db/values.js';
import type { GraphEdgeRow, GraphNode } from './ownership-repository.js';
import type { RetractionRow, VersionRecord } from './dataset-repository.js';
import { ReadRepository } from './read-repository.js';

export type OwnershipNode = Omit<GraphNode, 'depth'>;

/** One recorded load of data/ (the record the seed writes). */
export type VersionRow = VersionRecord;

/** A statement a later load corrected or removed, standing in versions since ≤ n < until. */
export interface RetractedRow extends RetractionRow {
  since: number;
  until: number;
}

/** A stake statement as the graph holds it now, dates included. */
export interface StakeStatementRow extends StakeLedgerFields {
  id: string;
  holder: string;
  holderName: string;
  company: string;
  companyName: string;
  equityPercent: number;
  votingPercent: number | null;
  carriesVotes: boolean;
  economicBeneficiary: string | null;
  validFrom: string | null;
  validTo: string | null;
  sources: string[];
}

/** The dataset's version history: its loads, and the statements they retracted. */
export class VersionRepository extends ReadRepository {
  async listVersions(): Promise<VersionRow[]> {
    return (await this.db.read(listDatasetVersions, {})).map((r) => shaped<VersionRow>(r.version));
  }

  /** The newest version's number, hash and load time: what plain answers name, read alone (the history grows with every load). */
  async findLatestVersion(): Promise<Pick<VersionRow, 'number' | 'hash' | 'loadedAt'> | null> {
    const row = await this.db.readOne(getLatestDatasetVersion, {});
    return row ? shaped<Pick<VersionRow, 'number' | 'hash' | 'loadedAt'>>(row.version) : null;
  }

  async listRetracted(from: number, to: number): Promise<RetractedRow[]> {
    return (await this.db.read(listRetracted, { from, to })).map((r) => shaped<RetractedRow>(r.statement));
  }

  async listOwnershipStatements(): Promise<{ edge: GraphEdgeRow; source: OwnershipNode; target: OwnershipNode }[]> {
    return (await this.db.read(listOwnershipStatements, {})).map((r) => ({
      edge: shaped<GraphEdgeRow>(r.edge),
      source: shaped<OwnershipNode>(r.source),
      target: shaped<OwnershipNode>(r.target),
    }));
  }

  /** A company, brand or alliance (null: none with that id). */
  async findOwnershipNode(id: string): Promise<OwnershipNode | null> {
    const row = await this.db.readOne(getOwnershipRoot, { id });
    return row ? shaped<OwnershipNode>(row.node) : null;
  }

  async listStakeStatements(): Promise<StakeStatementRow[]> {
    return (await this.db.read(listStakeStatements, {})).map((r) => shaped<StakeStatementRow>(r.stake));
  }
}
