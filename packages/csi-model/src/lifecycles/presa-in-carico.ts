// SPDX-License-Identifier: BSD-3-Clause
/**
 * Lifecycle of a PresaInCarico (spec §A3 #6: proposta → attiva ⇄ sospesa → chiusa / trasferita /
 * annullata; ≈ FHIR R4 EpisodeOfCare). Closing needs a reason, a closure code and no open
 * interventi: {@link closePresaInCarico} closes or revokes them in the same step (spec §A4).
 * @module
 */
import { createIssue, fail, ok, type IsoDate, type Result } from '@riuso-sociale/core';
import type { AuditEvent } from '../audit.js';
import type { Actor, Coded, EnteRef, Instant } from '../base.js';
import type { GuardRefusal, LifecycleIssueCode } from '../machine.js';
import { defineMachine, type EventSpec } from '../machine.js';
import { dateInItaly, isCoded, isDate, isEnteRef, missingContext, refusal, typed, type LifecycleDefinition, type LifecycleRule, type TypedTransition, type ReasonInput } from './define.js';
import { codeStatus } from '../entities/common.js';
import type { Cartella, Intervento, PresaInCarico } from '../entities/index.js';
import { INTERVENTO_OPEN_STATES, interventoMachine } from './intervento.js';

type Spec<D = unknown, C = unknown> = EventSpec<'presa-in-carico', PresaInCarico, D, C>;
const spec = <D = unknown, C = unknown>(s: Spec<D, C>): Spec<never, never> => s as Spec<never, never>;

/**
 * Data of a closure or transfer of a presa in carico.
 *
 * @example
 * ```ts
 * import type { ChiusuraPresaInCarico } from '@riuso-sociale/csi-model';
 * const d: ChiusuraPresaInCarico = { motivoChiusura: { system: 'sinba.motivazione-chiusura', version: 'SINBA', code: '4' } };
 * ```
 */
export interface ChiusuraPresaInCarico {
  /** Why the presa in carico closes (SINBA MotivazioneChiusuraCarico for a minor; a local list otherwise). */
  readonly motivoChiusura: Coded;
  /** The person's situation at closure (SINBA SituazioneChiusuraCarico; required for a minor). */
  readonly situazioneChiusura?: Coded;
  /** The closing date (default: today in Italy). */
  readonly chiusaIl?: IsoDate;
}

/**
 * Data of a transfer: the closure data and the receiving Ente.
 *
 * @example
 * ```ts
 * import type { TrasferimentoPresaInCarico } from '@riuso-sociale/csi-model';
 * const d: TrasferimentoPresaInCarico = { motivoChiusura: { system: 'locale', version: '1', code: 'TRASF' }, trasferitaA: { belfiore: 'H501' } };
 * ```
 */
export interface TrasferimentoPresaInCarico extends ChiusuraPresaInCarico {
  /** The receiving Ente. */
  readonly trasferitaA: EnteRef;
}

/**
 * Context of a closure or transfer: the interventi (those of this presa in carico must all be closed) and,
 * optionally, the cartella (when `minore`, the situation at closure is required).
 *
 * @example
 * ```ts
 * import type { ChiusuraPresaContext } from '@riuso-sociale/csi-model';
 * const c: ChiusuraPresaContext = { interventi: [] };
 * ```
 */
export interface ChiusuraPresaContext {
  /** Interventi to check (those linked to another presa in carico are ignored). */
  readonly interventi: readonly Pick<Intervento, 'id' | 'presaInCarico' | 'status'>[];
  /** The cartella of the presa in carico. */
  readonly cartella?: Pick<Cartella, 'id' | 'minore'>;
}

/**
 * Inputs of the PresaInCarico events.
 *
 * @example
 * ```ts
 * import type { PresaInCaricoEventInputs } from '@riuso-sociale/csi-model';
 * const i: PresaInCaricoEventInputs['sospendi'] = { reason: 'ricovero ospedaliero' };
 * ```
 */
export interface PresaInCaricoEventInputs {
  /** Activates the proposed presa in carico: its cartella (in the context) must be open. */
  attiva: {
    /** The cartella to check. */
    context: {
      /** The cartella of the presa in carico. */
      readonly cartella: Pick<Cartella, 'id' | 'status'>;
    };
  };
  /** Suspends it. */
  sospendi: ReasonInput;
  /** Resumes it. */
  riprendi: {};
  /** Closes it (see {@link closePresaInCarico} to close its interventi in the same step). */
  chiudi: ReasonInput & {
    /** Closure codes and date. */
    data: ChiusuraPresaInCarico;
    /** The interventi (and the cartella) to check. */
    context: ChiusuraPresaContext;
  };
  /** Transfers it to another Ente (closing it here). */
  trasferisci: ReasonInput & {
    /** Closure codes, date and the receiving Ente. */
    data: TrasferimentoPresaInCarico;
    /** The interventi (and the cartella) to check. */
    context: ChiusuraPresaContext;
  };
  /** Cancels a proposal never activated. */
  annulla: ReasonInput;
}

const CARTELLA_APERTA = 'presa-in-carico.cartella-aperta';
const MOTIVO = 'presa-in-carico.motivo-chiusura';
const SITUAZIONE = 'presa-in-carico.situazione-chiusura';
const DATA_CHIUSURA = 'presa-in-carico.data-chiusura';
const INTERVENTI_APERTI = 'presa-in-carico.interventi-aperti';
const ENTE = 'presa-in-carico.ente-destinazione';
const CONTESTO = 'presa-in-carico.contesto-mancante';
const OPEN = new Set<string>(INTERVENTO_OPEN_STATES);
const SINBA_MOTIVO = 'siuss.sinba.motivazione-chiusura';

function closureGuard(p: PresaInCarico, data: ChiusuraPresaInCarico | undefined, context: ChiusuraPresaContext | undefined, at: Instant): GuardRefusal | null {
  if (data === undefined || !isCoded(data.motivoChiusura)) {
    return refusal(MOTIVO, 'Manca il motivo di chiusura codificato (motivoChiusura: sistema, versione, codice)', 'The coded closure reason is missing (motivoChiusura: system, version, code)');
  }
  if (codeStatus(data.motivoChiusura) === false) {
    return refusal(MOTIVO, `Motivo di chiusura: codice «${data.motivoChiusura.code}» sconosciuto nel sistema ${data.motivoChiusura.system}`, `Closure reason: unknown code "${data.motivoChiusura.code}" in system ${data.motivoChiusura.system}`);
  }
  if (data.situazioneChiusura !== undefined && (!isCoded(data.situazioneChiusura) || codeStatus(data.situazioneChiusura) === false)) {
    return refusal(SITUAZIONE, 'Situazione alla chiusura non valida (sistema, versione, codice conosciuto)', 'Invalid situation at closure (system, version, known code)');
  }
  if (data.situazioneChiusura === undefined && data.motivoChiusura.system === SINBA_MOTIVO) {
    return refusal(SITUAZIONE, 'Con un motivo di chiusura SINBA serve la situazione alla chiusura (SINBA SituazioneChiusuraCarico)', 'With a SINBA closure reason the situation at closure is required (SINBA SituazioneChiusuraCarico)');
  }
  const d = data.chiusaIl ?? dateInItaly(at);
  if (!isDate(d)) return refusal(DATA_CHIUSURA, 'Data di chiusura non valida (AAAA-MM-GG)', 'Invalid closing date (YYYY-MM-DD)');
  if (d < p.avviataIl) return refusal(DATA_CHIUSURA, 'La data di chiusura precede l\'avvio della presa in carico', 'The closing date precedes the start of the presa in carico');
  if (context?.interventi === undefined) return missingContext('presa-in-carico', { it: 'gli interventi della presa in carico', en: 'the interventi of the presa in carico' });
  if (context.cartella !== undefined && context.cartella.id === p.cartella && context.cartella.minore && data.situazioneChiusura === undefined) {
    return refusal(SITUAZIONE, 'Per un minore serve la situazione alla chiusura (SINBA SituazioneChiusuraCarico)', 'For a minor the situation at closure is required (SINBA SituazioneChiusuraCarico)');
  }
  const open = context.interventi.filter((i) => i.presaInCarico === p.id && OPEN.has(i.status));
  if (open.length > 0) {
    return refusal(
      INTERVENTI_APERTI,
      `La presa in carico ha ${open.length} interventi aperti: concluderli o revocarli (closePresaInCarico lo fa insieme alla chiusura)`,
      `The presa in carico has ${open.length} open interventi: conclude or revoke them (closePresaInCarico does it together with the closure)`,
    );
  }
  return null;
}

function closed(p: PresaInCarico, data: ChiusuraPresaInCarico | undefined, at: Instant): PresaInCarico {
  const c = data as ChiusuraPresaInCarico;
  return {
    ...p,
    chiusaIl: c.chiusaIl ?? dateInItaly(at),
    motivoChiusura: c.motivoChiusura,
    ...(c.situazioneChiusura !== undefined ? { situazioneChiusura: c.situazioneChiusura } : {}),
  };
}

/**
 * The PresaInCarico machine: `attiva`, `sospendi`, `riprendi`, `chiudi`, `trasferisci`, `annulla`
 * (+ `segna-errore`).
 *
 * @example
 * ```ts
 * import { presaInCaricoMachine } from '@riuso-sociale/csi-model';
 * presaInCaricoMachine.allowedEvents({ status: 'sospesa' }); // ['riprendi', 'chiudi', 'trasferisci', 'segna-errore']
 * ```
 */
export const presaInCaricoMachine = defineMachine<'presa-in-carico', PresaInCarico, keyof PresaInCaricoEventInputs>('presa-in-carico', 'proposta', {
  attiva: spec<unknown, PresaInCaricoEventInputs['attiva']['context']>({
    from: ['proposta'],
    to: 'attiva',
    label: { it: 'Attiva la presa in carico', en: 'Activate the presa in carico' },
    guard: (p, { context }) => {
      const c = context?.cartella;
      if (c === undefined) return missingContext('presa-in-carico', { it: 'la cartella della presa in carico', en: 'the cartella of the presa in carico' });
      if (c.id !== p.cartella) return refusal(CARTELLA_APERTA, 'La cartella nel contesto non è quella della presa in carico', 'The cartella in the context is not the one of the presa in carico');
      if (c.status !== 'aperta') return refusal(CARTELLA_APERTA, `La cartella è «${c.status}»: riaprirla prima`, `The cartella is "${c.status}": reopen it first`);
      return null;
    },
  }),
  sospendi: spec({ from: ['attiva'], to: 'sospesa', reasonRequired: true, label: { it: 'Sospendi', en: 'Suspend' } }),
  riprendi: spec({ from: ['sospesa'], to: 'attiva', label: { it: 'Riprendi', en: 'Resume' } }),
  chiudi: spec<ChiusuraPresaInCarico, ChiusuraPresaContext>({
    from: ['attiva', 'sospesa'],
    to: 'chiusa',
    reasonRequired: true,
    label: { it: 'Chiudi la presa in carico', en: 'Close the presa in carico' },
    guard: (p, { data, context }, at) => closureGuard(p, data, context, at),
    apply: (p, { data }, at) => closed(p, data, at),
  }),
  trasferisci: spec<TrasferimentoPresaInCarico, ChiusuraPresaContext>({
    from: ['attiva', 'sospesa'],
    to: 'trasferita',
    reasonRequired: true,
    label: { it: 'Trasferisci a un altro Ente', en: 'Transfer to another Ente' },
    guard: (p, { data, context }, at) => {
      if (data === undefined || !isEnteRef(data.trasferitaA)) {
        return refusal(ENTE, 'Manca l\'Ente di destinazione (trasferitaA, codice Belfiore)', 'The receiving Ente is missing (trasferitaA, Belfiore code)');
      }
      if (data.trasferitaA.belfiore === p.ente.belfiore) return refusal(ENTE, 'L\'Ente di destinazione è lo stesso Ente', 'The receiving Ente is the same Ente');
      return closureGuard(p, data, context, at);
    },
    apply: (p, { data }, at) => ({ ...closed(p, data, at), trasferitaA: (data as { trasferitaA: EnteRef }).trasferitaA }),
  }),
  annulla: spec({ from: ['proposta'], to: 'annullata', reasonRequired: true, label: { it: 'Annulla la proposta', en: 'Cancel the proposal' } }),
});

/**
 * Typed transition of a PresaInCarico.
 *
 * @example
 * ```ts
 * import { transitionPresaInCarico } from '@riuso-sociale/csi-model';
 * // transitionPresaInCarico(presa, 'attiva', actor, at, { context: { cartella } });
 * ```
 */
export const transitionPresaInCarico: TypedTransition<PresaInCarico, PresaInCaricoEventInputs> = typed<'presa-in-carico', PresaInCarico, PresaInCaricoEventInputs>(
  presaInCaricoMachine,
);

/**
 * Options of {@link closePresaInCarico}.
 *
 * @example
 * ```ts
 * import type { ClosePresaOptions } from '@riuso-sociale/csi-model';
 * const o: ClosePresaOptions = { reason: 'obiettivi raggiunti', motivoChiusura: { system: 'locale', version: '1', code: 'OBR' } };
 * ```
 */
export interface ClosePresaOptions extends ChiusuraPresaInCarico {
  /** Why (kept in every history entry and audit event). */
  readonly reason: string;
  /** Transfer to this Ente instead of closing (`trasferita`). */
  readonly trasferisci?: EnteRef;
  /** The cartella (when `minore`, `situazioneChiusura` is required). */
  readonly cartella?: Pick<Cartella, 'id' | 'minore'>;
}

/**
 * What {@link closePresaInCarico} returns: the closed presa in carico, the interventi it changed (in
 * input order) and one audit event per change (the interventi first, the presa in carico last).
 *
 * @example
 * ```ts
 * import type { ClosedPresaInCarico } from '@riuso-sociale/csi-model';
 * type A = ClosedPresaInCarico<never, never>['audit'];
 * ```
 */
export interface ClosedPresaInCarico<P, I> {
  /** The presa in carico, `chiusa` or `trasferita`. */
  readonly presa: P;
  /** The interventi that were open, now `concluso` (were running or suspended) or `revocato` (not started). */
  readonly interventi: readonly I[];
  /** One audit event per changed record. */
  readonly audit: readonly AuditEvent[];
}

/**
 * Closes (or transfers) a presa in carico together with its open interventi, all or nothing: each open
 * intervento of this presa in carico is concluded (when in erogazione or suspended, ending on the closing
 * date) or revoked (when not started), each with one audit event; then the presa in carico is closed
 * (`chiudi`) or transferred (`trasferisci`). Interventi of other prese in carico are ignored. Any refusal
 * returns the issues and changes nothing.
 *
 * @param presa - the presa in carico (attiva or sospesa).
 * @param interventi - interventi of the person (those of this presa in carico are closed).
 * @param actor - who closes.
 * @param at - when.
 * @param options - reason, closure codes, optional transfer target.
 * @example
 * ```ts
 * import { closePresaInCarico } from '@riuso-sociale/csi-model';
 * // const r = closePresaInCarico(presa, interventi, actor, at, { reason: 'bisogno risolto', motivoChiusura });
 * // if (r.ok) save(r.value.presa, r.value.interventi, r.value.audit);
 * ```
 */
export function closePresaInCarico<P extends PresaInCarico, I extends Intervento>(
  presa: P,
  interventi: readonly I[],
  actor: Actor,
  at: Instant,
  options: ClosePresaOptions,
): Result<ClosedPresaInCarico<P, I>, LifecycleIssueCode> {
  const { reason, trasferisci, cartella, ...chiusura } = options;
  const event = trasferisci === undefined ? 'chiudi' : 'trasferisci';
  const data = trasferisci === undefined ? chiusura : { ...chiusura, trasferitaA: trasferisci };
  const context = (list: readonly Pick<Intervento, 'id' | 'presaInCarico' | 'status'>[]): ChiusuraPresaContext => ({
    interventi: list,
    ...(cartella !== undefined ? { cartella } : {}),
  });
  const dry = presaInCaricoMachine.transition(presa, event, actor, at, { reason, data, context: context([]) } as never);
  if (!dry.ok) return dry;
  const why =
    trasferisci === undefined ? `Chiusura della presa in carico: ${reason.trim()}` : `Trasferimento della presa in carico (${trasferisci.belfiore}): ${reason.trim()}`;
  const changed: I[] = [];
  const audit: AuditEvent[] = [];
  const after: Pick<Intervento, 'id' | 'presaInCarico' | 'status'>[] = [];
  for (const intervento of interventi) {
    if (intervento.presaInCarico !== presa.id || !OPEN.has(intervento.status)) {
      after.push(intervento);
      continue;
    }
    const running = intervento.status === 'in-erogazione' || intervento.status === 'sospeso';
    const input = running && options.chiusaIl !== undefined ? { reason: why, data: { al: options.chiusaIl } } : { reason: why };
    const r = interventoMachine.transition(intervento, running ? 'concludi' : 'revoca', actor, at, input as never);
    if (!r.ok) {
      return fail([
        createIssue(
          r.issues[0].code,
          { it: `Intervento ${intervento.id}: ${r.issues[0].message}`, en: `Intervento ${intervento.id}: ${r.issues[0].messageEn}` },
          { params: { ...r.issues[0].params, intervento: intervento.id } },
        ),
        ...r.issues.slice(1),
      ]);
    }
    changed.push(r.value.entity as I);
    after.push(r.value.entity);
    audit.push(r.value.audit);
  }
  const closedPresa = presaInCaricoMachine.transition(presa, event, actor, at, { reason, data, context: context(after) } as never);
  if (!closedPresa.ok) return closedPresa;
  return ok({ presa: closedPresa.value.entity as P, interventi: changed, audit: [...audit, closedPresa.value.audit] });
}

const RULES: readonly LifecycleRule[] = [
  {
    id: CARTELLA_APERTA,
    events: ['attiva'],
    text: { it: 'Una presa in carico si attiva solo nella sua cartella, aperta.', en: 'A presa in carico is activated only in its own cartella, which is open.' },
    source: 'spec §A3 #4 e #6 (la cartella contiene le prese in carico)',
  },
  {
    id: MOTIVO,
    events: ['chiudi', 'trasferisci'],
    helpers: ['closePresaInCarico'],
    text: {
      it: 'Chiusura e trasferimento richiedono un motivo (testo, obbligatorio) e un motivo di chiusura codificato `motivoChiusura`, con un codice conosciuto se il sistema è tra quelli del modello (per un minore: SINBA MotivazioneChiusuraCarico 1–9).',
      en: 'Closing and transferring need a reason (text, mandatory) and a coded closure reason `motivoChiusura`, with a known code when the system is one of the model\'s (for a minor: SINBA MotivazioneChiusuraCarico 1–9).',
    },
    source: 'spec §A4 («Closing a PresaInCarico requires a closure reason and the situation at closure»); SINBA.xsd @MotivazioneChiusuraCarico',
  },
  {
    id: SITUAZIONE,
    events: ['chiudi', 'trasferisci'],
    helpers: ['closePresaInCarico'],
    text: {
      it: 'La situazione alla chiusura, se data, è un valore codificato con un codice conosciuto; è obbligatoria con un motivo di chiusura SINBA (`siuss.sinba.motivazione-chiusura`) o quando la cartella nel contesto è di un minore (SINBA SituazioneChiusuraCarico 1–8).',
      en: 'The situation at closure, when given, is a coded value with a known code; it is mandatory with a SINBA closure reason (`siuss.sinba.motivazione-chiusura`) or when the cartella in the context is a minor\'s (SINBA SituazioneChiusuraCarico 1–8).',
    },
    source: 'spec §A4 («mandatory in SINBA»); SINBA.xsd @SituazioneChiusuraCarico (facoltativo nell\'XSD: l\'obbligo viene dalla spec, non dall\'XSD)',
  },
  {
    id: DATA_CHIUSURA,
    events: ['chiudi', 'trasferisci'],
    helpers: ['closePresaInCarico'],
    text: { it: 'La data di chiusura (predefinita: oggi in Italia) è valida e non precede l\'avvio.', en: 'The closing date (default: today in Italy) is valid and not before the start.' },
    source: 'spec §A3 #6 (start/end)',
  },
  {
    id: INTERVENTI_APERTI,
    events: ['chiudi', 'trasferisci'],
    helpers: ['closePresaInCarico'],
    text: {
      it: 'Nessun intervento della presa in carico resta aperto: `closePresaInCarico` li conclude (se in erogazione o sospesi) o li revoca (se non avviati), tutto o niente, con un evento di audit ciascuno.',
      en: 'No intervento of the presa in carico stays open: `closePresaInCarico` concludes them (when delivered or suspended) or revokes them (when not started), all or nothing, with one audit event each.',
    },
    source: 'spec §A4 («… and closes or transfers its open Interventi»)',
  },
  {
    id: ENTE,
    events: ['trasferisci'],
    helpers: ['closePresaInCarico'],
    text: { it: 'Il trasferimento indica l\'Ente di destinazione (codice Belfiore), diverso dall\'Ente titolare.', en: 'A transfer names the receiving Ente (Belfiore code), other than the holding Ente.' },
    source: 'spec §A3 #6 (transfer to another Ambito); SINBA.xsd @MotivazioneChiusuraCarico 1–2 (passaggio ad altro ambito/distretto)',
  },
  {
    id: CONTESTO,
    events: ['attiva', 'chiudi', 'trasferisci'],
    text: { it: 'Attivazione, chiusura e trasferimento ricevono nel contesto i record da controllare (cartella, interventi).', en: 'Activation, closure and transfer receive the records to check (cartella, interventi) in the context.' },
    source: 'scelta progettuale: le regole che dipendono da altri record li ricevono esplicitamente',
  },
];

/**
 * The documented PresaInCarico lifecycle.
 *
 * @example
 * ```ts
 * import { PRESA_IN_CARICO_LIFECYCLE } from '@riuso-sociale/csi-model';
 * PRESA_IN_CARICO_LIFECYCLE.machine.initial; // 'proposta'
 * ```
 */
export const PRESA_IN_CARICO_LIFECYCLE: LifecycleDefinition<'presa-in-carico'> = {
  kind: 'presa-in-carico',
  machine: presaInCaricoMachine as unknown as LifecycleDefinition<'presa-in-carico'>['machine'],
  title: { it: 'Presa in carico', en: 'Presa in carico (episode of care)' },
  summary: {
    it: 'Un episodio di presa in carico in una cartella: proposto, attivato, sospeso e ripreso, infine chiuso o trasferito ad altro Ente; una proposta mai attivata si annulla. La chiusura richiede motivo e codici di chiusura e chiude o revoca gli interventi aperti.',
    en: 'An episode of care within a cartella: proposed, activated, suspended and resumed, finally closed or transferred to another Ente; a proposal never activated is cancelled. Closing needs a reason and closure codes and closes or revokes the open interventions.',
  },
  sources: [
    'shared/specs/csi-and-riuso.md §A3 #6 (stati), §A4 (chiusura)',
    'INPS SINBA.xsd, @MotivazioneChiusuraCarico (1–9), @SituazioneChiusuraCarico (1–8)',
    'HL7 FHIR R4 EpisodeOfCare (planned, active, onhold, finished, cancelled, entered-in-error)',
  ],
  rules: RULES,
  notes: [
    {
      it: 'Una presa in carico chiusa non si riapre: una nuova presa in carico (anche nella stessa cartella) apre un nuovo episodio, come in FHIR EpisodeOfCare.',
      en: 'A closed presa in carico is not reopened: a new presa in carico (also in the same cartella) opens a new episode, as in FHIR EpisodeOfCare.',
    },
  ],
};
