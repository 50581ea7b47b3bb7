// SPDX-License-Identifier: BSD-3-Clause
/**
 * Lifecycle of an Erogazione (spec §A3 #11: registrata → validata → liquidata → esportata SIUSS; then
 * frozen, corrected only by cancelling it — SIUSS `TipoOperazione=C` — and inserting a new one, spec
 * §A2/§A4). No erogazione may be dated before the assessment it relies on (SISO rule SISO-985, §A4).
 * @module
 */
import { createIssue, fail, ok, type Issue, type Result } from '@riuso-sociale/core';
import { auditEvent, type AuditEvent } from '../audit.js';
import type { Actor, Instant } from '../base.js';
import { newId, type Id } from '../ids.js';
import type { GuardRefusal, LifecycleIssueCode } from '../machine.js';
import { defineMachine, type EventSpec } from '../machine.js';
import { isId, refusal, typed, type LifecycleDefinition, type LifecycleRule, type TypedTransition, type ReasonInput } from './define.js';
import type { Erogazione, Intervento, Valutazione } from '../entities/index.js';

type Spec<D = unknown, C = unknown> = EventSpec<'erogazione', Erogazione, D, C>;
const spec = <D = unknown, C = unknown>(s: Spec<D, C>): Spec<never, never> => s as Spec<never, never>;

/**
 * Related records an erogazione is checked against (all optional): the assessment it relies on and its
 * intervento.
 *
 * @example
 * ```ts
 * import type { ErogazioneContext } from '@riuso-sociale/csi-model';
 * const c: ErogazioneContext = {};
 * ```
 */
export interface ErogazioneContext {
  /** The assessment (`valutazione`) the erogazione relies on: its date wins over `valutazioneData`. */
  readonly valutazione?: Pick<Valutazione, 'id' | 'data'>;
  /** The intervento: it must have been started (been `in-erogazione`). */
  readonly intervento?: Pick<Intervento, 'id' | 'status' | 'history'>;
}

/**
 * Inputs of the Erogazione events.
 *
 * @example
 * ```ts
 * import type { ErogazioneEventInputs } from '@riuso-sociale/csi-model';
 * const i: ErogazioneEventInputs['annulla'] = { reason: 'importo errato' };
 * ```
 */
export interface ErogazioneEventInputs {
  /** Validates the recorded delivery (checks the assessment date and, when given, the intervento). */
  valida: {
    /** The assessment and the intervento to check. */
    context?: ErogazioneContext;
  };
  /** Records the payment. */
  liquida: {};
  /** Records its export to SIUSS in flusso `flusso` (TipoOperazione I): then it is frozen. */
  esporta: {
    /** The flow. */
    data: {
      /** The FlussoSIUSS that carries the erogazione. */
      readonly flusso: Id<'flusso-siuss'>;
    };
  };
  /** Cancels it; for an exported one, `flusso` records the flow that carries the cancellation (TipoOperazione C). */
  annulla: ReasonInput & {
    /** The cancellation flow. */
    data?: {
      /** The FlussoSIUSS that carries the cancellation, when already generated. */
      readonly flusso?: Id<'flusso-siuss'>;
    };
  };
  /** Records, on an exported erogazione cancelled without it, the flow that carried the cancellation (TipoOperazione C). */
  'registra-cancellazione': {
    /** The cancellation flow. */
    data: {
      /** The FlussoSIUSS that carries the cancellation. */
      readonly flusso: Id<'flusso-siuss'>;
    };
  };
}

const PRIMA_VALUTAZIONE = 'erogazione.prima-della-valutazione';
const DATA_VALUTAZIONE = 'erogazione.data-valutazione-mancante';
const VALUTAZIONE_DIVERSA = 'erogazione.valutazione-diversa';
const INTERVENTO = 'erogazione.intervento-non-avviato';
const FLUSSO = 'erogazione.flusso';
const NON_ESPORTATA = 'erogazione.correzione-non-esportata';
const CANCELLAZIONE = 'erogazione.cancellazione-siuss';

/** Every refusal of the creation/validation rules (empty when the erogazione passes). */
function erogazioneRefusals(e: Erogazione, context: ErogazioneContext | undefined): GuardRefusal[] {
  const out: GuardRefusal[] = [];
  const v = context?.valutazione;
  if (v !== undefined && e.valutazione !== undefined && v.id !== e.valutazione) {
    out.push(refusal(VALUTAZIONE_DIVERSA, 'La valutazione nel contesto non è quella indicata dall\'erogazione', 'The valutazione in the context is not the one the erogazione names'));
  }
  const data = v?.data ?? e.valutazioneData;
  if (data === undefined) {
    if (e.valutazione !== undefined) {
      out.push(refusal(DATA_VALUTAZIONE, 'L\'erogazione si basa su una valutazione di cui manca la data (valutazioneData o la valutazione nel contesto)', 'The erogazione relies on an assessment whose date is missing (valutazioneData or the valutazione in the context)'));
    }
  } else {
    const first = [e.dal, e.dataErogazione].filter((d): d is NonNullable<typeof d> => d !== undefined).sort()[0];
    if (first !== undefined && first < data) {
      out.push(
        refusal(
          PRIMA_VALUTAZIONE,
          `L'erogazione (${first}) precede la valutazione su cui si basa (${data})`,
          `The erogazione (${first}) predates the assessment it relies on (${data})`,
        ),
      );
    }
  }
  const i = context?.intervento;
  if (i !== undefined) {
    if (i.id !== e.intervento) {
      out.push(refusal(INTERVENTO, 'L\'intervento nel contesto non è quello dell\'erogazione', 'The intervento in the context is not the one of the erogazione'));
    } else if (i.status === 'entered-in-error' || !i.history.some((h) => h.status === 'in-erogazione')) {
      out.push(refusal(INTERVENTO, `L'intervento non è mai stato avviato (stato «${i.status}»)`, `The intervento was never started (state "${i.status}")`));
    }
  }
  return out;
}

/**
 * The Erogazione machine: `valida`, `liquida`, `esporta`, `annulla`, `registra-cancellazione` (+
 * `segna-errore`). From `esportata` only `annulla` (and `segna-errore`) are allowed: an exported
 * erogazione is frozen.
 *
 * @example
 * ```ts
 * import { erogazioneMachine } from '@riuso-sociale/csi-model';
 * erogazioneMachine.allowedEvents({ status: 'esportata' }); // ['annulla', 'segna-errore']
 * ```
 */
export const erogazioneMachine = defineMachine<'erogazione', Erogazione, keyof ErogazioneEventInputs>('erogazione', 'registrata', {
  valida: spec<unknown, ErogazioneContext>({
    from: ['registrata'],
    to: 'validata',
    label: { it: 'Valida', en: 'Validate' },
    guard: (e, { context }) => erogazioneRefusals(e, context)[0] ?? null,
  }),
  liquida: spec({ from: ['validata'], to: 'liquidata', label: { it: 'Liquida', en: 'Record the payment' } }),
  esporta: spec<ErogazioneEventInputs['esporta']['data']>({
    from: ['validata', 'liquidata'],
    to: 'esportata',
    label: { it: 'Esporta al SIUSS', en: 'Export to SIUSS' },
    guard: (_e, { data }) => (isId(data?.flusso) ? null : refusal(FLUSSO, 'Manca il flusso SIUSS dell\'esportazione', 'The SIUSS flow of the export is missing')),
    apply: (e, { data }, at) => ({ ...e, esportazione: { flusso: data?.flusso as Id<'flusso-siuss'>, at, tipoOperazione: 'I' as const } }),
  }),
  annulla: spec<NonNullable<ErogazioneEventInputs['annulla']['data']>>({
    from: ['registrata', 'validata', 'liquidata', 'esportata'],
    to: 'annullata',
    reasonRequired: true,
    label: { it: 'Annulla', en: 'Cancel' },
    guard: (_e, { data }) =>
      data?.flusso === undefined || isId(data.flusso) ? null : refusal(FLUSSO, 'Identificativo del flusso di cancellazione non valido', 'Invalid identifier of the cancellation flow'),
    apply: (e, { data }, at) =>
      e.status === 'esportata' && data?.flusso !== undefined ? { ...e, esportazione: { flusso: data.flusso, at, tipoOperazione: 'C' as const } } : e,
  }),
  'registra-cancellazione': spec<ErogazioneEventInputs['registra-cancellazione']['data']>({
    from: ['annullata'],
    to: 'annullata',
    label: { it: 'Registra la cancellazione inviata al SIUSS', en: 'Record the cancellation sent to SIUSS' },
    guard: (e, { data }) => {
      if (!needsSiussCancellation(e)) {
        return refusal(CANCELLAZIONE, 'Nessuna cancellazione SIUSS da registrare: l\'erogazione non era esportata o la cancellazione è già registrata', 'No SIUSS cancellation to record: the erogazione was not exported or the cancellation is already recorded');
      }
      return isId(data?.flusso) ? null : refusal(FLUSSO, 'Manca il flusso SIUSS della cancellazione', 'The SIUSS flow of the cancellation is missing');
    },
    apply: (e, { data }, at) => ({ ...e, esportazione: { flusso: data?.flusso as Id<'flusso-siuss'>, at, tipoOperazione: 'C' as const } }),
  }),
});

/**
 * Typed transition of an Erogazione.
 *
 * @example
 * ```ts
 * import { transitionErogazione } from '@riuso-sociale/csi-model';
 * // transitionErogazione(erogazione, 'valida', actor, at, { context: { valutazione } });
 * ```
 */
export const transitionErogazione: TypedTransition<Erogazione, ErogazioneEventInputs> = typed<'erogazione', Erogazione, ErogazioneEventInputs>(erogazioneMachine);

function guardIssues(refusals: readonly GuardRefusal[], event: string): Issue<LifecycleIssueCode>[] {
  return refusals.map((r) => createIssue('csi.lifecycle.guard' as const, r.message, { params: { event, rule: r.rule } }));
}

/**
 * Checks a new erogazione before it is stored: it may not predate the assessment it relies on
 * (`valutazioneData`, or the date of `context.valutazione`), and, when `context.intervento` is given,
 * that intervento must be its own and must have been started. Returns the erogazione or every refusal
 * (issue `csi.lifecycle.guard`, `params.rule`, `params.event = 'crea'`).
 *
 * @param erogazione - the new erogazione.
 * @param context - the assessment and the intervento, when at hand.
 * @example
 * ```ts
 * import { checkNewErogazione } from '@riuso-sociale/csi-model';
 * // checkNewErogazione(erogazione, { valutazione }).ok; // false when erogazione.dal < valutazione.data
 * ```
 */
export function checkNewErogazione<E extends Erogazione>(erogazione: E, context?: ErogazioneContext): Result<E, LifecycleIssueCode> {
  const issues = guardIssues(erogazioneRefusals(erogazione, context), 'crea');
  return issues.length === 0 ? ok(erogazione) : fail(issues as [Issue<LifecycleIssueCode>, ...Issue<LifecycleIssueCode>[]]);
}

/**
 * Whether SIUSS still has to receive the cancellation (`TipoOperazione=C`) of an erogazione: it was
 * exported (`I`) and then cancelled or marked entered-in-error without a recorded cancellation flow.
 *
 * @example
 * ```ts
 * import { needsSiussCancellation } from '@riuso-sociale/csi-model';
 * // needsSiussCancellation(erogazione); // true after 'annulla' without data.flusso on an exported one
 * ```
 */
export function needsSiussCancellation(erogazione: Pick<Erogazione, 'status' | 'esportazione'>): boolean {
  return (erogazione.status === 'annullata' || erogazione.status === 'entered-in-error') && erogazione.esportazione?.tipoOperazione === 'I';
}

/**
 * The corrections of an exported erogazione: any data field (not the identity, bookkeeping, lifecycle
 * and export fields); `undefined` removes an optional field.
 *
 * @example
 * ```ts
 * import type { ErogazioneCorrections } from '@riuso-sociale/csi-model';
 * const c: ErogazioneCorrections<{ importoCents: number; al?: string }> = { importoCents: 12000, al: undefined };
 * ```
 */
export type ErogazioneCorrections<E> = {
  readonly [P in Exclude<keyof E, 'id' | 'ente' | 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy' | 'version' | 'status' | 'history' | 'esportazione' | 'annullaErogazione'>]?:
    | E[P]
    | undefined;
};

/**
 * Options of {@link correctExportedErogazione}.
 *
 * @example
 * ```ts
 * import type { CorrectErogazioneOptions } from '@riuso-sociale/csi-model';
 * const o: CorrectErogazioneOptions = { reason: 'importo errato' };
 * ```
 */
export interface CorrectErogazioneOptions {
  /** Why (mandatory). */
  readonly reason: string;
  /** The flow that carries the cancellation (TipoOperazione C), when already generated. */
  readonly flusso?: Id<'flusso-siuss'>;
  /** Identifier of the new erogazione (default: a new UUID). */
  readonly id?: Id<'erogazione'>;
  /** Related records to check the new erogazione against (see {@link checkNewErogazione}). */
  readonly context?: ErogazioneContext;
}

/**
 * What {@link correctExportedErogazione} returns.
 *
 * @example
 * ```ts
 * import type { CorrectedErogazione } from '@riuso-sociale/csi-model';
 * type A = CorrectedErogazione<never>['audit']; // [annulla, create]
 * ```
 */
export interface CorrectedErogazione<E> {
  /** The exported erogazione, now `annullata`. */
  readonly annullata: E;
  /** The new erogazione (`registrata`, version 1) with the corrections, pointing to the cancelled one. */
  readonly nuova: E;
  /** The audit events: the cancellation, then the creation. */
  readonly audit: readonly [AuditEvent, AuditEvent];
}

/**
 * Corrects an exported (frozen) erogazione the only way SIUSS allows: cancels it (`annulla`, to be sent
 * as `TipoOperazione=C`) and creates a new `registrata` copy with the corrections, whose
 * `annullaErogazione` points to the cancelled one. The new one goes through validation and export again.
 * All or nothing.
 *
 * @param erogazione - the exported erogazione.
 * @param corrections - the fields to change (`undefined` removes an optional field).
 * @param actor - who corrects.
 * @param at - when.
 * @param options - reason, cancellation flow, id of the new record, context of the checks.
 * @example
 * ```ts
 * import { correctExportedErogazione } from '@riuso-sociale/csi-model';
 * // const r = correctExportedErogazione(erogazione, { importoCents: 12000 }, actor, at, { reason: 'importo errato' });
 * // if (r.ok) save(r.value.annullata, r.value.nuova, r.value.audit);
 * ```
 */
export function correctExportedErogazione<E extends Erogazione>(
  erogazione: E,
  corrections: ErogazioneCorrections<E>,
  actor: Actor,
  at: Instant,
  options: CorrectErogazioneOptions,
): Result<CorrectedErogazione<E>, LifecycleIssueCode> {
  if (erogazione.status !== 'esportata') {
    return fail([
      createIssue(
        'csi.lifecycle.guard',
        {
          it: `Solo un'erogazione esportata si corregge con annullamento e reinserimento (stato «${erogazione.status}»)`,
          en: `Only an exported erogazione is corrected by cancellation and re-insertion (state "${erogazione.status}")`,
        },
        { params: { event: 'annulla', rule: NON_ESPORTATA } },
      ),
    ]);
  }
  const cancelled = erogazioneMachine.transition(erogazione, 'annulla', actor, at, {
    reason: options.reason,
    ...(options.flusso !== undefined ? { data: { flusso: options.flusso } } : {}),
  } as never);
  if (!cancelled.ok) return cancelled;
  const id = options.id ?? newId('erogazione');
  const merged: Record<string, unknown> = { ...erogazione, ...corrections };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  delete merged['esportazione'];
  const reason = options.reason.trim();
  const nuova = {
    ...merged,
    id,
    status: 'registrata',
    history: [{ status: 'registrata', at, by: actor.operatoreId, event: 'crea', reason }],
    version: 1,
    createdAt: at,
    createdBy: actor.operatoreId,
    updatedAt: at,
    updatedBy: actor.operatoreId,
    annullaErogazione: erogazione.id,
  } as unknown as E;
  const checked = checkNewErogazione(nuova, options.context);
  if (!checked.ok) return checked;
  const created = auditEvent({
    at,
    actor,
    action: 'create',
    entity: { kind: 'erogazione', id },
    persona: nuova.persona,
    transition: { event: 'crea', from: null, to: 'registrata' },
    reason,
    outcome: 'success',
  });
  return ok({ annullata: cancelled.value.entity as E, nuova, audit: [cancelled.value.audit, created] as const });
}

const RULES: readonly LifecycleRule[] = [
  {
    id: PRIMA_VALUTAZIONE,
    events: ['crea', 'valida'],
    helpers: ['checkNewErogazione', 'correctExportedErogazione'],
    text: {
      it: 'Un\'erogazione non è datata (`dal`, `dataErogazione`) prima della valutazione su cui si basa (`valutazioneData` o la data della valutazione nel contesto). Si controlla alla creazione (`checkNewErogazione`) e alla validazione.',
      en: 'An erogazione is not dated (`dal`, `dataErogazione`) before the assessment it relies on (`valutazioneData` or the date of the valutazione in the context). Checked at creation (`checkNewErogazione`) and validation.',
    },
    source: 'spec §A4 («No Erogazione may be dated before the assessment it relies on», regola SISO-985); spec §A1 (SISO)',
  },
  {
    id: DATA_VALUTAZIONE,
    events: ['crea', 'valida'],
    helpers: ['checkNewErogazione', 'correctExportedErogazione'],
    text: { it: 'Se l\'erogazione indica una valutazione, la data di questa è nota.', en: 'When the erogazione names a valutazione, its date is known.' },
    source: 'conseguenza della regola SISO-985 (spec §A4): senza data non si può controllare',
  },
  {
    id: VALUTAZIONE_DIVERSA,
    events: ['crea', 'valida'],
    helpers: ['checkNewErogazione', 'correctExportedErogazione'],
    text: { it: 'La valutazione nel contesto è quella indicata dall\'erogazione.', en: 'The valutazione in the context is the one the erogazione names.' },
    source: 'scelta progettuale: il contesto deve riguardare lo stesso record',
  },
  {
    id: INTERVENTO,
    events: ['crea', 'valida'],
    helpers: ['checkNewErogazione', 'correctExportedErogazione'],
    text: {
      it: 'Se l\'intervento è nel contesto, è quello dell\'erogazione ed è stato avviato (è passato per «in-erogazione»).',
      en: 'When the intervento is in the context, it is the erogazione\'s own and has been started (it went through «in-erogazione»).',
    },
    source: 'spec §A3 #10–#11 e §A4 (l\'erogazione registra ciò che un intervento in erogazione ha dato)',
  },
  {
    id: FLUSSO,
    events: ['esporta', 'annulla', 'registra-cancellazione'],
    text: { it: 'L\'esportazione indica il flusso SIUSS (TipoOperazione I); l\'annullamento può indicare il flusso di cancellazione (TipoOperazione C).', en: 'The export names the SIUSS flow (TipoOperazione I); the cancellation may name the cancellation flow (TipoOperazione C).' },
    source: 'spec §A2 («TipoOperazione=C is how a record is cancelled (no update verb)»); PS_PSA_SINA201812.xsd @TipoOperazione I/C',
  },
  {
    id: CANCELLAZIONE,
    events: ['registra-cancellazione'],
    text: {
      it: 'La cancellazione inviata al SIUSS (flusso con TipoOperazione C) si registra dopo l\'annullamento solo per un\'erogazione che era esportata e la cui cancellazione non è ancora registrata (`needsSiussCancellation`).',
      en: 'The cancellation sent to SIUSS (flow with TipoOperazione C) is recorded after the cancellation only for an erogazione that was exported and whose cancellation is not yet recorded (`needsSiussCancellation`).',
    },
    source: 'spec §A2 e §A4 (TipoOperazione=C); scelta progettuale: il flusso C può essere generato dopo l\'annullamento',
  },
  {
    id: NON_ESPORTATA,
    events: [],
    helpers: ['correctExportedErogazione'],
    text: {
      it: 'Un\'erogazione esportata è congelata: si corregge solo annullandola (TipoOperazione C) e inserendone una nuova che la richiama (`annullaErogazione`), con `correctExportedErogazione`, che rifiuta le erogazioni non esportate.',
      en: 'An exported erogazione is frozen: it is corrected only by cancelling it (TipoOperazione C) and inserting a new one pointing to it (`annullaErogazione`), with `correctExportedErogazione`, which refuses erogazioni not exported.',
    },
    source: 'spec §A3 #11 e §A4 («Once exported, an Erogazione is frozen. To correct it, send TipoOperazione=C and then insert again»)',
  },
];

/**
 * The documented Erogazione lifecycle.
 *
 * @example
 * ```ts
 * import { EROGAZIONE_LIFECYCLE } from '@riuso-sociale/csi-model';
 * EROGAZIONE_LIFECYCLE.machine.initial; // 'registrata'
 * ```
 */
export const EROGAZIONE_LIFECYCLE: LifecycleDefinition<'erogazione'> = {
  kind: 'erogazione',
  machine: erogazioneMachine as unknown as LifecycleDefinition<'erogazione'>['machine'],
  title: { it: 'Erogazione', en: 'Delivery (erogazione)' },
  summary: {
    it: 'Ciò che un intervento ha dato in un periodo: registrato, validato, liquidato, esportato al SIUSS. Esportata, l\'erogazione è congelata: si corregge annullandola (TipoOperazione C) e inserendone una nuova.',
    en: 'What an intervention delivered in a period: recorded, validated, paid, exported to SIUSS. Once exported the record is frozen: it is corrected by cancelling it (TipoOperazione C) and inserting a new one.',
  },
  sources: [
    'shared/specs/csi-and-riuso.md §A3 #11 (stati), §A4 (SISO-985; congelamento), §A2 (TipoOperazione I/C)',
    'INPS PS_PSA_SINA201812.xsd, PrestazioniSociali@TipoOperazione',
  ],
  rules: RULES,
  notes: [
    {
      it: '`segna-errore` resta possibile anche su un\'erogazione esportata; `needsSiussCancellation` dice se al SIUSS va ancora inviata la cancellazione (C). Da «entered-in-error» non si esce: il flusso C di un\'erogazione esportata e poi segnata come errore non si registra sull\'erogazione (resta nel FlussoSIUSS, che elenca le erogazioni).',
      en: '`segna-errore` stays possible on an exported erogazione too; `needsSiussCancellation` tells whether SIUSS still has to receive the cancellation (C). There is no way out of «entered-in-error»: the C flow of an erogazione exported and then marked entered-in-error is not recorded on the erogazione (it stays in the FlussoSIUSS, which lists its erogazioni).',
    },
    {
      it: 'La liquidazione non è richiesta per l\'esportazione: `esporta` parte da «validata» o «liquidata» (le prestazioni in servizi non hanno una liquidazione alla persona).',
      en: 'Payment is not required for export: `esporta` starts from «validata» or «liquidata» (benefits in kind have no payment to the person).',
    },
  ],
};
