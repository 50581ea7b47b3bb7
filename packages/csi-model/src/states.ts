// SPDX-License-Identifier: BSD-3-Clause
/**
 * The states of every entity with a lifecycle (shared/specs/csi-and-riuso.md §A3, FHIR R4 statuses
 * where the spec follows FHIR). `entered-in-error` is a state of every lifecycle: nothing is deleted.
 * @module
 */

/**
 * States of each lifecycle, by entity kind.
 *
 * @example
 * ```ts
 * import { STATES } from '@riuso-sociale/csi-model';
 * STATES['presa-in-carico']; // ['proposta', 'attiva', 'sospesa', 'chiusa', 'trasferita', 'annullata', 'entered-in-error']
 * ```
 */
export const STATES = {
  persona: ['attiva', 'deceduta', 'unita', 'entered-in-error'],
  cartella: ['aperta', 'chiusa', 'entered-in-error'],
  accesso: ['registrato', 'in-valutazione', 'esitato', 'entered-in-error'],
  'presa-in-carico': ['proposta', 'attiva', 'sospesa', 'chiusa', 'trasferita', 'annullata', 'entered-in-error'],
  valutazione: ['bozza', 'completata', 'validata', 'superata', 'entered-in-error'],
  progetto: ['bozza', 'proposto', 'attivo', 'in-revisione', 'concluso', 'interrotto', 'entered-in-error'],
  obiettivo: ['proposto', 'attivo', 'raggiunto', 'parzialmente-raggiunto', 'non-raggiunto', 'annullato', 'entered-in-error'],
  intervento: ['proposto', 'in-lista-attesa', 'autorizzato', 'in-erogazione', 'sospeso', 'concluso', 'revocato', 'rifiutato', 'entered-in-error'],
  erogazione: ['registrata', 'validata', 'liquidata', 'esportata', 'acquisita', 'da-correggere', 'annullata', 'entered-in-error'],
  diario: ['bozza', 'firmato', 'entered-in-error'],
  documento: ['acquisito', 'protocollato', 'in-conservazione', 'scartato', 'entered-in-error'],
  provvedimento: ['attivo', 'modificato', 'cessato', 'entered-in-error'],
  consenso: ['proposto', 'attivo', 'revocato', 'scaduto', 'rifiutato', 'entered-in-error'],
  assegnazione: ['attiva', 'terminata', 'entered-in-error'],
  'flusso-siuss': ['generato', 'inviato', 'accettato', 'scartato', 'entered-in-error'],
  appuntamento: ['programmato', 'confermato', 'svolto', 'annullato', 'non-presentato', 'entered-in-error'],
} as const satisfies Record<string, readonly [string, ...string[]]>;

/**
 * An entity kind that has a lifecycle.
 *
 * @example
 * ```ts
 * import type { LifecycleKind } from '@riuso-sociale/csi-model';
 * const k: LifecycleKind = 'erogazione';
 * ```
 */
export type LifecycleKind = keyof typeof STATES;

/**
 * A state of the lifecycle of `K`.
 *
 * @example
 * ```ts
 * import type { StateOf } from '@riuso-sociale/csi-model';
 * const s: StateOf<'erogazione'> = 'esportata';
 * ```
 */
export type StateOf<K extends LifecycleKind> = (typeof STATES)[K][number];
