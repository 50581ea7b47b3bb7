// SPDX-License-Identifier: BSD-3-Clause
/**
 * Lifecycle of a Diario entry (spec §A3 #12: bozza → firmato, then immutable; corrections only as an
 * addendum — a new entry with `addendumDi` — spec §0 point 3 and §A5).
 * @module
 */
import { createIssue, fail, ok, type Issue, type Result } from '@riuso-sociale/core';
import type { GuardRefusal, LifecycleIssueCode } from '../machine.js';
import { defineMachine, type EventSpec } from '../machine.js';
import { refusal, typed, type LifecycleDefinition, type LifecycleRule, type TypedTransition } from './define.js';
import type { Diario } from '../entities/index.js';

type Spec<D = unknown, C = unknown> = EventSpec<'diario', Diario, D, C>;
const spec = <D = unknown, C = unknown>(s: Spec<D, C>): Spec<never, never> => s as Spec<never, never>;

/**
 * Context of an addendum: the signed entry it adds to.
 *
 * @example
 * ```ts
 * import type { DiarioContext } from '@riuso-sociale/csi-model';
 * const c: DiarioContext = {};
 * ```
 */
export interface DiarioContext {
  /** The entry the addendum refers to (`addendumDi`). */
  readonly originale?: Pick<Diario, 'id' | 'status' | 'persona'>;
}

/**
 * Inputs of the Diario events.
 *
 * @example
 * ```ts
 * import type { DiarioEventInputs } from '@riuso-sociale/csi-model';
 * const i: DiarioEventInputs['firma'] = {};
 * ```
 */
export interface DiarioEventInputs {
  /** Signs the entry: from then on it is immutable. An addendum needs its original (signed) in the context. */
  firma: {
    /** The original entry, for an addendum. */
    context?: DiarioContext;
  };
}

const TESTO = 'diario.testo-vuoto';
const ADDENDUM = 'diario.addendum';

function diarioRefusals(d: Diario, context: DiarioContext | undefined): GuardRefusal[] {
  const out: GuardRefusal[] = [];
  if (typeof d.testo !== 'string' || d.testo.trim() === '') out.push(refusal(TESTO, 'Il testo della nota è vuoto', 'The text of the entry is empty'));
  if (d.addendumDi !== undefined) {
    const o = context?.originale;
    if (o === undefined) out.push(refusal(ADDENDUM, 'Un addendum richiede nel contesto la nota originale', 'An addendum needs the original entry in the context'));
    else if (o.id !== d.addendumDi) out.push(refusal(ADDENDUM, 'La nota nel contesto non è quella a cui si riferisce l\'addendum', 'The entry in the context is not the one the addendum refers to'));
    else if (o.status !== 'firmato') out.push(refusal(ADDENDUM, `Un addendum si aggiunge solo a una nota firmata (stato «${o.status}»)`, `An addendum is added only to a signed entry (state "${o.status}")`));
    else if (o.persona !== d.persona) out.push(refusal(ADDENDUM, 'L\'addendum riguarda una persona diversa dalla nota originale', 'The addendum is about a person other than the original entry\'s'));
  }
  return out;
}

/**
 * The Diario machine: `firma` (+ `segna-errore`). A signed entry accepts no event but `segna-errore`.
 *
 * @example
 * ```ts
 * import { diarioMachine } from '@riuso-sociale/csi-model';
 * diarioMachine.allowedEvents({ status: 'firmato' }); // ['segna-errore']
 * ```
 */
export const diarioMachine = defineMachine<'diario', Diario, keyof DiarioEventInputs>('diario', 'bozza', {
  firma: spec<unknown, DiarioContext>({
    from: ['bozza'],
    to: 'firmato',
    label: { it: 'Firma', en: 'Sign' },
    guard: (d, { context }) => diarioRefusals(d, context)[0] ?? null,
  }),
});

/**
 * Typed transition of a Diario entry.
 *
 * @example
 * ```ts
 * import { transitionDiario } from '@riuso-sociale/csi-model';
 * // transitionDiario(nota, 'firma', actor, at);
 * ```
 */
export const transitionDiario: TypedTransition<Diario, DiarioEventInputs> = typed<'diario', Diario, DiarioEventInputs>(diarioMachine);

/**
 * Checks a new diario entry before it is stored: an addendum (`addendumDi`) refers to a signed entry
 * about the same person, given in the context. Returns the entry or every refusal
 * (`csi.lifecycle.guard`, `params.rule`, `params.event = 'crea'`). An empty draft is allowed (the
 * text is checked at `firma`).
 *
 * @param diario - the new entry.
 * @param context - the original entry, for an addendum.
 * @example
 * ```ts
 * import { checkNewDiario } from '@riuso-sociale/csi-model';
 * // checkNewDiario(addendum, { originale }).ok; // true when originale is signed and about the same person
 * ```
 */
export function checkNewDiario<D extends Diario>(diario: D, context?: DiarioContext): Result<D, LifecycleIssueCode> {
  const issues = diarioRefusals(diario, context)
    .filter((r) => r.rule !== TESTO)
    .map((r): Issue<LifecycleIssueCode> => createIssue('csi.lifecycle.guard', r.message, { params: { event: 'crea', rule: r.rule } }));
  return issues.length === 0 ? ok(diario) : fail(issues as [Issue<LifecycleIssueCode>, ...Issue<LifecycleIssueCode>[]]);
}

const RULES: readonly LifecycleRule[] = [
  {
    id: TESTO,
    events: ['firma'],
    text: { it: 'Non si firma una nota senza testo.', en: 'An entry without text is not signed.' },
    source: 'scelta progettuale: una nota firmata e vuota non è correggibile (è immutabile)',
  },
  {
    id: ADDENDUM,
    events: ['crea', 'firma'],
    helpers: ['checkNewDiario'],
    text: {
      it: 'Una nota firmata è immutabile (nessun evento salvo `segna-errore`); si corregge solo con un addendum: una nuova nota con `addendumDi` che si riferisce a una nota firmata della stessa persona, fornita nel contesto.',
      en: 'A signed entry is immutable (no event but `segna-errore`); it is corrected only by an addendum: a new entry with `addendumDi` referring to a signed entry about the same person, given in the context.',
    },
    source: 'spec §A3 #12 («bozza → firmato (immutable; corrections only as an addendum)»), §0 punto 3 («No hard deletes: use entered-in-error plus an addendum»)',
  },
];

/**
 * The documented Diario lifecycle.
 *
 * @example
 * ```ts
 * import { DIARIO_LIFECYCLE } from '@riuso-sociale/csi-model';
 * DIARIO_LIFECYCLE.machine.initial; // 'bozza'
 * ```
 */
export const DIARIO_LIFECYCLE: LifecycleDefinition<'diario'> = {
  kind: 'diario',
  machine: diarioMachine as unknown as LifecycleDefinition<'diario'>['machine'],
  title: { it: 'Diario sociale', en: 'Social-care diary' },
  summary: {
    it: 'Una nota di diario (colloquio, visita domiciliare, telefonata, équipe, rete) si scrive in bozza e si firma; firmata, è immutabile. Le correzioni sono addendum: nuove note che richiamano quella firmata.',
    en: 'A diary entry (interview, home visit, call, team meeting, network) is written as a draft and signed; once signed it is immutable. Corrections are addenda: new entries that refer to the signed one.',
  },
  sources: ['shared/specs/csi-and-riuso.md §A3 #12 (bozza → firmato), §0 punto 3 e §A5 (niente cancellazioni; addendum)'],
  rules: RULES,
};
