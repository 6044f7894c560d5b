import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

const BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];

declare module 'fastify' {
  interface FastifyInstance {
    metrics: {
      render(): Promise<string>;
      readonly contentType: string;
      /** Counts an answer given outside fastify's hooks (the front cache's). */
      observe(method: string, route: string, status: number, ms: number): void;
    };
  }
}

/**
 * A counter whose count is kept elsewhere (the response cache, the admission queue): it is read at each scrape.
 * prom-client's counters only go up by `inc`, so the count is put back from zero each time.
 */
function countedElsewhere(registry: Registry, name: string, help: string, read: () => number): void {
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      this.reset();
      this.inc(read());
    },
  });
}

/** A gauge whose value is kept elsewhere, read at each scrape. */
function readAtScrape(registry: Registry, name: string, help: string, read: () => number): void {
  new Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      this.set(read());
    },
  });
}

/**
 * Request counts and latency histograms per route, method and status, response-cache hits, and Neo4j
 * usage, in the Prometheus text format. Routes are counted by their pattern (/v1/companies/:id), so ids
 * never become label values. Each app has a registry of its own: the tests build several apps in one
 * process, and prom-client's global registry would refuse the second app's metrics.
 */
export default fp<{ poolSize: number }>(
  async (app, { poolSize }) => {
    const registry = new Registry();
    const labelNames = ['method', 'route', 'status'] as const;
    const requests = new Counter({
      name: 'http_requests_total',
      help: 'Requests answered, by route pattern, method and status.',
      labelNames,
      registers: [registry],
    });
    const duration = new Histogram({
      name: 'http_request_duration_ms',
      help: 'Time to answer, in milliseconds.',
      labelNames,
      buckets: BUCKETS_MS,
      registers: [registry],
    });
    const inFlight = new Gauge({ name: 'http_requests_in_flight', help: 'Requests being answered now.', registers: [registry] });

    const cache = () => app.responseCache;
    countedElsewhere(registry, 'response_cache_hits_total', 'Answers served from the response cache.', () => cache().hits);
    countedElsewhere(registry, 'response_cache_misses_total', 'Cacheable requests the cache could not answer.', () => cache().misses);
    readAtScrape(registry, 'response_cache_entries', 'Answers held in the response cache.', () => cache().size);
    new Gauge({
      name: 'neo4j_queries_in_flight',
      help: 'Queries running on a driver now (each holds a pooled connection), by pool.',
      labelNames: ['pool'],
      registers: [registry],
      collect() {
        this.set({ pool: 'api' }, app.db.inFlight);
        this.set({ pool: 'research' }, app.research.door.bulkhead.active);
      },
    });
    readAtScrape(registry, 'research_queries_queued', 'Research queries waiting for a slot in the bulkhead.', () => app.research.door.bulkhead.queued);
    readAtScrape(
      registry,
      'admission_in_flight',
      'Uncached data requests being worked on now (refused beyond admission_max_in_flight).',
      () => app.admission.inFlight,
    );
    readAtScrape(registry, 'admission_max_in_flight', 'Uncached data requests admitted at once (MAX_IN_FLIGHT).', () => app.admission.max);
    countedElsewhere(
      registry,
      'admission_refused_total',
      'Data requests answered 503 at once because the database was saturated.',
      () => app.admission.refused,
    );
    readAtScrape(registry, 'neo4j_pool_max_connections', 'Size of the driver connection pool.', () => poolSize);
    readAtScrape(registry, 'process_resident_memory_bytes', 'Resident memory of the API process.', () => process.memoryUsage().rss);

    // The response cache answers hits from an earlier onRequest hook, so this one never sees them: only
    // requests counted here are counted out.
    const counted = new WeakSet<object>();
    app.addHook('onRequest', (request, _reply, done) => {
      inFlight.inc();
      counted.add(request);
      done();
    });
    const observe = (method: string, route: string, status: number, ms: number) => {
      const labels = { method, route, status };
      requests.inc(labels);
      duration.observe(labels, ms);
    };
    // Every answer fastify gives passes here, cached ones included.
    app.addHook('onResponse', (request, reply, done) => {
      if (counted.delete(request)) inFlight.dec();
      observe(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime);
      done();
    });

    app.decorate('metrics', {
      render: () => registry.metrics(),
      contentType: registry.contentType,
      observe,
    });
  },
  { name: 'metrics', dependencies: ['http-caching', 'admission'] },
);
