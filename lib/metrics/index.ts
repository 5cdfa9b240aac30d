import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

// Prometheus metrics of this process, served by GET /api/metrics. One registry per process on
// globalThis: Next evaluates this module once per bundle (routes, proxy, instrumentation), and two
// registries would each hold half of the numbers.

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function createMetrics() {
  const registry = new Registry();
  registry.setDefaultLabels({ service: "tradepulse" });
  collectDefaultMetrics({ register: registry, prefix: "tradepulse_" });
  const cacheCounts = { hit: 0, miss: 0 };
  const metrics = {
    registry,
    cacheCounts,
    httpRequests: new Counter({
      name: "tradepulse_http_requests_total",
      help: "API requests answered, by method, route pattern and status",
      labelNames: ["method", "route", "status"] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: "tradepulse_http_request_duration_seconds",
      help: "Time to answer an API request (until the response starts), by method, route pattern and status",
      labelNames: ["method", "route", "status"] as const,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: "tradepulse_rate_limited_total",
      help: "API requests refused with 429, by who was limited",
      labelNames: ["subject"] as const,
      registers: [registry],
    }),
    authFailures: new Counter({
      name: "tradepulse_auth_failures_total",
      help: "Refused authentications: bad or missing credentials, ended sessions, wrong role",
      labelNames: ["reason"] as const,
      registers: [registry],
    }),
    securityBlocks: new Counter({
      name: "tradepulse_security_blocks_total",
      help: "Requests refused by the security screen, by reason",
      labelNames: ["reason"] as const,
      registers: [registry],
    }),
    sseStreams: new Gauge({
      name: "tradepulse_sse_active_streams",
      help: "Server-sent event streams open on this instance",
      registers: [registry],
    }),
    jobRuns: new Counter({
      name: "tradepulse_job_runs_total",
      help: "Scheduled job runs on this instance, by job and outcome",
      labelNames: ["job", "outcome"] as const,
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: "tradepulse_job_duration_seconds",
      help: "Duration of scheduled job runs, by job and outcome",
      labelNames: ["job", "outcome"] as const,
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
      registers: [registry],
    }),
    exchangeDuration: new Histogram({
      name: "tradepulse_exchange_call_duration_seconds",
      help: "Latency of market-data calls to the exchange, by exchange and outcome",
      labelNames: ["exchange", "outcome"] as const,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    exchangeErrors: new Counter({
      name: "tradepulse_exchange_call_errors_total",
      help: "Failed market-data calls to the exchange, by exchange and error code",
      labelNames: ["exchange", "code"] as const,
      registers: [registry],
    }),
    cacheRequests: new Counter({
      name: "tradepulse_cache_requests_total",
      help: "Ticker cache lookups, by cache and result (hit or miss)",
      labelNames: ["cache", "result"] as const,
      registers: [registry],
    }),
  };
  new Gauge({
    name: "tradepulse_cache_hit_ratio",
    help: "Share of ticker cache lookups answered from the cache since the process started (0..1)",
    registers: [registry],
    collect() {
      const total = cacheCounts.hit + cacheCounts.miss;
      this.set(total === 0 ? 0 : cacheCounts.hit / total);
    },
  });
  return metrics;
}

type Metrics = ReturnType<typeof createMetrics>;
const globalForMetrics = globalThis as unknown as { __tradepulseMetrics?: Metrics };

export function getMetrics(): Metrics {
  globalForMetrics.__tradepulseMetrics ??= createMetrics();
  return globalForMetrics.__tradepulseMetrics;
}

/** The exposition text and its content type. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const { registry } = getMetrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}

export function observeHttpRequest(input: { method: string; route: string; status: number; seconds: number }): void {
  const labels = { method: input.method, route: input.route, status: String(input.status) };
  const metrics = getMetrics();
  metrics.httpRequests.inc(labels);
  metrics.httpDuration.observe(labels, input.seconds);
}

export type AuthFailureReason = "missing" | "invalid_token" | "session_ended" | "forbidden" | "login_failed" | (string & {});

export function countAuthFailure(reason: AuthFailureReason): void {
  getMetrics().authFailures.inc({ reason });
}

export function countRateLimited(subject: "user" | "address"): void {
  getMetrics().rateLimited.inc({ subject });
}

export function countSecurityBlock(reason: "blocked_ip" | "honeypot" | "cross_origin" | "cors"): void {
  getMetrics().securityBlocks.inc({ reason });
}

/**
 * Counts one open SSE stream; call the returned function exactly once when it closes (extra calls are
 * ignored, so it is safe from several close paths).
 */
export function trackSseStream(): () => void {
  const gauge = getMetrics().sseStreams;
  gauge.inc();
  let open = true;
  return () => {
    if (!open) return;
    open = false;
    gauge.dec();
  };
}

export function observeJobRun(job: string, outcome: "succeeded" | "failed", seconds: number): void {
  const metrics = getMetrics();
  metrics.jobRuns.inc({ job, outcome });
  metrics.jobDuration.observe({ job, outcome }, seconds);
}

/** Times an exchange call: latency by outcome, and errors by code. */
export async function timeExchangeCall<T>(exchange: string, run: () => Promise<T>, codeOf: (error: unknown) => string): Promise<T> {
  const metrics = getMetrics();
  const started = performance.now();
  try {
    const result = await run();
    metrics.exchangeDuration.observe({ exchange, outcome: "ok" }, (performance.now() - started) / 1000);
    return result;
  } catch (error) {
    metrics.exchangeDuration.observe({ exchange, outcome: "error" }, (performance.now() - started) / 1000);
    metrics.exchangeErrors.inc({ exchange, code: codeOf(error) });
    throw error;
  }
}

export function countCacheLookups(cache: string, hits: number, misses: number): void {
  const metrics = getMetrics();
  if (hits > 0) metrics.cacheRequests.inc({ cache, result: "hit" }, hits);
  if (misses > 0) metrics.cacheRequests.inc({ cache, result: "miss" }, misses);
  metrics.cacheCounts.hit += hits;
  metrics.cacheCounts.miss += misses;
}
