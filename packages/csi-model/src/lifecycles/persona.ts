// SPDX-License-Identifier: BSD-3-Clause
/**
 * Lifecycle of a Persona (spec §A3 #1: attiva / deceduta / unita; FHIR R4 Patient `deceased[x]` and
 * `link` of type `replaced-by` for a merged duplicate).
 * @module
 */
import type { IsoDate } from '@riuso-sociale/core';
import type { Id } from '../ids.js';
import { defineMachine, type EventSpec } from '../machine.js';
import { dateInItaly, isDate, isId, refusal, typed, without, type LifecycleDefinition, type LifecycleRule, type TypedTransition, type ReasonInput } from './define.js';
import type { Persona } from '../entities/index.js';

type Spec<D = unknown, C = unknown> = EventSpec<'persona', Persona, D, C>;
const spec = <D = unknown, C = unknown>(s: Spec<D, C>): Spec<never, never> => s as Spec<never, never>;

/**
 * Inputs of the Persona events (what `transitionPersona` requires for each event).
 *
 * @example
 * ```ts
 * import type { PersonaEventInputs } from '@riuso-sociale/csi-model';
 * const i: PersonaEventInputs['registra-decesso'] = { data: { dataDecesso: '2025-03-01' as never } };
 * ```
 */
export interface PersonaEventInputs {
  /** Records the death (the date of death is mandatory). */
  'registra-decesso': {
    /** The date of death. */
    data: {
      /** Date of death: not before the birth, not in the future. */
      readonly dataDecesso: IsoDate;
    };
  };
  /** Undoes a death recorded by mistake (the person is alive). */
  'annulla-decesso': ReasonInput;
  /** Merges this duplicate into the surviving record `unitaA` (optionally given in the context to check it). */
  unisci: ReasonInput & {
    /** The surviving record. */
    data: {
      /** The record this one is merged into. */
      readonly unitaA: Id<'persona'>;
    };
    /** The surviving record itself, to check it. */
    context?: {
      /** The record `unitaA` (it must be neither merged nor entered in error). */
      readonly sopravvissuta?: Pick<Persona, 'id' | 'status'>;
    };
  };
  /** Undoes a merge. */
  separa: ReasonInput;
}

const DATA_DECESSO = 'persona.data-decesso';
const UNIONE = 'persona.unione';
const SEPARA_DECEDUTA = 'persona.separa-deceduta';

/**
 * The Persona machine: `registra-decesso`, `annulla-decesso`, `unisci`, `separa` (+ `segna-errore`).
 *
 * @example
 * ```ts
 * import { personaMachine } from '@riuso-sociale/csi-model';
 * personaMachine.allowedEvents({ status: 'attiva' }); // ['registra-decesso', 'unisci', 'segna-errore']
 * ```
 */
export const personaMachine = defineMachine<'persona', Persona, keyof PersonaEventInputs>('persona', 'attiva', {
  'registra-decesso': spec<PersonaEventInputs['registra-decesso']['data']>({
    from: ['attiva'],
    to: 'deceduta',
    label: { it: 'Registra il decesso', en: 'Record the death' },
    guard: (p, { data }, at) => {
      const d = data?.dataDecesso;
      if (!isDate(d)) return refusal(DATA_DECESSO, 'Data del decesso mancante o non valida (AAAA-MM-GG)', 'Date of death missing or invalid (YYYY-MM-DD)');
      if (d < p.dataNascita) return refusal(DATA_DECESSO, 'La data del decesso precede la data di nascita', 'The date of death precedes the date of birth');
      if (d > dateInItaly(at)) return refusal(DATA_DECESSO, 'La data del decesso è nel futuro', 'The date of death is in the future');
      return null;
    },
    apply: (p, { data }) => ({ ...p, dataDecesso: data?.dataDecesso as IsoDate }),
  }),
  'annulla-decesso': spec({
    from: ['deceduta'],
    to: 'attiva',
    reasonRequired: true,
    label: { it: 'Annulla la registrazione del decesso', en: 'Undo the recorded death' },
    apply: (p) => without(p, 'dataDecesso'),
  }),
  unisci: spec<PersonaEventInputs['unisci']['data'], NonNullable<PersonaEventInputs['unisci']['context']>>({
    from: ['attiva', 'deceduta'],
    to: 'unita',
    reasonRequired: true,
    label: { it: 'Unisci a un altro record (duplicato)', en: 'Merge into another record (duplicate)' },
    guard: (p, { data, context }) => {
      const target = data?.unitaA;
      if (!isId(target)) return refusal(UNIONE, 'Manca il record in cui unire la persona (unitaA)', 'The record to merge the person into (unitaA) is missing');
      if (target === p.id) return refusal(UNIONE, 'Una persona non può essere unita a sé stessa', 'A person cannot be merged into itself');
      const s = context?.sopravvissuta;
      if (s !== undefined && (s.id !== target || s.status === 'unita' || s.status === 'entered-in-error')) {
        return refusal(UNIONE, 'Il record di destinazione non è attivo (è a sua volta unito o inserito per errore) o non è quello indicato', 'The target record is not active (merged itself or entered in error) or is not the one given');
      }
      return null;
    },
    apply: (p, { data }) => ({ ...p, unitaA: data?.unitaA as Id<'persona'> }),
  }),
  separa: spec({
    from: ['unita'],
    to: 'attiva',
    reasonRequired: true,
    label: { it: 'Annulla l\'unione', en: 'Undo the merge' },
    guard: (p) =>
      p.dataDecesso === undefined
        ? null
        : refusal(SEPARA_DECEDUTA, 'La persona unita ha una data di decesso: non può tornare attiva con «separa»', 'The merged person has a date of death: «separa» cannot make it active again'),
    apply: (p) => without(p, 'unitaA'),
  }),
});

/**
 * Typed transition of a Persona: `data` and `context` are typed per event.
 *
 * @example
 * ```ts
 * import { transitionPersona } from '@riuso-sociale/csi-model';
 * // const r = transitionPersona(persona, 'registra-decesso', actor, at, { data: { dataDecesso: '2025-03-01' } });
 * ```
 */
export const transitionPersona: TypedTransition<Persona, PersonaEventInputs> = typed<'persona', Persona, PersonaEventInputs>(personaMachine);

const RULES: readonly LifecycleRule[] = [
  {
    id: DATA_DECESSO,
    events: ['registra-decesso'],
    text: { it: 'La data del decesso è obbligatoria, non precede la nascita e non è nel futuro (data in Italia).', en: 'The date of death is mandatory, not before the birth and not in the future (date in Italy).' },
    source: 'spec §A3 #1 (stato deceduta); FHIR R4 Patient.deceasedDateTime',
  },
  {
    id: UNIONE,
    events: ['unisci'],
    text: { it: 'L\'unione indica il record sopravvissuto (diverso da sé); se fornito nel contesto, questo non è a sua volta unito né inserito per errore.', en: 'A merge names the surviving record (not itself); when given in the context, it is neither merged itself nor entered in error.' },
    source: 'spec §A3 #1 (stato unita, deduplicazione); FHIR R4 Patient.link type replaced-by',
  },
  {
    id: SEPARA_DECEDUTA,
    events: ['separa'],
    text: { it: 'Una persona unita con una data di decesso non torna attiva con «separa».', en: 'A merged person with a date of death does not become active through «separa».' },
    source: 'scelta progettuale: lo stato attiva non ammette una data di decesso',
  },
];

/**
 * The documented Persona lifecycle (machine, rules, sources).
 *
 * @example
 * ```ts
 * import { PERSONA_LIFECYCLE } from '@riuso-sociale/csi-model';
 * PERSONA_LIFECYCLE.rules.length; // 3
 * ```
 */
export const PERSONA_LIFECYCLE: LifecycleDefinition<'persona'> = {
  kind: 'persona',
  machine: personaMachine as unknown as LifecycleDefinition<'persona'>['machine'],
  title: { it: 'Persona', en: 'Person' },
  summary: {
    it: 'La persona assistita (o collegata) è attiva finché non se ne registra il decesso o non viene unita a un altro record che la duplica. Il decesso registrato per errore si annulla; l\'unione si annulla con «separa».',
    en: 'The person (assisted or related) is active until their death is recorded or the record is merged into another one that duplicates it. A death recorded by mistake is undone; a merge is undone with «separa».',
  },
  sources: ['shared/specs/csi-and-riuso.md §A3 #1 (attiva / deceduta / unita)', 'HL7 FHIR R4 Patient (deceased[x], link replaced-by)'],
  rules: RULES,
};
