import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createClient } from '../../client/index.js';
import { useSeededApi } from '../support/api.js';

describe('the typed client against the running API', () => {
  const { ctx } = useSeededApi();
  let api: ReturnType<typeof createClient>;
  beforeAll(async () => {
    api = createClient(await ctx.app.listen({ host: '127.0.0.1', port: 0 }));
  });

  it('reads the alliance as of 2022-02-08, typed', async () => {
    const alliance = await api.get('/v1/alliances/{id}', { path: { id: 'renault-nissan-mitsubishi-alliance' }, query: { asOf: '2022-02-08' } });
    expect(alliance.brandCount).toBe(10);
    expect(alliance.members.map((m) => m.id)).toEqual(['nissan', 'renault', 'mitsubishi-motors']);
    expect(alliance.latestHeadcount?.value).toBe(420000);
  });

  it('pages through brands with the cursor', async () => {
    const first = await api.get('/v1/brands', { query: { limit: 5, asOf: '2022-02-08' } });
    expect(first.items).toHaveLength(5);
    const second = await api.get('/v1/brands', { query: { limit: 5, asOf: '2022-02-08', cursor: first.nextCursor ?? undefined } });
    expect(second.items[0]!.name > first.items[4]!.name).toBe(true);
  });

  it('turns problems into ApiError with the RFC 9457 body', async () => {
    const error = await api.get('/v1/companies/{id}', { path: { id: 'tesla' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
    expect((error as ApiError).problem?.detail).toBe('No company with id "tesla"');
  });

  it('asks what changed on 8 November 2023 and why Renault holds what it holds of Nissan, typed', async () => {
    const changes = await api.get('/v1/changes', { query: { from: '2023-11-08', to: '2023-11-08', entity: 'renault', kind: 'stake', limit: 10 } });
    const renault = changes.items.find((c) => c.from.id === 'renault');
    expect([renault?.before?.equityPercent, renault?.after?.equityPercent, renault?.events[0]?.id]).toEqual([43.4, 15, 'rebalanced-alliance-in-force-2023']);
    const explained = await api.get('/v1/ownership/effective/explain', {
      query: { holder: 'renault', company: 'nissan', asOf: '2022-02-08', basis: 'equity' },
    });
    expect(explained.parts.map((p) => p.kind)).toEqual(['chain', 'cycle']);
    const versions = await api.get('/v1/versions', { query: { limit: 1 } });
    expect(versions.items[0]?.number).toBe(versions.current?.number);
  });
});
