import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { afterEach, describe, expect, it } from 'vitest';
import datasetVersion from '../../../src/plugins/dataset-version.js';

interface Stamp {
  version: string | null;
  reviewedOn: string | null;
}

/**
 * Stands in for the runner and the dataset repository: each stamp read waits until the test answers it, and
 * the count of database states the runner's reads came back from moves when the test says a read did.
 */
function fakeDatabase() {
  const reads: { answer: (stamp: Stamp, movesState?: boolean) => void }[] = [];
  let states = 0;
  const plugin = fp(
    async (app) => {
      app.decorate('db', {
        get stateChanges() {
          return states;
        },
      } as never);
      app.decorate('repositories', {
        dataset: {
          getStamp: () =>
            new Promise<Stamp>((resolve) => {
              reads.push({
                answer: (stamp, movesState = false) => {
                  if (movesState) states += 1;
                  resolve(stamp);
                },
              });
            }),
        },
      } as never);
    },
    { name: 'repositories' },
  );
  return {
    plugin,
    reads,
    /** Another read came back from a state no read had seen before (a write committed since). */
    readSawNewState: () => {
      states += 1;
    },
  };
}

const stamp = (version: string): Stamp => ({ version, reviewedOn: '2026-01-01' });
const settle = () => new Promise((r) => setImmediate(r));

async function appOn(database: ReturnType<typeof fakeDatabase>): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(database.plugin);
  // The background read is made rare: every read here is one the test asks for.
  await app.register(datasetVersion, { refreshMs: 3_600_000 });
  app.get('/answer', async () => ({ ok: true }));
  const ready = app.ready();
  await settle();
  database.reads[0]!.answer(stamp('v0'));
  await ready;
  return app;
}

describe('the dataset version kept in memory', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('after a reload, is read by a stamp read begun after it, not taken from one under way since before it', async () => {
    const database = fakeDatabase();
    app = await appOn(database);
    expect(app.datasetVersion.current()).toBe('v0');

    // The background read begins, and is slow to come back.
    const background = app.datasetVersion.refresh();
    await settle();
    expect(database.reads).toHaveLength(2);
    // Meanwhile a reload commits v1 and asks for the version.
    const afterReload = app.datasetVersion.refresh();
    const alsoAfterReload = app.datasetVersion.refresh();
    // The read under way began before the commit: it still finds v0.
    database.reads[1]!.answer(stamp('v0'));
    expect(await background).toBe('v0');
    await settle();
    // The reload's callers share one read after it, which finds v1.
    expect(database.reads).toHaveLength(3);
    database.reads[2]!.answer(stamp('v1'), true);
    await settle();
    database.reads[3]!.answer(stamp('v1'));
    expect(await afterReload).toBe('v1');
    expect(await alsoAfterReload).toBe('v1');
    expect(app.datasetVersion.current()).toBe('v1');
    expect(database.reads).toHaveLength(4);
  });

  it('reads the stamp again when another read came back from a new state while it ran, and labels that answer with what it finds', async () => {
    const database = fakeDatabase();
    app = await appOn(database);
    const reading = app.datasetVersion.refresh();
    await settle();
    // A data read comes back from the state after a write; the stamp read, sent before the write, then finds v0.
    database.readSawNewState();
    database.reads[1]!.answer(stamp('v0'));
    await settle();
    // One moved count could have been the stamp's own; it is read again, and the new read finds v1.
    expect(database.reads).toHaveLength(3);
    database.reads[2]!.answer(stamp('v1'));
    expect(await reading).toBe('v1');
    expect(app.datasetVersion.current()).toBe('v1');

    // An answer made after yet another write waits for the stamp of that state before it is labelled.
    database.readSawNewState();
    const answer = app.inject('/answer');
    await settle();
    expect(database.reads).toHaveLength(4);
    database.reads[3]!.answer(stamp('v2'));
    const sent = await answer;
    expect(sent.headers['data-version']).toBe('v2');
    expect(sent.headers['dataset-reviewed-on']).toBe('2026-01-01');
    expect(app.datasetVersion.current()).toBe('v2');
  });

  it('reads the stamp once when no read has seen a new state', async () => {
    const database = fakeDatabase();
    app = await appOn(database);
    const reading = app.datasetVersion.refresh();
    await settle();
    database.reads[1]!.answer(stamp('v0'));
    expect(await reading).toBe('v0');
    const sent = await app.inject('/answer');
    expect(sent.headers['data-version']).toBe('v0');
    expect(database.reads).toHaveLength(2);
  });
});
