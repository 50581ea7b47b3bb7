// SPDX-License-Identifier: BSD-3-Clause
/**
 * AuditEvent: who did what to which record, when, why, with which outcome. Events are append-only and
 * each Ente's log is a **keyed, numbered, anchored** chain:
 *
 * - **keyed**: `hash` is an HMAC-SHA256 ({@link auditEventHash}) under a secret key of the Ente
 *   ({@link AuditKey}, at least 32 bytes, kept outside the database: a key manager, an HSM, a secret
 *   store), not a bare SHA-256. Anyone who can write the log can also recompute a bare hash chain from
 *   scratch after editing or dropping an event (the chain verifies again and the tampering is gone);
 *   with a key they cannot produce a valid `hash` without the key. `keyId` names the key of each event,
 *   so keys can be rotated and old events still verify (GDPR art. 5(1)(f), 32(1)(b); Garante, Linee guida
 *   sul dossier sanitario 4-6-2015 §9: access logs that cannot be altered).
 * - **numbered**: `seq` is the position in the chain (1, 2, 3…). A gap, a repeat or a swap shows as a
 *   wrong number at once, the first broken number is named in the issue, and a long chain can be
 *   verified in batches ({@link verifyAuditChain} `start`) without re-reading it from the first event.
 * - **anchored**: nothing inside a log shows that its last events are missing — a truncated tail is
 *   still a valid chain. The head ({@link AuditHead}: last `seq` and `hash`) must therefore be
 *   published somewhere the log's writers cannot rewrite (the Ente's protocol register, a WORM store, a
 *   periodic message to the DPO) and passed back as `expectedHead` when verifying: a shorter or longer
 *   log, or one rebuilt from some point on, no longer reaches it.
 *
 * What this does not do: whoever holds the key can still forge a consistent log, and events never
 * appended are not detected. Separate the key from the database and its administrators.
 * @module
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createIssue, fail, ok, type Issue, type Result } from '@riuso-sociale/core';
import { z } from 'zod';
import { actorSchema, instantSchema, type Actor, type Instant } from './base.js';
import { ENTITY_KINDS, idSchema, newId, type EntityKind, type Id } from './ids.js';

/**
 * What was done.
 *
 * @example
 * ```ts
 * import type { AuditAction } from '@riuso-sociale/csi-model';
 * const a: AuditAction = 'break-glass';
 * ```
 */
export type AuditAction = 'create' | 'transition' | 'update' | 'read' | 'export' | 'print' | 'break-glass' | 'access-denied';

/** Every {@link AuditAction}. */
export const AUDIT_ACTIONS: readonly AuditAction[] = ['create', 'transition', 'update', 'read', 'export', 'print', 'break-glass', 'access-denied'];

/**
 * One audit event (before chaining: `seq`, `keyId`, `prevHash` and `hash` are set by {@link appendAudit}).
 *
 * @example
 * ```ts
 * import type { AuditEvent } from '@riuso-sociale/csi-model';
 * type T = AuditEvent['transition']; // { event, from, to } | undefined
 * ```
 */
export interface AuditEvent {
  /** Identifier. */
  readonly id: Id<'audit-event'>;
  /** When. */
  readonly at: Instant;
  /** Who. */
  readonly actor: Actor;
  /** What. */
  readonly action: AuditAction;
  /** On which record. */
  readonly entity: { readonly kind: EntityKind; readonly id: string };
  /** The person the record is about, when there is one. */
  readonly persona?: Id<'persona'>;
  /** For `transition`: the event and the states. */
  readonly transition?: { readonly event: string; readonly from: string | null; readonly to: string };
  /** Why (mandatory for break-glass, closures, entered-in-error). */
  readonly reason?: string;
  /** `success`, or `denied` for a refused access or transition. */
  readonly outcome: 'success' | 'denied';
  /** Belfiore code of the Ente whose log holds the event (`^[A-Z]\d{3}$`), when known. */
  readonly ente?: string;
  /** Position in its chain, from 1 (set by {@link appendAudit}). */
  readonly seq?: number;
  /** Identifier of the {@link AuditKey} that signed it (1–64 characters `A–Z a–z 0–9 . _ : -`). */
  readonly keyId?: string;
  /** `hash` of the previous event of the log (`null` for the first). */
  readonly prevHash?: string | null;
  /** HMAC-SHA256 of this event (lower-case hex) under its key, covering every other field ({@link auditEventHash}). */
  readonly hash?: string;
}

const HEX64 = /^[0-9a-f]{64}$/;
const KEY_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const BELFIORE = /^[A-Z]\d{3}$/;

/**
 * zod schema of an {@link AuditEvent} (strict: unknown keys are refused).
 *
 * @example
 * ```ts
 * import { auditEventSchema } from '@riuso-sociale/csi-model';
 * auditEventSchema.safeParse({}).success; // false
 * ```
 */
export const auditEventSchema: z.ZodType<AuditEvent, unknown> = z.strictObject({
  id: idSchema('audit-event'),
  at: instantSchema,
  actor: actorSchema,
  action: z.enum(AUDIT_ACTIONS as unknown as [AuditAction, ...AuditAction[]], { error: `Azione: una tra ${AUDIT_ACTIONS.join(', ')} / Action: one of ${AUDIT_ACTIONS.join(', ')}` }),
  entity: z.strictObject({ kind: z.enum(ENTITY_KINDS as unknown as [EntityKind, ...EntityKind[]]), id: z.string().min(1) }),
  persona: idSchema('persona').optional(),
  transition: z.strictObject({ event: z.string().min(1), from: z.string().min(1).nullable(), to: z.string().min(1) }).optional(),
  reason: z.string().min(1).max(2000).optional(),
  outcome: z.enum(['success', 'denied'], { error: 'Esito: success o denied / Outcome: success or denied' }),
  ente: z.string().regex(BELFIORE, { error: 'Ente: codice Belfiore (lettera e tre cifre) / Ente: Belfiore code (a letter and three digits)' }).optional(),
  seq: z.int({ error: 'Numero di sequenza: intero da 1 / Sequence number: integer from 1' }).min(1, { error: 'Numero di sequenza: intero da 1 / Sequence number: integer from 1' }).max(Number.MAX_SAFE_INTEGER).optional(),
  keyId: z.string().regex(KEY_ID, { error: 'Identificativo della chiave: 1–64 caratteri A–Z a–z 0–9 . _ : - / Key id: 1–64 characters A–Z a–z 0–9 . _ : -' }).optional(),
  prevHash: z.string().regex(HEX64).nullable().optional(),
  hash: z.string().regex(HEX64).optional(),
}) as unknown as z.ZodType<AuditEvent, unknown>;

/**
 * Builds an audit event (not yet chained).
 *
 * @example
 * ```ts
 * import { auditEvent, newId } from '@riuso-sociale/csi-model';
 * const e = auditEvent({ at: '2025-03-01T09:30:00Z' as never, actor: { operatoreId: newId('operatore'), role: 'assistente-sociale' },
 *   action: 'read', entity: { kind: 'cartella', id: newId('cartella') }, ente: 'F205', outcome: 'success' });
 * ```
 */
export function auditEvent(fields: Omit<AuditEvent, 'id' | 'seq' | 'keyId' | 'prevHash' | 'hash'> & { readonly id?: Id<'audit-event'> }): AuditEvent {
  const { id, ...rest } = fields;
  return { id: id ?? newId('audit-event'), ...rest };
}

/**
 * Shortest secret of an {@link AuditKey}, in bytes (256 bits, the output size of SHA-256: RFC 2104 §3
 * recommends a key at least as long as the hash output).
 *
 * @example
 * ```ts
 * import { AUDIT_KEY_MIN_BYTES } from '@riuso-sociale/csi-model';
 * AUDIT_KEY_MIN_BYTES; // 32
 * ```
 */
export const AUDIT_KEY_MIN_BYTES = 32;

/**
 * A key that signs audit events: its identifier (recorded in each event as `keyId`) and its secret
 * (at least {@link AUDIT_KEY_MIN_BYTES} random bytes, kept outside the database that holds the log).
 *
 * @example
 * ```ts
 * import { randomBytes } from 'node:crypto';
 * import type { AuditKey } from '@riuso-sociale/csi-model';
 * const key: AuditKey = { id: 'F205-2025-1', secret: randomBytes(32) };
 * ```
 */
export interface AuditKey {
  /** Identifier, 1–64 characters `A–Z a–z 0–9 . _ : -` (never the secret or a hash of it). */
  readonly id: string;
  /** The secret, at least 32 bytes. */
  readonly secret: Uint8Array;
}

/**
 * The head of a chain: the `seq` and `hash` of its last event (`{ seq: 0, hash: null }` for an empty
 * chain). Publish it outside the log and pass it back as `expectedHead` to {@link verifyAuditChain}.
 *
 * @example
 * ```ts
 * import type { AuditHead } from '@riuso-sociale/csi-model';
 * const empty: AuditHead = { seq: 0, hash: null };
 * ```
 */
export interface AuditHead {
  /** `seq` of the last event (0: empty chain). */
  readonly seq: number;
  /** `hash` of the last event (`null`: empty chain). */
  readonly hash: string | null;
}

const EMPTY_HEAD: AuditHead = { seq: 0, hash: null };

/**
 * Canonical JSON: object keys sorted by UTF-16 code unit, `undefined` object values skipped, no
 * spaces. Only JSON values are accepted: anything else (a `Date`, a `Map`, `NaN`, `Infinity`, a
 * function, a class instance, `undefined` in an array…) is a `TypeError`, so two different values never
 * hash alike (`JSON.stringify` writes a `Map` as `{}`). Events are validated before they get here.
 */
function canonicalJson(value: unknown, top = false): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('csi-model audit: canonical JSON accepts finite numbers only');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) throw new TypeError('csi-model audit: canonical JSON accepts plain objects only');
    const keys = Object.keys(value)
      .filter((k) => !(top && k === 'hash') && (value as Record<string, unknown>)[k] !== undefined)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  throw new TypeError(`csi-model audit: canonical JSON does not accept a ${typeof value}`);
}

/**
 * The `hash` of an event: HMAC-SHA256 (lower-case hex) under `secret` of the canonical JSON of the
 * event without its `hash` field (keys sorted, `undefined` skipped) — so it covers `seq`, `keyId`,
 * `prevHash` and every other field. Low level: {@link appendAudit} and {@link verifyAuditChain} call it
 * after validating the event.
 *
 * @throws TypeError when the event holds a value that is not JSON (a `Date`, a `Map`, `NaN`…) or
 * `secret` is not a byte array.
 * @example
 * ```ts
 * import { auditEventHash, auditEvent, newId } from '@riuso-sociale/csi-model';
 * const e = auditEvent({ at: '2025-03-01T09:30:00Z' as never, actor: { operatoreId: newId('operatore'), role: 'dpo' },
 *   action: 'read', entity: { kind: 'audit-event', id: newId('audit-event') }, outcome: 'success' });
 * auditEventHash(e, new Uint8Array(32)).length; // 64
 * ```
 */
export function auditEventHash(event: AuditEvent, secret: Uint8Array): string {
  if (!(secret instanceof Uint8Array)) throw new TypeError('csi-model audit: the secret is a Uint8Array');
  return createHmac('sha256', secret).update(canonicalJson(event, true), 'utf8').digest('hex');
}

/**
 * Issue codes of {@link appendAudit}: the event does not pass {@link auditEventSchema}, or the key is
 * not a valid {@link AuditKey}.
 *
 * @example
 * ```ts
 * import type { AuditIssueCode } from '@riuso-sociale/csi-model';
 * const c: AuditIssueCode = 'csi.audit.invalid_key';
 * ```
 */
export type AuditIssueCode = 'csi.audit.invalid_event' | 'csi.audit.invalid_key';

/** Issue code of {@link verifyAuditChain}. */
export type AuditChainIssueCode = 'csi.audit.chain_broken' | 'csi.audit.unknown_key' | 'csi.audit.head_mismatch';

function isKeySecret(secret: unknown): secret is Uint8Array {
  return secret instanceof Uint8Array && secret.byteLength >= AUDIT_KEY_MIN_BYTES;
}

function keyIssues(key: unknown): Issue<AuditIssueCode>[] {
  const out: Issue<AuditIssueCode>[] = [];
  const k = (key ?? {}) as { readonly id?: unknown; readonly secret?: unknown };
  if (typeof k.id !== 'string' || !KEY_ID.test(k.id)) {
    out.push(
      createIssue(
        'csi.audit.invalid_key',
        { it: 'Chiave di audit: identificativo di 1–64 caratteri A–Z a–z 0–9 . _ : -', en: 'Audit key: identifier of 1–64 characters A–Z a–z 0–9 . _ : -' },
        { path: ['key', 'id'] },
      ),
    );
  }
  if (!isKeySecret(k.secret)) {
    out.push(
      createIssue(
        'csi.audit.invalid_key',
        { it: `Chiave di audit: segreto di almeno ${AUDIT_KEY_MIN_BYTES} byte (Uint8Array)`, en: `Audit key: secret of at least ${AUDIT_KEY_MIN_BYTES} bytes (Uint8Array)` },
        { path: ['key', 'secret'], params: { minBytes: AUDIT_KEY_MIN_BYTES } },
      ),
    );
  }
  return out;
}

/**
 * Appends an event to a log (returns a new array; the log is never modified): validates the event with
 * {@link auditEventSchema} (`csi.audit.invalid_event`: the issues name the fields, never their values)
 * and the key (`csi.audit.invalid_key`), then sets `seq` (the last event's `seq` + 1, or 1), `keyId`,
 * `prevHash` (the last event's `hash`, or `null`) and `hash` ({@link auditEventHash} under the key).
 * Values the event already had in those four fields are replaced.
 *
 * @param log - the log so far (one Ente's chain).
 * @param event - the event to append.
 * @param key - the key that signs it.
 * @example
 * ```ts
 * import { createHash } from 'node:crypto';
 * import { appendAudit, auditEvent, newId } from '@riuso-sociale/csi-model';
 * // A demo key only: real keys are random (randomBytes(32)) and kept outside the database.
 * const key = { id: 'demo-1', secret: createHash('sha256').update('chiave dimostrativa').digest() };
 * const actor = { operatoreId: newId('operatore'), role: 'assistente-sociale' } as const;
 * const r = appendAudit([], auditEvent({ at: '2025-03-01T09:30:00Z' as never, actor, action: 'read', entity: { kind: 'cartella', id: newId('cartella') }, outcome: 'success' }), key);
 * if (r.ok) r.value[0]?.seq; // 1
 * ```
 */
export function appendAudit(log: readonly AuditEvent[], event: AuditEvent, key: AuditKey): Result<readonly AuditEvent[], AuditIssueCode> {
  const issues: Issue<AuditIssueCode>[] = keyIssues(key);
  const parsed = auditEventSchema.safeParse(event);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const path = i.path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number');
      const field = path.length === 0 ? '(evento)' : path.join('.');
      issues.push(
        createIssue(
          'csi.audit.invalid_event',
          { it: `Evento di audit non valido: campo ${field}`, en: `Invalid audit event: field ${path.length === 0 ? '(event)' : field}` },
          { path, params: { field } },
        ),
      );
    }
  }
  const [first, ...rest] = issues;
  if (first !== undefined) return fail([first, ...rest]);
  const last = log.length === 0 ? undefined : log[log.length - 1];
  const { hash: _hash, ...fields } = event;
  const chained: AuditEvent = { ...fields, seq: (last?.seq ?? 0) + 1, keyId: key.id, prevHash: last?.hash ?? null };
  return ok([...log, { ...chained, hash: auditEventHash(chained, key.secret) }]);
}

/**
 * Options of {@link verifyAuditChain}.
 *
 * @example
 * ```ts
 * import type { VerifyAuditChainOptions } from '@riuso-sociale/csi-model';
 * const o: VerifyAuditChainOptions = { keys: new Map([['F205-2025-1', new Uint8Array(32)]]), expectedHead: { seq: 0, hash: null } };
 * ```
 */
export interface VerifyAuditChainOptions {
  /** The secrets by key id (a map, or a lookup function returning `undefined` for an unknown id). */
  readonly keys: ReadonlyMap<string, Uint8Array> | ((keyId: string) => Uint8Array | undefined);
  /** Where `log` starts: the head verified so far (default `{ seq: 0, hash: null }`, the chain's beginning). */
  readonly start?: AuditHead;
  /** The head published outside the log: the last `seq` and `hash` must equal it (a truncated or extended log fails). */
  readonly expectedHead?: AuditHead;
}

function isHead(h: unknown): h is AuditHead {
  if (h === null || typeof h !== 'object') return false;
  const { seq, hash } = h as { seq?: unknown; hash?: unknown };
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) return false;
  return seq === 0 ? hash === null : typeof hash === 'string' && HEX64.test(hash);
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function broken(code: AuditChainIssueCode, seq: number, index: number, text: { it: string; en: string }, params: Record<string, string | number> = {}): Result<never, AuditChainIssueCode> {
  return fail([createIssue(code, text, { path: [index], params: { seq, index, ...params } })]);
}

/**
 * Verifies a chain (or a batch of it, from `start`) and returns the head it reaches. Detects an edited
 * event (its HMAC no longer matches), an inserted, deleted or reordered event (`seq` must run
 * `start.seq + 1, + 2…` without gaps and `prevHash` must be the previous `hash`, the first one
 * `start.hash`), a chain recomputed under another key (HMAC mismatch), an event whose key is not known
 * (`csi.audit.unknown_key`), and — with `expectedHead` — a truncated tail or extra events
 * (`csi.audit.head_mismatch`). The issue names the first broken sequence number (`params.seq`) and its
 * index in `log` (`params.index`, also the `path`). Every event is checked against
 * {@link auditEventSchema} first (an invalid one breaks the chain).
 *
 * @param log - the events, oldest first.
 * @param options - the keys, and optionally `start` and `expectedHead`.
 * @example
 * ```ts
 * import { verifyAuditChain } from '@riuso-sociale/csi-model';
 * const r = verifyAuditChain([], { keys: new Map() });
 * r.ok && r.value; // { seq: 0, hash: null }
 * ```
 */
export function verifyAuditChain(log: readonly AuditEvent[], options: VerifyAuditChainOptions): Result<AuditHead, AuditChainIssueCode> {
  const start = options?.start ?? EMPTY_HEAD;
  if (!isHead(start)) {
    return broken('csi.audit.chain_broken', 1, 0, { it: 'Registro di audit: punto di partenza non valido', en: 'Audit log: invalid starting point' });
  }
  const keys = options?.keys;
  const secretOf = (keyId: string): Uint8Array | undefined =>
    typeof keys === 'function' ? keys(keyId) : keys instanceof Map ? (keys as ReadonlyMap<string, Uint8Array>).get(keyId) : undefined;
  let prev: string | null = start.hash;
  let seq = start.seq;
  for (let i = 0; i < log.length; i++) {
    const expected = seq + 1;
    const e = log[i];
    const tampered = { it: `Registro di audit alterato all'evento n. ${expected}`, en: `Audit log tampered with at event no. ${expected}` };
    if (!auditEventSchema.safeParse(e).success) return broken('csi.audit.chain_broken', expected, i, tampered);
    const event = e as AuditEvent;
    if (event.seq !== expected || (event.prevHash ?? null) !== prev || event.hash === undefined) return broken('csi.audit.chain_broken', expected, i, tampered);
    if (event.keyId === undefined) return broken('csi.audit.unknown_key', expected, i, { it: `Evento n. ${expected} senza chiave di firma`, en: `Event no. ${expected} has no signing key` });
    const secret = secretOf(event.keyId);
    if (!isKeySecret(secret)) {
      return broken(
        'csi.audit.unknown_key',
        expected,
        i,
        { it: `Evento n. ${expected}: chiave «${event.keyId}» sconosciuta`, en: `Event no. ${expected}: unknown key "${event.keyId}"` },
        { keyId: event.keyId },
      );
    }
    if (!sameHash(event.hash, auditEventHash(event, secret))) return broken('csi.audit.chain_broken', expected, i, tampered);
    prev = event.hash;
    seq = expected;
  }
  const reached: AuditHead = { seq, hash: prev };
  const want = options?.expectedHead;
  if (want !== undefined) {
    const match = isHead(want) && want.seq === reached.seq && (want.hash === null ? reached.hash === null : reached.hash !== null && sameHash(want.hash, reached.hash));
    if (!match) {
      const wantSeq = isHead(want) ? want.seq : Number.NaN;
      // The first sequence number that differs from the published head.
      let first: number;
      if (Number.isNaN(wantSeq) || reached.seq < wantSeq) first = reached.seq + 1; // a truncated tail (or an unreadable head)
      else if (reached.seq > wantSeq) first = wantSeq + 1; // extra events
      else first = reached.seq; // as long, but its last event is another one
      const index = Math.max(0, Math.min(log.length, first - start.seq - 1));
      return broken(
        'csi.audit.head_mismatch',
        first,
        index,
        {
          it: `Registro di audit: l'ultimo evento (n. ${reached.seq}) non corrisponde alla testa pubblicata${Number.isNaN(wantSeq) ? '' : ` (n. ${wantSeq})`}: eventi mancanti, aggiunti o riscritti`,
          en: `Audit log: the last event (no. ${reached.seq}) does not match the published head${Number.isNaN(wantSeq) ? '' : ` (no. ${wantSeq})`}: events missing, added or rewritten`,
        },
        { reached: reached.seq, ...(Number.isNaN(wantSeq) ? {} : { expected: wantSeq }) },
      );
    }
  }
  return ok(reached);
}
