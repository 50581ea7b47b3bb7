// SPDX-License-Identifier: BSD-3-Clause
/**
 * Lifecycle of an Erogazione (spec §A3 #11: registrata → validata → liquidata → esportata SIUSS; then
 * frozen, corrected only by cancelling it — SIUSS `TipoOperazione=C` — and inserting a new one, spec
 * §A2/§A4). No erogazione may be dated before the assessment it relies on (SISO rule SISO-985, §A4).
 * The esito of its flow (WaaS `POST /esiti`, INPS OpenAPI api-comuni.yaml v2.0.1) closes the loop:
 * `OK` makes it `acquisita` (SIUSS holds it; still frozen), any other code sends it back to the
 * operators as `da-correggere` with INPS's description, whence `correggi` makes it `validata` again
 * and the next export sends it in a new flow (a rejected flow is never re-sent: waas-pdnd.md §3.9).
 * @module
 */
import { dateText, createIssue, fail, ok, type Issue, type Result } from '@riuso-sociale/core';
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
  /** SIUSS acquired the flow that carries it (esito `OK`): it stays frozen. */
  acquisisci: {
    /** The esito. */
    data: {
      /** The flow of the esito: the one the erogazione was exported in. */
      readonly flusso: Id<'flusso-siuss'>;
      /** `id_acquisizione_siuss`. */
      readonly idAcquisizione?: string;
    };
  };
  /** INPS rejected the flow that carries it: back to the operators, with the reason (INPS's description, or the code). */
  respingi: ReasonInput & {
    /** The esito. */
    data: {
      /** The flow of the esito: the one the erogazione was exported in. */
      readonly flusso: Id<'flusso-siuss'>;
      /** `codice_esito` (not `OK`). */
      readonly codice: 'DATI_NON_TROVATI' | 'RICHIESTA_INVALIDA' | 'ERRORE_GENERICO';
      /** `descrizione_esito`, when INPS gave one. */
      readonly descrizione?: string;
    };
  };
  /**
   * Corrects a rejected erogazione (the fields of {@link CORRECTABLE_FIELDS}; `undefined` removes an
   * optional one) and validates it again, checked like `valida`: the next export sends it in a new flow.
   */
  correggi: {
    /** The corrections (may be empty, e.g. after a transient `ERRORE_GENERICO`). */
    data?: ErogazioneRejectedCorrections;
    /** The assessment and the intervento to check. */
    context?: ErogazioneContext;
  };
}

/**
 * The fields `correggi` may change on a rejected erogazione: the period, the amounts and quantities,
 * the document and the assessment it relies on — never whom or which intervento it is about (that is
 * another erogazione: `annulla` this one).
 *
 * @example
 * ```ts
 * import { CORRECTABLE_FIELDS } from '@riuso-sociale/csi-model';
 * CORRECTABLE_FIELDS.includes('importoCents'); // true
 * ```
 */
export const CORRECTABLE_FIELDS = [
  'dal',
  'al',
  'dataErogazione',
  'importoCents',
  'importoMensileCents',
  'quotaEnteCents',
  'quotaUtenteCents',
  'quotaSsnCents',
  'oreErogate',
  'accessi',
  'documento',
  'valutazione',
  'valutazioneData',
] as const satisfies readonly (keyof Erogazione)[];

/**
 * The corrections of a rejected erogazione (`correggi`): some of {@link CORRECTABLE_FIELDS};
 * `undefined` removes an optional field.
 *
 * @example
 * ```ts
 * import type { ErogazioneRejectedCorrections } from '@riuso-sociale/csi-model';
 * const c: ErogazioneRejectedCorrections = { importoCents: 12000 };
 * ```
 */
export type ErogazioneRejectedCorrections = { readonly [P in (typeof CORRECTABLE_FIELDS)[number]]?: Erogazione[P] | undefined };

/** The codes of a rejection (every `codice_esito` but `OK`). */
const CODICI_SCARTO: ReadonlySet<string> = new Set(['DATI_NON_TROVATI', 'RICHIESTA_INVALIDA', 'ERRORE_GENERICO']);
const CORRECTABLE: ReadonlySet<string> = new Set(CORRECTABLE_FIELDS);

/** The erogazione with the corrections applied, or the first field that may not be corrected. */
function applyCorrections(e: Erogazione, corrections: unknown): { readonly entity: Erogazione } | { readonly field: string } {
  if (corrections === undefined) return { entity: e };
  if (corrections === null || typeof corrections !== 'object' || Array.isArray(corrections)) return { field: '(data)' };
  const merged: Record<string, unknown> = { ...e };
  for (const key of Object.keys(corrections)) {
    if (!CORRECTABLE.has(key)) return { field: key };
    const value = (corrections as Record<string, unknown>)[key];
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  return { entity: merged as Erogazione };
}

const PRIMA_VALUTAZIONE = 'erogazione.prima-della-valutazione';
const DATA_VALUTAZIONE = 'erogazione.data-valutazione-mancante';
const VALUTAZIONE_DIVERSA = 'erogazione.valutazione-diversa';
const INTERVENTO = 'erogazione.intervento-non-avviato';
const FLUSSO = 'erogazione.flusso';
const NON_ESPORTATA = 'erogazione.correzione-non-esportata';
const CANCELLAZIONE = 'erogazione.cancellazione-siuss';
const ESITO = 'erogazione.esito-flusso';
const CAMPI = 'erogazione.correzione-campi';

/** The esito concerns the flow this erogazione was exported in (as an insertion). */
function esitoRefusal(e: Erogazione, flusso: unknown): GuardRefusal | null {
  if (!isId(flusso)) return refusal(ESITO, "Manca il flusso SIUSS dell'esito", 'The SIUSS flow of the outcome is missing');
  const sent = e.esportazione;
  if (sent === undefined || sent.flusso !== flusso || sent.tipoOperazione !== 'I') {
    return refusal(ESITO, "L'esito riguarda un flusso che non porta questa erogazione", 'The outcome concerns a flow that does not carry this erogazione');
  }
  return null;
}

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
          `L'erogazione (${dateText(first)}) precede la valutazione su cui si basa (${dateText(data)})`,
          `The erogazione (${dateText(first, { lang: 'en' })}) predates the assessment it relies on (${dateText(data, { lang: 'en' })})`,
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
 * The Erogazione machine: `valida`, `liquida`, `esporta`, `annulla`, `registra-cancellazione`,
 * `acquisisci`, `respingi`, `correggi` (+ `segna-errore`). An exported erogazione is frozen: from
 * `esportata` only the esito of its flow (`acquisisci`, `respingi`), `annulla` and `segna-errore`;
 * from `acquisita` only `annulla` and `segna-errore`; a rejected one (`da-correggere`) is corrected
 * (`correggi`) or cancelled.
 *
 * @example
 * ```ts
 * import { erogazioneMachine } from '@riuso-sociale/csi-model';
 * erogazioneMachine.allowedEvents({ status: 'esportata' }); // ['annulla', 'acquisisci', 'respingi', 'segna-errore']
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
    from: ['registrata', 'validata', 'liquidata', 'esportata', 'acquisita', 'da-correggere'],
    to: 'annullata',
    reasonRequired: true,
    label: { it: 'Annulla', en: 'Cancel' },
    guard: (_e, { data }) =>
      data?.flusso === undefined || isId(data.flusso) ? null : refusal(FLUSSO, 'Identificativo del flusso di cancellazione non valido', 'Invalid identifier of the cancellation flow'),
    apply: (e, { data }, at) =>
      (e.status === 'esportata' || e.status === 'acquisita') && data?.flusso !== undefined ? { ...e, esportazione: { flusso: data.flusso, at, tipoOperazione: 'C' as const } } : e,
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
  acquisisci: spec<ErogazioneEventInputs['acquisisci']['data']>({
    from: ['esportata'],
    to: 'acquisita',
    label: { it: 'Acquisita dal SIUSS (esito OK)', en: 'Acquired by SIUSS (outcome OK)' },
    guard: (e, { data }) => {
      const r = esitoRefusal(e, data?.flusso);
      if (r !== null) return r;
      const id = data?.idAcquisizione;
      return id === undefined || (typeof id === 'string' && /\S/.test(id) && id.length <= 256)
        ? null
        : refusal(ESITO, 'Identificativo di acquisizione SIUSS non valido (1–256 caratteri)', 'Invalid SIUSS acquisition id (1–256 characters)');
    },
    apply: (e, { data }, at) => ({
      ...e,
      esportazione: { ...(e.esportazione as NonNullable<Erogazione['esportazione']>), acquisitaAt: at, ...(data?.idAcquisizione === undefined ? {} : { idAcquisizione: data.idAcquisizione }) },
    }),
  }),
  respingi: spec<ErogazioneEventInputs['respingi']['data']>({
    from: ['esportata'],
    to: 'da-correggere',
    reasonRequired: true,
    label: { it: 'Scartata dal SIUSS: da correggere', en: 'Rejected by SIUSS: to be corrected' },
    guard: (e, { data }) => {
      const r = esitoRefusal(e, data?.flusso);
      if (r !== null) return r;
      if (!CODICI_SCARTO.has(data?.codice as string)) {
        return refusal(ESITO, 'Codice di scarto non valido (DATI_NON_TROVATI, RICHIESTA_INVALIDA, ERRORE_GENERICO)', 'Invalid rejection code (DATI_NON_TROVATI, RICHIESTA_INVALIDA, ERRORE_GENERICO)');
      }
      const d = data?.descrizione;
      return d === undefined || (typeof d === 'string' && d.length <= 2000) ? null : refusal(ESITO, "Descrizione dell'esito oltre 2000 caratteri", 'Description of the outcome over 2000 characters');
    },
    apply: (e, { data }, at) => {
      // SIUSS does not hold it: the export is undone (the history keeps it), the rejection recorded.
      const { esportazione: _sent, ...rest } = e;
      const descrizione = data?.descrizione !== undefined && /\S/.test(data.descrizione) ? data.descrizione : undefined;
      return {
        ...rest,
        scarto: { flusso: data?.flusso as Id<'flusso-siuss'>, codice: data?.codice as NonNullable<Erogazione['scarto']>['codice'], at, ...(descrizione === undefined ? {} : { descrizione }) },
      } as Erogazione;
    },
  }),
  correggi: spec<ErogazioneEventInputs['correggi']['data'], ErogazioneContext>({
    from: ['da-correggere'],
    to: 'validata',
    label: { it: 'Corretta e validata di nuovo', en: 'Corrected and validated again' },
    guard: (e, { data, context }) => {
      const r = applyCorrections(e, data);
      if ('field' in r) {
        return refusal(CAMPI, `Il campo «${r.field}» non si corregge su un'erogazione scartata (solo ${CORRECTABLE_FIELDS.join(', ')})`, `Field "${r.field}" is not corrected on a rejected erogazione (only ${CORRECTABLE_FIELDS.join(', ')})`);
      }
      return erogazioneRefusals(r.entity, context)[0] ?? null;
    },
    apply: (e, { data }) => {
      const r = applyCorrections(e, data);
      return 'entity' in r ? r.entity : e;
    },
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
  // A rejected erogazione (da-correggere) has no `esportazione` left: SIUSS never held it.
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
  if (erogazione.status !== 'esportata' && erogazione.status !== 'acquisita') {
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
  delete merged['scarto'];
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
    id: ESITO,
    events: ['acquisisci', 'respingi'],
    text: {
      it: 'L\'esito di INPS si registra sull\'erogazione solo se riguarda il flusso che la porta (inserimento, TipoOperazione I): OK la rende «acquisita» (con id_acquisizione_siuss, resta congelata); DATI_NON_TROVATI, RICHIESTA_INVALIDA, ERRORE_GENERICO la rimandano agli operatori «da-correggere», con la descrizione di INPS come motivo.',
      en: 'INPS\'s outcome is recorded on the erogazione only when it concerns the flow that carries it (insertion, TipoOperazione I): OK makes it «acquisita» (with id_acquisizione_siuss; still frozen); DATI_NON_TROVATI, RICHIESTA_INVALIDA, ERRORE_GENERICO send it back to the operators as «da-correggere», with INPS\'s description as the reason.',
    },
    source: 'INPS api-comuni.yaml v2.0.1 (POST /esiti: codice_esito, descrizione_esito, id_acquisizione_siuss); shared/specs/waas-pdnd.md §3.9 (a rejected flow is fixed by publishing a new flow)',
  },
  {
    id: CAMPI,
    events: ['correggi'],
    text: {
      it: 'Un\'erogazione scartata si corregge nei campi del periodo, degli importi e quantità, del documento e della valutazione (CORRECTABLE_FIELDS), con gli stessi controlli di `valida`; non cambia persona né intervento (quella è un\'altra erogazione: si annulla).',
      en: 'A rejected erogazione is corrected in its period, amounts and quantities, document and assessment fields (CORRECTABLE_FIELDS), checked like `valida`; it does not change person or intervento (that is another erogazione: cancel it).',
    },
    source: 'scelta progettuale: SIUSS non ha acquisito il record, quindi si corregge e si rinvia in un nuovo flusso (waas-pdnd.md §3.9)',
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
    {
      it: 'Un\'erogazione corretta dopo uno scarto torna «validata», non «liquidata»: se era stata liquidata, la liquidazione resta nella storia, e `liquida` si può registrare di nuovo prima della prossima esportazione.',
      en: 'An erogazione corrected after a rejection goes back to «validata», not «liquidata»: when it had been paid, the payment stays in its history, and `liquida` may be recorded again before the next export.',
    },
  ],
};
