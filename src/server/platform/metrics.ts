import client from 'prom-client';

/** One registry per app instance, so tests can build several apps in one process. */
export function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'chuanyu_' });
  const httpDuration = new client.Histogram({
    name: 'chuanyu_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const dbUp = new client.Gauge({
    name: 'chuanyu_db_up',
    help: '1 when the last health check reached the database',
    registers: [registry],
  });
  return { registry, httpDuration, dbUp };
}
export type Metrics = ReturnType<typeof createMetrics>;
