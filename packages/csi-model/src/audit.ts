// SPDX-License-Identifier: BSD-3-Clause
/**
 * AuditEvent: who did what to which record, when, why, with which outcome. Events are append-only; an
 * audit log chains them with SHA-256 (`prevHash` → `hash`) so that removing or editing an event is
 * detected by {@link verifyAuditChain}.
 * @module
 */
import { createHash } from 'node:crypto';
import { createIssue, fail, ok, type Result } from '@riuso-sociale/core';
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
 * One audit event (before chaining: `prevHash` and `hash` are set by {@link appendAudit}).
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
  /** Hash of the previous event of the log (`null` for the first). */
  readonly prevHash?: string | null;
  /** SHA-256 of this event (hex), including `prevHash`. */
  readonly hash?: string;
}

/**
 * zod schema of an {@link AuditEvent}.
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
  prevHash: z.string().regex(/^[0-9a-f]{64}$/).nullable().optional(),
  hash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
}) as unknown as z.ZodType<AuditEvent, unknown>;

/**
 * Builds an audit event (not yet chained).
 *
 * @example
 * ```ts
 * import { auditEvent, newId } from '@riuso-sociale/csi-model';
 * const e = auditEvent({ at: '2025-03-01T09:30:00Z' as never, actor: { operatoreId: newId('operatore'), role: 'assistente-sociale' },
 *   action: 'read', entity: { kind: 'cartella', id: newId('cartella') }, outcome: 'success' });
 * ```
 */
export function auditEvent(fields: Omit<AuditEvent, 'id' | 'prevHash' | 'hash'> & { readonly id?: Id<'audit-event'> }): AuditEvent {
  const { id, ...rest } = fields;
  return { id: id ?? newId('audit-event'), ...rest };
}

/** Canonical JSON (keys sorted) of an event without its `hash`. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([k, v]) => k !== 'hash' && v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

function hashOf(event: AuditEvent): string {
  return createHash('sha256').update(canonical(event)).digest('hex');
}

/**
 * Appends an event to a log (returns a new array; the log is never modified): sets `prevHash` to the
 * hash of the last event and `hash` to the SHA-256 of the event.
 *
 * @example
 * ```ts
 * import { appendAudit, auditEvent, newId } from '@riuso-sociale/csi-model';
 * const actor = { operatoreId: newId('operatore'), role: 'assistente-sociale' } as const;
 * const log = appendAudit([], auditEvent({ at: '2025-03-01T09:30:00Z' as never, actor, action: 'read', entity: { kind: 'cartella', id: newId('cartella') }, outcome: 'success' }));
 * log[0]?.hash?.length; // 64
 * ```
 */
export function appendAudit(log: readonly AuditEvent[], event: AuditEvent): readonly AuditEvent[] {
  const prevHash = log.length === 0 ? null : (log[log.length - 1]?.hash ?? null);
  const chained: AuditEvent = { ...event, prevHash };
  return [...log, { ...chained, hash: hashOf(chained) }];
}

/** Issue code of {@link verifyAuditChain}. */
export type AuditChainIssueCode = 'csi.audit.chain_broken';

/**
 * Checks that every event's hash matches its content and links to the previous one.
 *
 * @example
 * ```ts
 * import { verifyAuditChain } from '@riuso-sociale/csi-model';
 * verifyAuditChain([]).ok; // true
 * ```
 */
export function verifyAuditChain(log: readonly AuditEvent[]): Result<true, AuditChainIssueCode> {
  let prev: string | null = null;
  for (let i = 0; i < log.length; i++) {
    const e = log[i] as AuditEvent;
    if ((e.prevHash ?? null) !== prev || e.hash !== hashOf(e)) {
      return fail([
        createIssue(
          'csi.audit.chain_broken',
          { it: `Registro di audit alterato all'evento ${i + 1}`, en: `Audit log tampered with at event ${i + 1}` },
          { path: [i], params: { index: i } },
        ),
      ]);
    }
    prev = e.hash ?? null;
  }
  return ok(true);
}
