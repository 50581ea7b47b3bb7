// SPDX-License-Identifier: BSD-3-Clause
/**
 * A small in-memory {@link WaasSource} for the handler's unit tests: a correct implementation of the
 * contract (types.ts) with the flows in an array and esiti recorded idempotently, plus a switch that
 * makes every call answer `store.unavailable` (→ 503); and a VoucherVerifier stub (end of file).
 */
import { createIssue, fail, ok, type Result } from '@riuso-sociale/core';
import type { VoucherCheck, VoucherVerifier, WaasCaller, WaasEsitoOutcome, WaasEsitoRecord, WaasFlow, WaasSource } from '../../src/types.js';

const UNAVAILABLE = { it: 'Archivio non disponibile', en: 'Store unavailable' };

/** One call the source received (for assertions). */
export type MemoryCall =
  | { readonly method: 'listFlows'; readonly since: number; readonly limit: number; readonly caller: WaasCaller }
  | { readonly method: 'recordEsiti'; readonly count: number; readonly caller: WaasCaller }
  | { readonly method: 'ping' };

/**
 * The in-memory source.
 *
 * @example
 * ```ts
 * const source = new MemorySource();
 * source.publish({ idFlusso: 'A944.PS.20250603.0000001', tsFlusso: 1, tipo: 'PS_PSA_SINA', xml: '<Flusso/>' });
 * ```
 */
export class MemorySource implements WaasSource {
  /** The published flows, in publication order (strictly increasing tsFlusso). */
  readonly flows: WaasFlow[] = [];
  /** The recorded esiti, by id_flusso (one final esito per flow). */
  readonly esiti = new Map<string, WaasEsitoRecord>();
  /** Every call, in order. */
  readonly calls: MemoryCall[] = [];
  /** When true, every call fails with `store.unavailable`. */
  unavailable = false;

  /**
   * Publishes a flow. Refuses (throws) a `tsFlusso` not strictly greater than every one already
   * published: a tie would let INPS's strictly-greater cursor skip a flow at a page break
   * (waas-pdnd.md §3.4), so a correct source never exposes one.
   */
  publish(flow: WaasFlow): void {
    const last = this.flows.at(-1);
    if (last !== undefined && flow.tsFlusso <= last.tsFlusso) {
      throw new RangeError(`tsFlusso ${flow.tsFlusso} is not after the last published ${last.tsFlusso} (waas-pdnd.md §3.4)`);
    }
    this.flows.push(flow);
  }

  async listFlows(query: { readonly since: number; readonly limit: number }, caller: WaasCaller): Promise<Result<readonly WaasFlow[]>> {
    this.calls.push({ method: 'listFlows', since: query.since, limit: query.limit, caller });
    if (this.unavailable) return fail([createIssue('store.unavailable', UNAVAILABLE)]);
    return ok(this.flows.filter((f) => f.tsFlusso > query.since).slice(0, query.limit));
  }

  async recordEsiti(esiti: readonly WaasEsitoRecord[], caller: WaasCaller): Promise<Result<readonly WaasEsitoOutcome[]>> {
    this.calls.push({ method: 'recordEsiti', count: esiti.length, caller });
    if (this.unavailable) return fail([createIssue('store.unavailable', UNAVAILABLE)]);
    // All or nothing: decide every outcome on a copy, then commit.
    const next = new Map(this.esiti);
    const outcomes = esiti.map((e): WaasEsitoOutcome => {
      const flow = this.flows.find((f) => f.idFlusso === e.idFlusso);
      if (flow === undefined) return 'unknown-flow';
      if (flow.tsFlusso !== e.tsFlusso || flow.tipo !== e.tipo) return 'mismatch';
      const previous = next.get(e.idFlusso);
      if (previous === undefined) {
        next.set(e.idFlusso, e);
        return 'recorded';
      }
      const same = previous.tsAcquisizione === e.tsAcquisizione && previous.codice === e.codice && previous.idAcquisizione === e.idAcquisizione;
      return same ? 'duplicate' : 'already-final';
    });
    this.esiti.clear();
    for (const [k, v] of next) this.esiti.set(k, v);
    return ok(outcomes);
  }

  async ping(): Promise<Result<true>> {
    this.calls.push({ method: 'ping' });
    if (this.unavailable) return fail([createIssue('store.unavailable', UNAVAILABLE)]);
    return ok(true);
  }
}

// ---------------------------------------------------------------------------------------------
// The other collaborator of the handler's tests: a VoucherVerifier stub (the real verifier has its
// own tests). It accepts one fixed token, refuses a second one with 403 and anything else with 401.

/** The one token the stub accepts (random per run, so a log line containing it is a leak). */
export const TEST_TOKEN = `test-token-${globalThis.crypto.randomUUID()}`;
/** A token of a valid voucher from a client that is not allowed (→ 403). */
export const FORBIDDEN_TOKEN = `forbidden-token-${globalThis.crypto.randomUUID()}`;
/** The caller the stub reports for {@link TEST_TOKEN}. */
export const TEST_CALLER: WaasCaller = { clientId: 'client-inps', purposeId: 'purpose-waas', jti: 'jti-0001' };

/**
 * A VoucherVerifier stub: `Bearer TEST_TOKEN` → ok (TEST_CALLER), `Bearer FORBIDDEN_TOKEN` → 403,
 * anything else → 401 (reason `bad-token` or `missing`). `clientId` overrides the caller's client.
 */
export function stubVoucher(options: { clientId?: string } = {}): VoucherVerifier & { readonly seen: (string | null)[] } {
  const seen: (string | null)[] = [];
  return {
    seen,
    async verify(authorization: string | null): Promise<VoucherCheck> {
      seen.push(authorization);
      const now = Math.floor(Date.now() / 1000);
      if (authorization === `Bearer ${TEST_TOKEN}`) {
        return { ok: true, claims: { ...TEST_CALLER, clientId: options.clientId ?? TEST_CALLER.clientId, iat: now, exp: now + 600 } };
      }
      if (authorization === `Bearer ${FORBIDDEN_TOKEN}`) {
        return { ok: false, status: 403, reason: 'client-not-allowed', claims: { clientId: 'client-other', purposeId: 'purpose-other', jti: 'jti-other' } };
      }
      return { ok: false, status: 401, reason: authorization === null ? 'missing' : 'bad-token' };
    },
  };
}
