// SPDX-License-Identifier: BSD-3-Clause
/** The Appuntamento lifecycle: every transition of the table, every refusal, what the events apply. */
import { describe, expect, it } from 'vitest';
import type { Instant } from '../base.js';
import { appuntamentoSchema, type Appuntamento } from '../entities/index.js';
import { SAMPLE_ACTOR, SAMPLE_IDS, sample } from '../entities/samples.js';
import { STATES } from '../states.js';
import { APPUNTAMENTO_LIFECYCLE, appuntamentoMachine, transitionAppuntamento } from './appuntamento.js';
import { lifecycleMarkdown, toMermaid } from './docs.js';
import { LIFECYCLES, initialHistory, reachableStates } from './registry.js';

const BEFORE = '2025-05-02T07:00:00Z' as Instant;
const START = '2025-05-02T08:00:00Z' as Instant;
const AFTER = '2025-05-02T09:30:00Z' as Instant;

/** An appointment on 2025-05-02 at 08:00 UTC, in `status` (created in it on 2025-04-20). */
function appuntamento(status: Appuntamento['status'] = 'programmato', extra: Partial<Record<keyof Appuntamento, unknown>> = {}): Appuntamento {
  return sample('appuntamento', {
    status,
    history: [{ status, at: '2025-04-20T09:00:00Z', by: SAMPLE_IDS.operatore, event: 'crea' }],
    version: 1,
    updatedAt: '2025-04-20T09:00:00Z',
    inizio: START,
    fine: '2025-05-02T09:00:00Z',
    ...extra,
  } as never);
}

/** The code, rule and both messages of the first issue of a refused transition. */
function refusal(r: ReturnType<typeof transitionAppuntamento>) {
  if (r.ok) throw new Error('expected a refusal');
  const i = r.issues[0];
  return { code: i.code, rule: i.params['rule'], message: i.message, messageEn: i.messageEn };
}

describe('appuntamento machine: the table', () => {
  it('starts in programmato; every state is reachable; the events and their states', () => {
    expect(appuntamentoMachine.initial).toBe('programmato');
    expect(LIFECYCLES.appuntamento).toBe(APPUNTAMENTO_LIFECYCLE);
    expect([...reachableStates(appuntamentoMachine)].sort()).toEqual([...STATES.appuntamento].sort());
    expect(appuntamentoMachine.events).toEqual(['conferma', 'registra-svolto', 'annulla', 'registra-assenza', 'segna-errore']);
    expect(appuntamentoMachine.allowedEvents({ status: 'programmato' })).toEqual(['conferma', 'registra-svolto', 'annulla', 'registra-assenza', 'segna-errore']);
    expect(appuntamentoMachine.allowedEvents({ status: 'confermato' })).toEqual(['registra-svolto', 'annulla', 'registra-assenza', 'segna-errore']);
    for (const s of ['svolto', 'annullato', 'non-presentato'] as const) expect(appuntamentoMachine.allowedEvents({ status: s })).toEqual(['segna-errore']);
    expect(appuntamentoMachine.allowedEvents({ status: 'entered-in-error' })).toEqual([]);
    expect(appuntamentoMachine.spec.annulla.reasonRequired).toBe(true);
  });

  it('a new appointment: initialHistory gives programmato and the create audit event', () => {
    const h = initialHistory('appuntamento', SAMPLE_ACTOR, '2025-04-20T09:00:00Z' as Instant, { persona: SAMPLE_IDS.persona });
    expect(h.status).toBe('programmato');
    expect(h.audit.transition).toEqual({ event: 'crea', from: null, to: 'programmato' });
    expect(h.audit.persona).toBe(SAMPLE_IDS.persona);
  });
});

describe('appuntamento machine: accepted transitions', () => {
  it('conferma before the start: confermato, one audit event about the person', () => {
    const r = transitionAppuntamento(appuntamento(), 'conferma', SAMPLE_ACTOR, BEFORE);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.entity.status).toBe('confermato');
    expect(r.value.entity.version).toBe(2);
    expect(r.value.entity.history.at(-1)).toEqual({ status: 'confermato', at: BEFORE, by: SAMPLE_ACTOR.operatoreId, event: 'conferma' });
    expect(r.value.audit).toMatchObject({ action: 'transition', persona: SAMPLE_IDS.persona, entity: { kind: 'appuntamento', id: SAMPLE_IDS.appuntamento }, transition: { event: 'conferma', from: 'programmato', to: 'confermato' } });
    expect(appuntamentoSchema.safeParse(r.value.entity).success).toBe(true);
  });

  it.each([
    ['programmato', 'registra-svolto', 'svolto'],
    ['confermato', 'registra-svolto', 'svolto'],
    ['programmato', 'registra-assenza', 'non-presentato'],
    ['confermato', 'registra-assenza', 'non-presentato'],
  ] as const)('%s --%s--> %s from the start on (at the start and after it)', (from, event, to) => {
    for (const when of [START, AFTER]) {
      const r = transitionAppuntamento(appuntamento(from), event, SAMPLE_ACTOR, when);
      expect(r.ok && r.value.entity.status).toBe(to);
      if (r.ok) expect(appuntamentoSchema.safeParse(r.value.entity).success).toBe(true);
    }
  });

  it.each(['programmato', 'confermato'] as const)('annulla from %s, at any time, keeps the trimmed reason in motivoAnnullamento and the history', (from) => {
    for (const when of [BEFORE, AFTER]) {
      const r = transitionAppuntamento(appuntamento(from), 'annulla', SAMPLE_ACTOR, when, { reason: '  La persona è ricoverata  ' });
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(r.value.entity.status).toBe('annullato');
      expect(r.value.entity.motivoAnnullamento).toBe('La persona è ricoverata');
      expect(r.value.entity.history.at(-1)?.reason).toBe('La persona è ricoverata');
      expect(r.value.audit.reason).toBe('La persona è ricoverata');
      expect(appuntamentoSchema.safeParse(r.value.entity).success).toBe(true);
    }
  });

  it.each(['programmato', 'confermato', 'svolto', 'annullato', 'non-presentato'] as const)('segna-errore from %s with a reason: entered-in-error, then nothing more', (from) => {
    const start = from === 'annullato' ? appuntamento(from, { motivoAnnullamento: 'Ricovero' }) : appuntamento(from);
    const r = transitionAppuntamento(start, 'segna-errore', SAMPLE_ACTOR, AFTER, { reason: 'Registrato sulla persona sbagliata' });
    expect(r.ok && r.value.entity.status).toBe('entered-in-error');
    if (!r.ok) return;
    expect(appuntamentoSchema.safeParse(r.value.entity).success).toBe(true);
    const again = transitionAppuntamento(r.value.entity, 'annulla', SAMPLE_ACTOR, AFTER, { reason: 'x' });
    expect(refusal(again).code).toBe('csi.lifecycle.not_allowed');
  });
});

describe('appuntamento machine: refusals', () => {
  it('conferma at or after the start: appuntamento.conferma-prima-dell-inizio, in both languages', () => {
    for (const when of [START, AFTER]) {
      expect(refusal(transitionAppuntamento(appuntamento(), 'conferma', SAMPLE_ACTOR, when))).toEqual({
        code: 'csi.lifecycle.guard',
        rule: 'appuntamento.conferma-prima-dell-inizio',
        message: 'Un appuntamento si conferma solo prima del suo inizio',
        messageEn: 'An appointment is confirmed only before its start',
      });
    }
  });

  it.each(['registra-svolto', 'registra-assenza'] as const)('%s before the start: appuntamento.esito-dopo-l-inizio, in both languages', (event) => {
    for (const status of ['programmato', 'confermato'] as const) {
      expect(refusal(transitionAppuntamento(appuntamento(status), event, SAMPLE_ACTOR, BEFORE))).toEqual({
        code: 'csi.lifecycle.guard',
        rule: 'appuntamento.esito-dopo-l-inizio',
        message: "L'esito di un appuntamento si registra solo dal suo inizio",
        messageEn: 'The outcome of an appointment is recorded only from its start',
      });
    }
  });

  it('an unreadable start refuses the guarded events (fail closed)', () => {
    const broken = { ...appuntamento(), inizio: 'domani' } as unknown as Appuntamento;
    expect(refusal(transitionAppuntamento(broken, 'conferma', SAMPLE_ACTOR, BEFORE)).rule).toBe('appuntamento.conferma-prima-dell-inizio');
    expect(refusal(transitionAppuntamento(broken, 'registra-svolto', SAMPLE_ACTOR, AFTER)).rule).toBe('appuntamento.esito-dopo-l-inizio');
    expect(refusal(transitionAppuntamento(broken, 'registra-assenza', SAMPLE_ACTOR, AFTER)).rule).toBe('appuntamento.esito-dopo-l-inizio');
  });

  it('annulla without a reason, or with a blank one, is refused', () => {
    expect(refusal(transitionAppuntamento(appuntamento(), 'annulla', SAMPLE_ACTOR, BEFORE, {} as never)).code).toBe('csi.lifecycle.reason_required');
    expect(refusal(transitionAppuntamento(appuntamento(), 'annulla', SAMPLE_ACTOR, BEFORE, { reason: '   ' })).code).toBe('csi.lifecycle.reason_required');
  });

  it('events outside the table are refused: conferma twice, anything after svolto, annullato or non-presentato', () => {
    expect(refusal(transitionAppuntamento(appuntamento('confermato'), 'conferma', SAMPLE_ACTOR, BEFORE)).code).toBe('csi.lifecycle.not_allowed');
    for (const status of ['svolto', 'non-presentato'] as const) {
      for (const event of ['conferma', 'registra-svolto', 'registra-assenza'] as const) {
        expect(refusal(transitionAppuntamento(appuntamento(status), event, SAMPLE_ACTOR, AFTER)).code).toBe('csi.lifecycle.not_allowed');
      }
      expect(refusal(transitionAppuntamento(appuntamento(status), 'annulla', SAMPLE_ACTOR, AFTER, { reason: 'x' })).code).toBe('csi.lifecycle.not_allowed');
    }
    const annullato = appuntamento('annullato', { motivoAnnullamento: 'Ricovero' });
    expect(refusal(transitionAppuntamento(annullato, 'registra-svolto', SAMPLE_ACTOR, AFTER)).code).toBe('csi.lifecycle.not_allowed');
    expect(refusal(transitionAppuntamento(annullato, 'annulla', SAMPLE_ACTOR, AFTER, { reason: 'di nuovo' })).code).toBe('csi.lifecycle.not_allowed');
  });

  it('an unknown event, and an instant before the last change, are refused', () => {
    expect(refusal(appuntamentoMachine.transition(appuntamento(), 'sposta' as never, SAMPLE_ACTOR, BEFORE)).code).toBe('csi.lifecycle.unknown_event');
    expect(refusal(transitionAppuntamento(appuntamento(), 'annulla', SAMPLE_ACTOR, '2025-04-01T00:00:00Z' as Instant, { reason: 'x' })).code).toBe('csi.lifecycle.time_order');
  });
});

describe('appuntamento lifecycle: documentation', () => {
  it('the generated page names every event and rule, and the diagram every edge', () => {
    const page = lifecycleMarkdown(APPUNTAMENTO_LIFECYCLE);
    expect(page).toContain('# Ciclo di vita: Appuntamento');
    for (const ev of appuntamentoMachine.events) expect(page).toContain(`| \`${ev}\` |`);
    for (const r of APPUNTAMENTO_LIFECYCLE.rules) expect(page).toContain(`### \`${r.id}\``);
    const d = toMermaid(appuntamentoMachine);
    expect(d).toContain('    programmato --> confermato: conferma');
    expect(d).toContain('    confermato --> non_presentato: registra-assenza');
    expect(d).toContain('    svolto --> [*]');
  });
});
