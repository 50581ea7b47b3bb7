// SPDX-License-Identifier: BSD-3-Clause
/**
 * Record bundles for the fascicolo tests, built from csi-model's own samples (every record valid by
 * its schema): Mario Rossi's case (an adult with home care, a plan, payments, a diary note, a
 * confidential report, a consent, a support network, an ISEE household, an appointment), and his
 * daughter Giulia (a minor) with the court order the samples give her.
 *
 * Codici fiscali computed with @riuso-sociale/fiscal-code (check characters valid):
 * Giulia Rossi F 2010-05-15 Roma → RSSGLI10E55H501Z; Anna Rossi F 2012-02-29 Roma → RSSNNA12B69H501Q;
 * Paolo Verdi M 1975-07-20 Milano → VRDPLA75L20F205B; Carla Neri F 1978-11-02 Milano → NRECRL78S42F205G.
 */
import type { CitizenRecord } from '../../src/index.js';
import { SAMPLE_IDS, sample, sampleEntities } from '../../../csi-model/src/entities/samples.js';

export { SAMPLE_IDS, sample };

export const MARIO_CF = 'RSSMRA80A01H501U';
export const GIULIA_CF = 'RSSGLI10E55H501Z';
export const ANNA_CF = 'RSSNNA12B69H501Q';
export const PAOLO_CF = 'VRDPLA75L20F205B';
export const CARLA_CF = 'NRECRL78S42F205G';

/** Mario Rossi's whole case: one record of every kind about him (the court order is his daughter's). */
export function marioRecord(): CitizenRecord {
  const s = sampleEntities();
  return {
    persona: s.persona,
    cartella: [s.cartella],
    accesso: [s.accesso],
    'presa-in-carico': [s['presa-in-carico']],
    valutazione: [s.valutazione],
    progetto: [s.progetto],
    obiettivo: [s.obiettivo],
    intervento: [s.intervento],
    erogazione: [s.erogazione],
    diario: [s.diario],
    documento: [s.documento],
    provvedimento: [s.provvedimento],
    consenso: [s.consenso],
    'rete-sociale': [s['rete-sociale']],
    'nucleo-familiare': [s['nucleo-familiare']],
    appuntamento: [s.appuntamento],
    servizio: [s.servizio],
  };
}

/** The records of Mario's bundle that are about Mario (the court order is not). */
export const MARIO_RECORDS = 14;

/** Giulia, a minor born on `birth` (default 2010-05-15), with a cartella and, optionally, court orders. */
export function giuliaRecord(options: { birth?: string; cf?: string; provvedimento?: Record<string, unknown> | null } = {}): CitizenRecord {
  const persona = sample('persona', {
    id: SAMPLE_IDS.figlia,
    codiceFiscale: options.cf ?? GIULIA_CF,
    nome: options.cf === ANNA_CF ? 'Anna' : 'Giulia',
    sesso: '2',
    dataNascita: options.birth ?? '2010-05-15',
    capacitaGiuridica: undefined,
    contatti: undefined,
  });
  const cartella = sample('cartella', { id: '00000000-0000-4000-8000-000000000204', persona: SAMPLE_IDS.figlia, minore: true, tutelaAutoritaGiudiziaria: true });
  const orders =
    options.provvedimento === null
      ? []
      : [sample('provvedimento', { ...(options.provvedimento ?? {}) } as never)];
  return { persona, cartella: [cartella], provvedimento: orders };
}

/**
 * The lifecycle fields of a record that went through `steps` (status, event, instant): `status`,
 * `history`, `updatedAt` (the last step) and `version`, as the lifecycle engine leaves them.
 */
export function lived(steps: readonly (readonly [status: string, event: string, at: string, reason?: string])[]): Record<string, unknown> {
  const history = steps.map(([status, event, at, reason]) => ({ status, event, at, by: SAMPLE_IDS.operatore, ...(reason !== undefined ? { reason } : {}) }));
  const last = steps[steps.length - 1] as readonly [string, string, string];
  return { status: last[0], history, updatedAt: last[2], version: steps.length };
}
