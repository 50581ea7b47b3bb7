// SPDX-License-Identifier: BSD-3-Clause
/**
 * Per-client rate limiting of the WaaS endpoint: a fixed window per PDND `client_id`, with the
 * numbers the OpenAPI's `429TooManyRequests` headers carry (`Retry-After`, `X-RateLimit-Limit`,
 * `X-RateLimit-Remaining`, `X-RateLimit-Reset`; ModI RAC_ROBUSTEZZA_001, waas-pdnd.md §3.10). PDND
 * thresholds never throttle calls (§1.6), so this is ours.
 *
 * Memory is bounded: a client whose window has ended is forgotten at the next sweep, and the map never
 * holds more than `maxClients` entries (the least recently seen client is dropped first). Only clients
 * with a verified voucher reach the limiter, so in practice the map holds INPS's one or two clients.
 * @module
 */

/**
 * Largest `X-RateLimit-Limit` / `X-RateLimit-Remaining` the OpenAPI allows (`maximum: 100000`).
 *
 * @example
 * ```ts
 * import { RATE_LIMIT_MAX_REQUESTS } from '@riuso-sociale/siuss-waas';
 * RATE_LIMIT_MAX_REQUESTS; // 100000
 * ```
 */
export const RATE_LIMIT_MAX_REQUESTS = 100_000;
/**
 * Largest `X-RateLimit-Reset` / `Retry-After` the OpenAPI allows (`maximum: 3600`), hence the longest window.
 *
 * @example
 * ```ts
 * import { RATE_LIMIT_MAX_WINDOW_SEC } from '@riuso-sociale/siuss-waas';
 * RATE_LIMIT_MAX_WINDOW_SEC; // 3600
 * ```
 */
export const RATE_LIMIT_MAX_WINDOW_SEC = 3600;

/**
 * Settings of the rate limit (`createWaasHandler`'s `rateLimit`; `createRateLimiter`).
 *
 * @example
 * ```ts
 * import type { RateLimitOptions } from '@riuso-sociale/siuss-waas';
 * const o: RateLimitOptions = { requests: 600, windowSec: 60 };
 * ```
 */
export interface RateLimitOptions {
  /** Requests allowed per client and window: integer 1–100 000 (OpenAPI `X-RateLimit-Limit`). */
  readonly requests: number;
  /** Window length in seconds: integer 1–3600 (OpenAPI `X-RateLimit-Reset`, `Retry-After`). */
  readonly windowSec: number;
  /** Most clients remembered at once (default 10 000). */
  readonly maxClients?: number;
}

/**
 * The decision on one request, with the values of the `X-RateLimit-*` headers.
 *
 * @example
 * ```ts
 * import type { RateDecision } from '@riuso-sociale/siuss-waas';
 * const d: RateDecision = { allowed: false, limit: 600, remaining: 0, resetSec: 12 };
 * ```
 */
export interface RateDecision {
  /** Whether the request may go on. */
  readonly allowed: boolean;
  /** `X-RateLimit-Limit`: requests per window. */
  readonly limit: number;
  /** `X-RateLimit-Remaining`: requests left in the current window (0 when refused). */
  readonly remaining: number;
  /** `X-RateLimit-Reset`: whole seconds until the window ends (also `Retry-After` when refused, at least 1). */
  readonly resetSec: number;
}

/**
 * A per-client limiter.
 *
 * @example
 * ```ts
 * import { createRateLimiter } from '@riuso-sociale/siuss-waas';
 * const limiter = createRateLimiter({ requests: 2, windowSec: 60 });
 * limiter.take('client-a', Date.now()).allowed; // true
 * ```
 */
export interface RateLimiter {
  /** Counts one request of `clientId` at `nowMs` (milliseconds since the epoch) and decides. */
  take(clientId: string, nowMs: number): RateDecision;
  /** How many clients are remembered (for tests and metrics). */
  readonly size: number;
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** Checks rate-limit settings; `null` when valid, else a bilingual message. */
function rateLimitOptionsError(options: unknown): string | null {
  if (options === null || typeof options !== 'object') return 'rateLimit deve essere un oggetto { requests, windowSec } o false / rateLimit must be an object { requests, windowSec } or false';
  const o = options as Partial<RateLimitOptions>;
  if (!isIntegerIn(o.requests, 1, RATE_LIMIT_MAX_REQUESTS)) {
    return `rateLimit.requests deve essere un intero da 1 a ${RATE_LIMIT_MAX_REQUESTS} / rateLimit.requests must be an integer from 1 to ${RATE_LIMIT_MAX_REQUESTS}`;
  }
  if (!isIntegerIn(o.windowSec, 1, RATE_LIMIT_MAX_WINDOW_SEC)) {
    return `rateLimit.windowSec deve essere un intero da 1 a ${RATE_LIMIT_MAX_WINDOW_SEC} / rateLimit.windowSec must be an integer from 1 to ${RATE_LIMIT_MAX_WINDOW_SEC}`;
  }
  if (o.maxClients !== undefined && !isIntegerIn(o.maxClients, 1, 10_000_000)) {
    return 'rateLimit.maxClients deve essere un intero positivo / rateLimit.maxClients must be a positive integer';
  }
  return null;
}

interface Window {
  start: number;
  count: number;
}

/**
 * Creates a fixed-window limiter: each client's window opens at its first request and lasts
 * `windowSec`; within it at most `requests` are allowed. Invalid settings throw a `TypeError`.
 *
 * @example
 * ```ts
 * import { createRateLimiter } from '@riuso-sociale/siuss-waas';
 * const limiter = createRateLimiter({ requests: 1, windowSec: 60 });
 * limiter.take('c', 0).allowed; // true
 * limiter.take('c', 1000); // { allowed: false, limit: 1, remaining: 0, resetSec: 59 }
 * ```
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const error = rateLimitOptionsError(options);
  if (error !== null) throw new TypeError(error);
  const { requests, windowSec } = options;
  const windowMs = windowSec * 1000;
  const maxClients = options.maxClients ?? 10_000;
  // Insertion order = least recently seen first (an entry is re-inserted on every request).
  const windows = new Map<string, Window>();
  let lastSweep = Number.NEGATIVE_INFINITY;

  function sweep(nowMs: number): void {
    for (const [id, w] of windows) if (nowMs - w.start >= windowMs) windows.delete(id);
    lastSweep = nowMs;
  }

  return {
    get size() {
      return windows.size;
    },
    take(clientId: string, nowMs: number): RateDecision {
      // Idle clients: forgotten at most once per window (O(clients)); a full map drops its least
      // recently seen client below instead (O(1)).
      if (nowMs - lastSweep >= windowMs || nowMs < lastSweep) sweep(nowMs);
      let w = windows.get(clientId);
      if (w === undefined || nowMs - w.start >= windowMs || nowMs < w.start) w = { start: nowMs, count: 0 };
      windows.delete(clientId);
      while (windows.size >= maxClients) {
        const oldest = windows.keys().next();
        if (oldest.done === true) break;
        windows.delete(oldest.value);
      }
      windows.set(clientId, w);
      const resetSec = Math.min(RATE_LIMIT_MAX_WINDOW_SEC, Math.max(0, Math.ceil((w.start + windowMs - nowMs) / 1000)));
      if (w.count >= requests) return { allowed: false, limit: requests, remaining: 0, resetSec: Math.max(1, resetSec) };
      w.count++;
      return { allowed: true, limit: requests, remaining: requests - w.count, resetSec };
    },
  };
}
