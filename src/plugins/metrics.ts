import fp from 'fastify-plugin';

const BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];

interface Series {
  /** Its labels as Prometheus prints them, escaped once when the series is first seen. */
  labels: string;
  count: number;
  sumMs: number;
  buckets: number[];
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: { render(): string };
  }
}

const label = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/**
 * Request counts and latency histograms per route, method and status, response-cache hits, and Neo4j
 * usage, in the Prometheus text format. Routes are counted by their pattern (/v1/companies/:id), so ids
 * never become label values.
 */
export default fp<{ poolSize: number }>(
  async (app, { poolSize }) => {
    const series = new Map<string, Series>();
    let inFlight = 0;
    app.addHook('onRequest', (_request, _reply, done) => {
      inFlight += 1;
      done();
    });
    // Every answer passes here, cached ones included: the labels are escaped once per series, when it is
    // first seen, not on every request.
    app.addHook('onResponse', (request, reply, done) => {
      inFlight -= 1;
      const route = request.routeOptions.url ?? 'unmatched';
      const key = `${request.method} ${reply.statusCode} ${route}`;
      let s = series.get(key);
      if (!s) {
        const labels = `method="${label(request.method)}",route="${label(route)}",status="${reply.statusCode}"`;
        s = { labels, count: 0, sumMs: 0, buckets: BUCKETS_MS.map(() => 0) };
        series.set(key, s);
      }
      const ms = reply.elapsedTime;
      s.count += 1;
      s.sumMs += ms;
      for (let i = BUCKETS_MS.length - 1; i >= 0 && ms <= BUCKETS_MS[i]!; i -= 1) s.buckets[i]! += 1;
      done();
    });

    app.decorate('metrics', {
      render(): string {
        const lines: string[] = [
          '# HELP http_requests_total Requests answered, by route pattern, method and status.',
          '# TYPE http_requests_total counter',
        ];
        for (const s of series.values()) lines.push(`http_requests_total{${s.labels}} ${s.count}`);
        lines.push('# HELP http_request_duration_ms Time to answer, in milliseconds.', '# TYPE http_request_duration_ms histogram');
        for (const { labels, buckets, count, sumMs } of series.values()) {
          BUCKETS_MS.forEach((b, i) => lines.push(`http_request_duration_ms_bucket{${labels},le="${b}"} ${buckets[i]}`));
          lines.push(`http_request_duration_ms_bucket{${labels},le="+Inf"} ${count}`);
          lines.push(`http_request_duration_ms_sum{${labels}} ${sumMs.toFixed(3)}`);
          lines.push(`http_request_duration_ms_count{${labels}} ${count}`);
        }
        const cache = app.responseCache;
        lines.push(
          '# HELP http_requests_in_flight Requests being answered now.',
          '# TYPE http_requests_in_flight gauge',
          `http_requests_in_flight ${inFlight}`,
          '# HELP response_cache_hits_total Answers served from the response cache.',
          '# TYPE response_cache_hits_total counter',
          `response_cache_hits_total ${cache.hits}`,
          '# HELP response_cache_misses_total Cacheable requests the cache could not answer.',
          '# TYPE response_cache_misses_total counter',
          `response_cache_misses_total ${cache.misses}`,
          '# HELP response_cache_entries Answers held in the response cache.',
          '# TYPE response_cache_entries gauge',
          `response_cache_entries ${cache.size}`,
          '# HELP neo4j_queries_in_flight Queries running on a driver now (each holds a pooled connection), by pool.',
          '# TYPE neo4j_queries_in_flight gauge',
          `neo4j_queries_in_flight{pool="api"} ${app.db.inFlight}`,
          `neo4j_queries_in_flight{pool="research"} ${app.research.door.bulkhead.active}`,
          '# HELP research_queries_queued Research queries waiting for a slot in the bulkhead.',
          '# TYPE research_queries_queued gauge',
          `research_queries_queued ${app.research.door.bulkhead.queued}`,
          '# HELP admission_in_flight Uncached data requests being worked on now (refused beyond admission_max_in_flight).',
          '# TYPE admission_in_flight gauge',
          `admission_in_flight ${app.admission.inFlight}`,
          '# HELP admission_max_in_flight Uncached data requests admitted at once (MAX_IN_FLIGHT).',
          '# TYPE admission_max_in_flight gauge',
          `admission_max_in_flight ${app.admission.max}`,
          '# HELP admission_refused_total Data requests answered 503 at once because the database was saturated.',
          '# TYPE admission_refused_total counter',
          `admission_refused_total ${app.admission.refused}`,
          '# HELP neo4j_pool_max_connections Size of the driver connection pool.',
          '# TYPE neo4j_pool_max_connections gauge',
          `neo4j_pool_max_connections ${poolSize}`,
          '# HELP process_resident_memory_bytes Resident memory of the API process.',
          '# TYPE process_resident_memory_bytes gauge',
          `process_resident_memory_bytes ${process.memoryUsage().rss}`,
        );
        return `${lines.join('\n')}\n`;
      },
    });
  },
  { name: 'metrics', dependencies: ['http-caching', 'admission'] },
);
