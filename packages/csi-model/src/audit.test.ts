// SPDX-License-Identifier: BSD-3-Clause
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  appendAudit,
  AUDIT_ACTIONS,
  AUDIT_KEY_MIN_BYTES,
  auditEvent,
  auditEventHash,
  auditEventSchema,
  verifyAuditChain,
  type AuditEvent,
  type AuditHead,
  type AuditKey,
} from './audit.js';
import type { Actor, Instant } from './base.js';
import { newId } from './ids.js';

const KEY: AuditKey = { id: 'F205-2025-1', secret: createHash('sha256').update('audit test key A').digest() };
const OTHER: AuditKey = { id: 'F205-2025-1', secret: createHash('sha256').update('audit test key B (the attacker)').digest() };
const KEYS = new Map([[KEY.id, KEY.secret]]);
const actor: Actor = { operatoreId: '00000000-0000-4000-8000-000000000016' as Actor['operatoreId'], role: 'assistente-sociale' };

/** An unchained event; `n` varies the content. */
function event(n: number, extra: Partial<AuditEvent> = {}): AuditEvent {
  const at = new Date(Date.UTC(2025, 2, 1, 9, 0, n % 60, n % 1000)).toISOString() as Instant;
  return auditEvent({
    id: `00000000-0000-4000-8000-${(n + 1).toString(16).padStart(12, '0')}` as AuditEvent['id'],
    at,
    actor,
    action: AUDIT_ACTIONS[n % AUDIT_ACTIONS.length] ?? 'read',
    entity: { kind: 'cartella', id: `00000000-0000-4000-8000-${(n + 100).toString(16).padStart(12, '0')}` },
    ente: 'F205',
    outcome: n % 3 === 0 ? 'denied' : 'success',
    ...(n % 2 === 0 ? { reason: `motivo ${n}` } : {}),
    ...extra,
  });
}

function chain(events: readonly AuditEvent[], key: AuditKey = KEY, from: readonly AuditEvent[] = []): readonly AuditEvent[] {
  let log = from;
  for (const e of events) {
    const r = appendAudit(log, e, key);
    if (!r.ok) throw new Error(r.issues.map((i) => `${i.code} ${i.path.join('.')}`).join('; '));
    log = r.value;
  }
  return log;
}

const headOf = (log: readonly AuditEvent[]): AuditHead => (log.length === 0 ? { seq: 0, hash: null } : { seq: log[log.length - 1]!.seq!, hash: log[log.length - 1]!.hash! });

function issueOf(r: ReturnType<typeof verifyAuditChain>): { code: string; seq: unknown; index: unknown } | null {
  return r.ok ? null : { code: r.issues[0].code, seq: r.issues[0].params.seq, index: r.issues[0].params.index };
}

/** A random chain of 1–12 events. */
const arbChain = fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: 10_000 }))).map(([n, seed]) => chain(Array.from({ length: n }, (_, i) => event(seed + i))));

describe('appendAudit', () => {
  it('numbers, links and signs each event; returns a new array', () => {
    const empty: readonly AuditEvent[] = [];
    const r = appendAudit(empty, event(1), KEY);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(empty).toHaveLength(0);
    const [first] = r.value;
    expect(first).toMatchObject({ seq: 1, keyId: KEY.id, prevHash: null, ente: 'F205' });
    expect(first?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(first?.hash).toBe(auditEventHash(first!, KEY.secret));
    const two = appendAudit(r.value, event(2), KEY);
    expect(two.ok && two.value[1]).toMatchObject({ seq: 2, prevHash: first?.hash });
    expect(two.ok && auditEventSchema.safeParse(two.value[1]).success).toBe(true);
  });

  it('replaces chain fields the event already had', () => {
    const r = appendAudit([], { ...event(1), seq: 99, keyId: 'forged', prevHash: 'a'.repeat(64), hash: 'b'.repeat(64) }, KEY);
    expect(r.ok && r.value[0]).toMatchObject({ seq: 1, keyId: KEY.id, prevHash: null });
    expect(r.ok && verifyAuditChain(r.value, { keys: KEYS }).ok).toBe(true);
  });

  it('refuses an event that fails the schema, naming the fields and never the values', () => {
    const secretReason = 'Diagnosi: disturbo bipolare — RSSMRA80A01H501U';
    const bad = { ...event(1), reason: secretReason, at: '2025-02-30T10:00:00Z', extra: 'x' } as unknown as AuditEvent;
    const r = appendAudit([], bad, KEY);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.every((i) => i.code === 'csi.audit.invalid_event')).toBe(true);
    expect(r.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['at']));
    const text = JSON.stringify(r.issues);
    expect(text).not.toContain('RSSMRA');
    expect(text).not.toContain('bipolare');
    expect(text).not.toContain('2025-02-30');
    expect(r.issues[0].message).toMatch(/campo/);
    expect(r.issues[0].messageEn).toMatch(/field/);
  });

  it('refuses a Date in a field (the schema wants an instant string), and canonical JSON throws on a Date', () => {
    const withDate = { ...event(1), at: new Date('2025-03-01T09:00:00Z') } as unknown as AuditEvent;
    const r = appendAudit([], withDate, KEY);
    expect(!r.ok && [r.issues[0].code, r.issues[0].path]).toEqual(['csi.audit.invalid_event', ['at']]);
    // Below the schema, the hash itself refuses non-JSON values instead of hashing a Date as {}.
    expect(() => auditEventHash(withDate, KEY.secret)).toThrow(TypeError);
    for (const v of [new Map([['a', 1]]), Number.NaN, Number.POSITIVE_INFINITY, () => 1, 10n, Symbol('s'), new (class X {})()]) {
      expect(() => auditEventHash({ ...event(1), reason: v } as unknown as AuditEvent, KEY.secret)).toThrow(TypeError);
    }
    expect(() => auditEventHash({ ...event(1), transition: [undefined] } as unknown as AuditEvent, KEY.secret)).toThrow(TypeError);
    // `undefined` values of objects are skipped, as if absent.
    expect(auditEventHash({ ...event(1), reason: undefined, persona: undefined } as unknown as AuditEvent, KEY.secret)).toBe(auditEventHash(event(1), KEY.secret));
  });

  it('refuses a key without id, with a bad id, or with a secret shorter than 32 bytes', () => {
    for (const key of [
      { id: '', secret: KEY.secret },
      { id: 'con spazio', secret: KEY.secret },
      { id: 'x'.repeat(65), secret: KEY.secret },
      { id: 'ok', secret: new Uint8Array(AUDIT_KEY_MIN_BYTES - 1) },
      { id: 'ok', secret: 'a'.repeat(64) },
      null,
    ]) {
      const r = appendAudit([], event(1), key as unknown as AuditKey);
      expect(!r.ok && r.issues[0].code, JSON.stringify(key)).toBe('csi.audit.invalid_key');
      expect(!r.ok && JSON.stringify(r.issues)).not.toContain('a'.repeat(64));
    }
    expect(appendAudit([], event(1), { id: 'k.1:a_b-c', secret: new Uint8Array(AUDIT_KEY_MIN_BYTES) }).ok).toBe(true);
  });

  it('the schema accepts ente, seq and keyId, and refuses malformed ones', () => {
    const [e] = chain([event(1)]);
    expect(auditEventSchema.safeParse(e).success).toBe(true);
    for (const bad of [{ ente: 'f205' }, { ente: 'F20' }, { seq: 0 }, { seq: 1.5 }, { keyId: '' }, { keyId: 'a/b' }, { hash: 'ABC' }]) {
      expect(auditEventSchema.safeParse({ ...e, ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('verifyAuditChain', () => {
  it('an untouched chain verifies and returns its head; in batches with start, to the same head', () => {
    fc.assert(
      fc.property(arbChain, fc.nat(), (log, cut) => {
        const head = headOf(log);
        const r = verifyAuditChain(log, { keys: KEYS, expectedHead: head });
        expect(r.ok && r.value).toEqual(head);
        // The lookup may be a function too.
        expect(verifyAuditChain(log, { keys: (id) => KEYS.get(id) }).ok).toBe(true);
        const m = cut % (log.length + 1);
        const first = verifyAuditChain(log.slice(0, m), { keys: KEYS });
        expect(first.ok).toBe(true);
        if (!first.ok) return;
        const second = verifyAuditChain(log.slice(m), { keys: KEYS, start: first.value, expectedHead: head });
        expect(second.ok && second.value).toEqual(head);
      }),
      { numRuns: 200 },
    );
  });

  it('property: any single edit of an event is detected at its sequence number', () => {
    const edits: ((e: AuditEvent) => AuditEvent)[] = [
      (e) => ({ ...e, action: e.action === 'read' ? 'export' : 'read' }),
      (e) => ({ ...e, reason: `${e.reason ?? ''}modificato` }),
      (e) => ({ ...e, outcome: e.outcome === 'success' ? 'denied' : 'success' }),
      (e) => ({ ...e, at: '2030-01-01T00:00:00Z' as Instant }),
      (e) => ({ ...e, ente: 'H501' }),
      (e) => ({ ...e, actor: { ...e.actor, role: 'dpo' } }),
      (e) => { const { reason: _, ...rest } = e; return rest as AuditEvent; },
      (e) => ({ ...e, keyId: 'F205-2025-2' }),
    ];
    fc.assert(
      fc.property(arbChain, fc.nat(), fc.constantFrom(...edits), (log, at, edit) => {
        const i = at % log.length;
        const tampered = log.map((e, j) => (j === i ? edit(e) : e));
        fc.pre(JSON.stringify(tampered[i]) !== JSON.stringify(log[i]));
        const issue = issueOf(verifyAuditChain(tampered, { keys: KEYS, expectedHead: headOf(log) }));
        expect(issue?.seq).toBe(i + 1);
        expect(issue?.index).toBe(i);
        expect(['csi.audit.chain_broken', 'csi.audit.unknown_key']).toContain(issue?.code);
      }),
      { numRuns: 300 },
    );
  });

  it('property: any single deletion is detected (a deleted last event against the published head)', () => {
    fc.assert(
      fc.property(arbChain, fc.nat(), (log, at) => {
        const i = at % log.length;
        const cut = [...log.slice(0, i), ...log.slice(i + 1)];
        const r = verifyAuditChain(cut, { keys: KEYS, expectedHead: headOf(log) });
        const issue = issueOf(r);
        expect(issue?.seq).toBe(i + 1);
        expect(issue?.code).toBe(i === log.length - 1 ? 'csi.audit.head_mismatch' : 'csi.audit.chain_broken');
      }),
      { numRuns: 200 },
    );
  });

  it('property: any single insertion (a copy, or an event forged without the key) is detected', () => {
    fc.assert(
      fc.property(arbChain, fc.nat(), fc.nat(), fc.boolean(), (log, at, from, forge) => {
        const i = at % (log.length + 1);
        const copy = log[from % log.length]!;
        const inserted: AuditEvent = forge
          ? (() => {
              // The attacker links the event correctly and signs it with their own secret under the real key id.
              const prev = i === 0 ? null : log[i - 1]!.hash!;
              const e: AuditEvent = { ...event(9999), seq: i + 1, keyId: KEY.id, prevHash: prev };
              return { ...e, hash: auditEventHash(e, OTHER.secret) };
            })()
          : copy;
        const withExtra = [...log.slice(0, i), inserted, ...log.slice(i)];
        const issue = issueOf(verifyAuditChain(withExtra, { keys: KEYS, expectedHead: headOf(log) }));
        expect(issue).not.toBeNull();
        // A copy of the very event it precedes is a valid event n. i + 1: the chain breaks at the next one.
        expect(issue?.seq).toBe(!forge && copy === log[i] ? i + 2 : i + 1);
      }),
      { numRuns: 200 },
    );
  });

  it('property: any swap of two events is detected at the first of them', () => {
    fc.assert(
      fc.property(arbChain.filter((l) => l.length >= 2), fc.nat(), fc.nat(), (log, a, b) => {
        const i = a % log.length;
        const j = b % log.length;
        fc.pre(i !== j);
        const swapped = [...log];
        [swapped[i], swapped[j]] = [swapped[j]!, swapped[i]!];
        const issue = issueOf(verifyAuditChain(swapped, { keys: KEYS }));
        expect(issue?.code).toBe('csi.audit.chain_broken');
        expect(issue?.seq).toBe(Math.min(i, j) + 1);
      }),
      { numRuns: 200 },
    );
  });

  it('property: a truncated tail is detected against the published head (and only with it)', () => {
    fc.assert(
      fc.property(arbChain, fc.nat(), (log, at) => {
        const keep = at % log.length; // 0 … n-1 events kept
        const truncated = log.slice(0, keep);
        expect(verifyAuditChain(truncated, { keys: KEYS }).ok).toBe(true); // without an anchor, nothing shows
        const r = verifyAuditChain(truncated, { keys: KEYS, expectedHead: headOf(log) });
        expect(issueOf(r)).toEqual({ code: 'csi.audit.head_mismatch', seq: keep + 1, index: keep });
        expect(!r.ok && r.issues[0].params).toMatchObject({ reached: keep, expected: log.length });
      }),
      { numRuns: 200 },
    );
  });

  it('property: extra events after the published head are detected', () => {
    fc.assert(
      fc.property(arbChain, fc.integer({ min: 1, max: 3 }), (log, extra) => {
        const longer = chain(Array.from({ length: extra }, (_, k) => event(5000 + k)), KEY, log);
        const issue = issueOf(verifyAuditChain(longer, { keys: KEYS, expectedHead: headOf(log) }));
        expect(issue).toEqual({ code: 'csi.audit.head_mismatch', seq: log.length + 1, index: log.length });
      }),
      { numRuns: 100 },
    );
  });

  it('property: a chain recomputed from scratch with another secret is detected at the first event', () => {
    fc.assert(
      fc.property(arbChain, fc.nat(), fc.boolean(), (log, at, edit) => {
        // The attacker edits (or not) one event and re-chains everything, without the real secret.
        const i = at % log.length;
        const plain = log.map(({ seq: _s, keyId: _k, prevHash: _p, hash: _h, ...e }, j) => (edit && j === i ? { ...e, reason: 'riscritto' } : e) as AuditEvent);
        const forged = chain(plain, OTHER);
        const issue = issueOf(verifyAuditChain(forged, { keys: KEYS, expectedHead: headOf(log) }));
        expect(issue).toEqual({ code: 'csi.audit.chain_broken', seq: 1, index: 0 });
      }),
      { numRuns: 100 },
    );
  });

  it('a dropped break-glass event with the rest re-appended: without the key the HMAC fails; with it, the head does', () => {
    const events = [event(1), event(2, { action: 'break-glass', reason: 'Pronto intervento notturno' }), event(3), event(4)];
    const log = chain(events);
    const head = headOf(log);
    const strip = (e: AuditEvent): AuditEvent => { const { seq: _s, keyId: _k, prevHash: _p, hash: _h, ...rest } = e; return rest as AuditEvent; };
    const rest = log.filter((e) => e.action !== 'break-glass').slice(1).map(strip);
    // An insider without the key re-appends with a secret of their own.
    const forged = chain(rest, OTHER, log.slice(0, 1));
    expect(issueOf(verifyAuditChain(forged, { keys: KEYS, expectedHead: head }))).toEqual({ code: 'csi.audit.chain_broken', seq: 2, index: 1 });
    // Even with the real key the chain is one event short of the published head.
    const rebuilt = chain(rest, KEY, log.slice(0, 1));
    expect(verifyAuditChain(rebuilt, { keys: KEYS }).ok).toBe(true);
    const r = verifyAuditChain(rebuilt, { keys: KEYS, expectedHead: head });
    expect(issueOf(r)).toEqual({ code: 'csi.audit.head_mismatch', seq: 4, index: 3 });
  });

  it('an event whose key is unknown (or too short) is csi.audit.unknown_key, naming its seq', () => {
    const log = chain([event(1), event(2)]);
    const other = chain([event(3)], { id: 'F205-2024-9', secret: KEY.secret }, log);
    const r = verifyAuditChain(other, { keys: KEYS });
    expect(issueOf(r)).toEqual({ code: 'csi.audit.unknown_key', seq: 3, index: 2 });
    expect(!r.ok && r.issues[0].params.keyId).toBe('F205-2024-9');
    expect(issueOf(verifyAuditChain(log, { keys: new Map([[KEY.id, new Uint8Array(16)]]) }))?.code).toBe('csi.audit.unknown_key');
    expect(issueOf(verifyAuditChain(log, { keys: () => undefined }))?.code).toBe('csi.audit.unknown_key');
    // Rotation: each event verifies with its own key.
    const k2: AuditKey = { id: 'F205-2026-1', secret: createHash('sha256').update('rotated').digest() };
    const rotated = chain([event(4)], k2, log);
    expect(verifyAuditChain(rotated, { keys: new Map([[KEY.id, KEY.secret], [k2.id, k2.secret]]) }).ok).toBe(true);
  });

  it('an event that fails the schema, a bad start or a malformed expected head break the verification without throwing', () => {
    const log = chain([event(1), event(2)]);
    const withDate = [log[0]!, { ...log[1]!, at: new Date() } as unknown as AuditEvent];
    expect(issueOf(verifyAuditChain(withDate, { keys: KEYS }))).toEqual({ code: 'csi.audit.chain_broken', seq: 2, index: 1 });
    expect(issueOf(verifyAuditChain(log, { keys: KEYS, start: { seq: -1, hash: null } }))?.code).toBe('csi.audit.chain_broken');
    expect(issueOf(verifyAuditChain(log, { keys: KEYS, start: { seq: 1, hash: log[0]!.hash! } }))).toEqual({ code: 'csi.audit.chain_broken', seq: 2, index: 0 });
    expect(issueOf(verifyAuditChain(log, { keys: KEYS, expectedHead: { seq: 2, hash: 'nope' } }))?.code).toBe('csi.audit.head_mismatch');
    expect(issueOf(verifyAuditChain(log, { keys: KEYS, expectedHead: { seq: 2, hash: log[0]!.hash! } }))).toEqual({ code: 'csi.audit.head_mismatch', seq: 2, index: 1 });
    expect(verifyAuditChain([], { keys: KEYS, expectedHead: { seq: 0, hash: null } }).ok).toBe(true);
    expect(issueOf(verifyAuditChain([], { keys: KEYS, expectedHead: headOf(log) }))).toEqual({ code: 'csi.audit.head_mismatch', seq: 1, index: 0 });
  });

  it('messages are bilingual and name sequence numbers, never event content', () => {
    const log = chain([event(1), event(2, { reason: 'Segnalazione del Tribunale per i minorenni' })]);
    const r = verifyAuditChain([log[0]!, { ...log[1]!, reason: 'Segnalazione del Tribunale per i minorenni (modificata)' }], { keys: KEYS });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0].message).toBe("Registro di audit alterato all'evento n. 2");
    expect(r.issues[0].messageEn).toBe('Audit log tampered with at event no. 2');
    expect(JSON.stringify(r.issues)).not.toContain('Tribunale');
  });

  it('a demo-key chain of canAccess-like events verifies (smoke test with random ids)', () => {
    const log = chain([auditEvent({ at: '2025-03-01T09:30:00Z' as Instant, actor, action: 'read', entity: { kind: 'cartella', id: newId('cartella') }, outcome: 'success' })]);
    expect(verifyAuditChain(log, { keys: KEYS, expectedHead: headOf(log) }).ok).toBe(true);
  });
});
