// SPDX-License-Identifier: BSD-3-Clause
/**
 * The lifecycles of the CSI entities: one machine per kind of `STATES`, typed transitions, the rules
 * their guards enforce, closing helpers, and the generated documentation.
 * @module
 */
export * from './accesso.js';
export * from './appuntamento.js';
export * from './assegnazione.js';
export * from './cartella.js';
export * from './consenso.js';
export type {
  BaseTransitionInput,
  EndDateData,
  LifecycleDefinition,
  LifecycleRule,
  ReasonInput,
  TransitionArgs,
  Transitioned,
  TransitionResult,
  TypedTransition,
} from './define.js';
export * from './diario.js';
export * from './docs.js';
export * from './documento.js';
export * from './erogazione.js';
export * from './flusso-siuss.js';
export * from './intervento.js';
export * from './obiettivo.js';
export * from './persona.js';
export * from './presa-in-carico.js';
export * from './progetto.js';
export * from './provvedimento.js';
export * from './registry.js';
export * from './valutazione.js';
