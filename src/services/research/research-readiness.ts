/**
 * Whether researchers' queries may run on their own Neo4j right now. That database is a separate process
 * (a second local instance, or a read replica) so that a query bomb only takes researchers down with it;
 * the price is that it may be starting, restarting, or hold another dataset version than the one the
 * typed API serves. Researchers then get a 503 saying so, never an answer from the main database and
 * never an answer from other data than the API's.
 */

/** shared: research runs on the main database, nothing to check. */
export type ResearchDatabaseState = 'shared' | 'starting' | 'unreachable' | 'loading' | 'behind' | 'ready';

export interface ResearchVerdict {
  state: ResearchDatabaseState;
  ready: boolean;
  /** Why researchers wait, or what they run on. */
  reason: string;
  /** The dataset version the research database holds (null: none, or not known). */
  datasetVersion: string | null;
  retryAfterSeconds: number;
  checkedAt: string | null;
}

export interface ResearchReadinessOptions {
  /**
   * How long one look at the research database stands: every research request asks, and a query per
   * request would cost the replica as much as the queries themselves.
   */
  ttlMs?: number;
  /** A probe that has not answered by then counts as unreachable (an overloaded or hung replica). */
  probeTimeoutMs?: number;
  now?: () => number;
}

type Probe = { answered: true; version: string | null } | { answered: false; error: string };

export const DEFAULT_READINESS_TTL_MS = 2_000;
const DEFAULT_PROBE_TIMEOUT_MS = 2_000;
const RETRY_STARTING_SECONDS = 10;
const RETRY_BEHIND_SECONDS = 5;

export const SHARED_VERDICT: ResearchVerdict = {
  state: 'shared',
  ready: true,
  reason: 'Researchers’ queries run on the same Neo4j as the typed API (no research database of their own)',
  datasetVersion: null,
  retryAfterSeconds: 0,
  checkedAt: null,
};

const short = (version: string) => version.slice(0, 12);

export class ResearchReadiness {
  private readonly ttlMs: number;
  private readonly probeTimeoutMs: number;
  private readonly now: () => number;
  private last: { probe: Probe; at: number } | null = null;
  private inFlight: Promise<Probe> | null = null;
  private everAnswered = false;
  private failure: string | null = null;

  constructor(
    /** The dataset version the research database holds; throws when it does not answer. */
    private readonly readResearchVersion: () => Promise<string | null>,
    /** The dataset version the typed API serves (kept in memory by the dataset-version plugin). */
    private readonly mainVersion: () => string | null,
    options: ResearchReadinessOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? DEFAULT_READINESS_TTL_MS;
    this.probeTimeoutMs = options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
    this.now = options.now ?? Date.now;
  }

  /**
   * What starts the research database says when it gave up (npm start's local instance): without it,
   * researchers would be told "starting" for ever. A later answer from the database clears it.
   */
  reportFailure(reason: string | null): void {
    this.failure = reason;
  }

  /** The verdict, looking at the research database at most once per ttl (concurrent callers share one look). */
  async check(): Promise<ResearchVerdict> {
    if (!this.fresh()) await this.refresh();
    return this.verdict();
  }

  /** The last verdict without waiting (health must not wait for researchers' database); a stale one is refreshed behind. */
  peek(): ResearchVerdict {
    if (!this.fresh()) void this.refresh();
    return this.verdict();
  }

  private fresh(): boolean {
    return this.last !== null && this.now() - this.last.at < this.ttlMs;
  }

  private refresh(): Promise<Probe> {
    this.inFlight ??= this.probe().then((probe) => {
      this.last = { probe, at: this.now() };
      if (probe.answered) {
        this.everAnswered = true;
        this.failure = null;
      }
      this.inFlight = null;
      return probe;
    });
    return this.inFlight;
  }

  private async probe(): Promise<Probe> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.probeTimeoutMs} ms`)), this.probeTimeoutMs);
    });
    try {
      return { answered: true, version: await Promise.race([this.readResearchVersion(), timeout]) };
    } catch (error) {
      return { answered: false, error: (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error)) };
    } finally {
      clearTimeout(timer);
    }
  }

  private verdict(): ResearchVerdict {
    const checkedAt = this.last ? new Date(this.last.at).toISOString() : null;
    const wait = (state: ResearchDatabaseState, reason: string, retryAfterSeconds: number, datasetVersion: string | null = null): ResearchVerdict => ({
      state,
      ready: false,
      reason,
      datasetVersion,
      retryAfterSeconds,
      checkedAt,
    });
    const probe = this.last?.probe;
    if (!probe?.answered) {
      if (this.failure)
        return wait(
          'unreachable',
          `The research database could not be started (${this.failure}); researchers’ queries are off, the rest of the API is unaffected`,
          60,
        );
      if (!this.everAnswered) {
        return wait(
          'starting',
          'The research database is starting; researchers’ queries run only there and wait for it (the rest of the API is unaffected)',
          RETRY_STARTING_SECONDS,
        );
      }
      return wait(
        'unreachable',
        `The research database does not answer (${probe?.error ?? 'no answer'}); it may be restarting, and researchers’ queries wait for it`,
        RETRY_STARTING_SECONDS,
      );
    }
    const main = this.mainVersion();
    if (probe.version === null)
      return wait('loading', 'The research database holds no dataset yet (it is being loaded); researchers’ queries wait for it', RETRY_STARTING_SECONDS);
    if (main === null)
      return wait('behind', 'The dataset version the API serves is not known yet; researchers’ queries wait until it is', RETRY_BEHIND_SECONDS, probe.version);
    if (probe.version !== main) {
      return wait(
        'behind',
        `The research database holds dataset ${short(probe.version)}, the API serves ${short(main)}; researchers’ queries wait until it holds the same`,
        RETRY_BEHIND_SECONDS,
        probe.version,
      );
    }
    return {
      state: 'ready',
      ready: true,
      reason: `Researchers’ queries run on a database of their own, at dataset ${short(main)}`,
      datasetVersion: probe.version,
      retryAfterSeconds: 0,
      checkedAt,
    };
  }
}
