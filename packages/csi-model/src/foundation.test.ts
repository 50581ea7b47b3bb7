// SPDX-License-Identifier: BSD-3-Clause
import { describe, expect, it } from 'vitest';
import { cartellaSchema } from './entities/cartella.js';
import { appendAudit, auditEvent, defineMachine, newId, toInstant, verifyAuditChain, type Actor, type Instant } from './index.js';
import type { Cartella } from './entities/cartella.js';

const actor: Actor = { operatoreId: newId('operatore'), role: 'assistente-sociale' };
const at = (s: string): Instant => s as Instant;

function cartella(): Cartella {
  const by = actor.operatoreId;
  const t = at('2025-03-01T09:00:00Z');
  return cartellaSchema.parse({
    id: newId('cartella'),
    ente: { belfiore: 'F205' },
    createdAt: t,
    createdBy: by,
    updatedAt: t,
    updatedBy: by,
    version: 1,
    status: 'aperta',
    history: [{ status: 'aperta', at: t, by, event: 'crea' }],
    persona: newId('persona'),
    apertaIl: '2025-03-01',
    responsabile: by,
    minore: false,
    tutelaAutoritaGiudiziaria: false,
  });
}

const machine = defineMachine<'cartella', Cartella, 'chiudi' | 'riapri'>('cartella', 'aperta', {
  chiudi: {
    from: ['aperta'],
    to: 'chiusa',
    reasonRequired: true,
    label: { it: 'Chiudi', en: 'Close' },
    apply: (c, _i, t) => ({ ...c, chiusaIl: t.slice(0, 10) as Cartella['apertaIl'] }),
  },
  riapri: { from: ['chiusa'], to: 'aperta', label: { it: 'Riapri', en: 'Reopen' }, apply: (c) => { const { chiusaIl: _, ...rest } = c; return rest as Cartella; } },
});

describe('foundation: schema shape, machine engine, audit chain', () => {
  it('a refined entity schema keeps its shape (field-level metadata reads it)', () => {
    expect(Object.keys(cartellaSchema.shape)).toContain('persona');
  });
  it('an accepted transition yields the new state, history, version and one audit event', () => {
    const c = cartella();
    const r = machine.transition(c, 'chiudi', actor, at('2025-03-02T10:00:00Z'), { reason: 'obiettivi raggiunti' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.entity.status).toBe('chiusa');
    expect(r.value.entity.chiusaIl).toBe('2025-03-02');
    expect(r.value.entity.version).toBe(2);
    expect(r.value.entity.history.at(-1)).toMatchObject({ status: 'chiusa', event: 'chiudi', reason: 'obiettivi raggiunti' });
    expect(r.value.audit).toMatchObject({ action: 'transition', transition: { event: 'chiudi', from: 'aperta', to: 'chiusa' }, outcome: 'success' });
    expect(cartellaSchema.safeParse(r.value.entity).success).toBe(true);
    expect(c.status).toBe('aperta'); // input untouched
  });
  it('refuses: wrong state, missing reason, instant before the last change, bad instant', () => {
    const c = cartella();
    const codes = [
      machine.transition(c, 'riapri', actor, at('2025-03-02T10:00:00Z')),
      machine.transition(c, 'chiudi', actor, at('2025-03-02T10:00:00Z')),
      machine.transition(c, 'chiudi', actor, at('2025-02-01T10:00:00Z'), { reason: 'x' }),
      machine.transition(c, 'chiudi', actor, at('2025-02-30T10:00:00Z'), { reason: 'x' }),
      machine.transition(c, 'cancella' as never, actor, at('2025-03-02T10:00:00Z')),
    ].map((r) => (r.ok ? 'ok' : r.issues[0].code));
    expect(codes).toEqual(['csi.lifecycle.not_allowed', 'csi.lifecycle.reason_required', 'csi.lifecycle.time_order', 'csi.lifecycle.invalid_instant', 'csi.lifecycle.unknown_event']);
  });
  it('refuses a reason longer than the history and audit schemas accept', () => {
    const r = machine.transition(cartella(), 'chiudi', actor, at('2025-03-02T10:00:00Z'), { reason: 'x'.repeat(2001) });
    expect(!r.ok && r.issues[0].code).toBe('csi.lifecycle.reason_too_long');
    expect(machine.transition(cartella(), 'chiudi', actor, at('2025-03-02T10:00:00Z'), { reason: 'x'.repeat(2000) }).ok).toBe(true);
  });
  it('entered-in-error from any state, with a reason, is final', () => {
    const r = machine.transition(cartella(), 'segna-errore', actor, at('2025-03-02T10:00:00Z'), { reason: 'persona sbagliata' });
    expect(r.ok && r.value.entity.status).toBe('entered-in-error');
    if (r.ok) expect(machine.allowedEvents(r.value.entity)).toEqual([]);
  });
  it('the audit chain detects an edited or removed event', () => {
    const key = { id: 'test-1', secret: new Uint8Array(32).fill(7) };
    const keys = new Map([[key.id, key.secret]]);
    const a = appendAudit([], auditEvent({ at: toInstant(new Date('2025-03-01T09:00:00Z')), actor, action: 'read', entity: { kind: 'cartella', id: newId('cartella') }, outcome: 'success' }), key);
    if (!a.ok) throw new Error(a.issues[0].message);
    const b = appendAudit(a.value, auditEvent({ at: toInstant(new Date('2025-03-01T09:01:00Z')), actor, action: 'print', entity: { kind: 'cartella', id: newId('cartella') }, outcome: 'success' }), key);
    if (!b.ok) throw new Error(b.issues[0].message);
    const log = b.value;
    expect(verifyAuditChain(log, { keys }).ok).toBe(true);
    expect(verifyAuditChain([log[1]!], { keys }).ok).toBe(false);
    expect(verifyAuditChain([{ ...log[0]!, action: 'export' }, log[1]!], { keys }).ok).toBe(false);
  });
});

describe('lifecycle engine: hostile event names and instant order', () => {
  it('an event named like an Object.prototype member is an unknown event, not a TypeError', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__']) {
      const r = machine.transition(cartella(), name as never, actor, at('2025-03-02T10:00:00Z'), { reason: 'x' });
      expect(r.ok, name).toBe(false);
      if (!r.ok) expect(r.issues[0].code, name).toBe('csi.lifecycle.unknown_event');
    }
  });

  it('allowedEvents never lists or trips on inherited names, whatever the status', () => {
    expect(machine.allowedEvents({ status: 'toString' as never })).toEqual([]);
    expect(machine.allowedEvents({ status: '__proto__' as never })).toEqual([]);
    expect(machine.events).toEqual(['chiudi', 'riapri', 'segna-errore']);
  });

  it('a hostile event name is not echoed whole in the message', () => {
    const long = `evento-${'x'.repeat(500)}`;
    const r = machine.transition(cartella(), long as never, actor, at('2025-03-02T10:00:00Z'));
    expect(!r.ok && r.issues[0].code).toBe('csi.lifecycle.unknown_event');
    if (!r.ok) {
      expect(r.issues[0].message.length).toBeLessThan(200);
      expect(JSON.stringify(r.issues[0].params).length).toBeLessThan(200);
    }
  });

  it('compares instants as points in time: 09:30:00.5Z is after 09:30:00Z', () => {
    // As strings '2025-03-01T09:30:00.5Z' < '2025-03-01T09:30:00Z' ('.' < 'Z'): the wrong order.
    const c = { ...cartella(), updatedAt: at('2025-03-01T09:30:00Z') };
    const later = machine.transition(c, 'chiudi', actor, at('2025-03-01T09:30:00.5Z'), { reason: 'x' });
    expect(later.ok).toBe(true);
    const c2 = { ...cartella(), updatedAt: at('2025-03-01T09:30:00.5Z') };
    const earlier = machine.transition(c2, 'chiudi', actor, at('2025-03-01T09:30:00Z'), { reason: 'x' });
    expect(!earlier.ok && earlier.issues[0].code).toBe('csi.lifecycle.time_order');
    // The same instant with or without milliseconds is not "before".
    const c3 = { ...cartella(), updatedAt: at('2025-03-01T09:30:00.000Z') };
    expect(machine.transition(c3, 'chiudi', actor, at('2025-03-01T09:30:00Z'), { reason: 'x' }).ok).toBe(true);
  });

  it('refuses an entity whose updatedAt is not an instant (fail closed), with a typed issue', () => {
    const c = { ...cartella(), updatedAt: 'ieri' as Instant };
    const r = machine.transition(c, 'chiudi', actor, at('2025-03-02T10:00:00Z'), { reason: 'x' });
    expect(!r.ok && r.issues[0].code).toBe('csi.lifecycle.time_order');
  });
});

describe('code systems: user strings never reach inherited members', () => {
  it('isKnownCode answers false for a system named like an Object.prototype member', async () => {
    const { isKnownCode } = await import('./codes.js');
    for (const system of ['__proto__', 'constructor', 'toString']) expect(isKnownCode({ system, version: 'x', code: '1' })).toBe(false);
  });
});
