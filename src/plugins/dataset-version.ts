import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    datasetVersion: {
      current(): string | null;
      reviewedOn(): string | null;
      refresh(): Promise<string | null>;
      /** The version, read again first if a read has since come back from a state it was not read in. */
      settled(): Promise<string | null>;
    };
  }
}

const REFRESH_MS = 5_000;
/** Stamp reads in a row while reads keep coming back from states the stamp did not see (a reload under way). */
const MAX_REREADS = 3;

export interface DatasetVersionOptions {
  /** How often the stamp is read in the background (tests make it long, to prove an answer does not wait for it). */
  refreshMs?: number;
}

/**
 * Keeps the loaded dataset's content hash in memory, refreshed in the background, so ETags (and caches)
 * can key on it without a query per request. A re-seed shows within REFRESH_MS, or at once after refresh().
 *
 * An answer is never labelled with a version older than its data: when a read has come back from a state of
 * the database the stamp was not read in (a reload by another process; see QueryRunner.stateChanges), the
 * stamp is read again before the answer is sent. Without this, a replica answered a reload's new data with
 * the version before it for up to REFRESH_MS (and cached it under that version).
 */
export default fp<DatasetVersionOptions>(
  async (app, options) => {
    let version: string | null = null;
    let reviewedOn: string | null = null;
    /** runner.stateChanges when the stamp was last read: equal means no read has seen a state it did not. */
    let readAtState = -1;
    let reading: Promise<string | null> | null = null;
    const readStamp = async () => {
      try {
        for (let attempt = 1; attempt <= MAX_REREADS; attempt += 1) {
          const before = app.db.stateChanges;
          const stamp = await app.repositories.dataset.getStamp();
          const after = app.db.stateChanges;
          ({ version, reviewedOn } = stamp);
          readAtState = after;
          // Unmoved, the count says the stamp came back from the last state any read saw. Moved once, it may
          // have been the stamp's own read (a new state) or another read's, from a state the stamp did not
          // see: only a read that moves nothing tells them apart, and it costs one short query per write.
          if (after === before) break;
        }
      } catch (error) {
        app.log.debug({ err: error }, 'dataset version not refreshed');
      }
      return version;
    };
    /** The read after the one under way, shared by whoever asks while that one runs. */
    let next: Promise<string | null> | null = null;
    /**
     * The version as a stamp read begun after this call finds it. One read at a time: a read under way may have
     * begun before the write the caller wants to see (a reload it just committed), so callers who come while it
     * runs share one read after it, rather than its answer.
     */
    const refresh = (): Promise<string | null> => {
      if (reading === null) {
        reading = readStamp().finally(() => {
          reading = null;
        });
        return reading;
      }
      next ??= reading.then(() => {
        next = null;
        return refresh();
      });
      return next;
    };
    /** Whether a read has come back from a state of the database the stamp was not read in. */
    const stale = () => readAtState !== -1 && readAtState !== app.db.stateChanges;
    const settled = async () => (stale() ? refresh() : version);
    app.decorate('datasetVersion', { current: () => version, reviewedOn: () => reviewedOn, refresh, settled });
    const label = (reply: FastifyReply) => {
      if (reviewedOn) reply.header('dataset-reviewed-on', reviewedOn);
      // Every answer names the data it comes from; an answer for an earlier version (knownAt) has set its own.
      if (version && !reply.hasHeader('data-version')) reply.header('data-version', version);
    };
    // Every answer says how fresh the facts are: the day the loaded dataset was last reviewed against its sources.
    // Callback style, not async: it runs on every answer, cached ones included, and a promise each shows.
    app.addHook('onSend', (_request, reply, payload, done) => {
      if (!stale()) {
        label(reply);
        done(null, payload);
        return;
      }
      void refresh().then(() => {
        label(reply);
        done(null, payload);
      });
    });
    let timer: NodeJS.Timeout | undefined;
    app.addHook('onReady', async () => {
      await refresh();
      timer = setInterval(() => void refresh(), options.refreshMs ?? REFRESH_MS);
      timer.unref();
    });
    app.addHook('onClose', async () => clearInterval(timer));
  },
  { name: 'dataset-version', dependencies: ['repositories'] },
);
