// SPDX-License-Identifier: BSD-3-Clause
/**
 * A minor in care with a validated SINBA assessment, added to an Ente seeded by `seedEnte`, through
 * store sessions as the intake runs: the person, a minor's cartella, the presa in carico (area famiglia
 * e minori) with the social worker and the export account assigned, activated; the SINBA assessment
 * (the data of csi-model's `sampleSinba`: a 12-year-old referred by the school), completed and
 * validated; a socio-educational intervento (A2.02), authorised and started. Fictitious data, valid
 * codici fiscali (computed with @riuso-sociale/fiscal-code).
 */
import type { Instant } from '@riuso-sociale/csi-model';
import type { Store } from '../../src/index.js';
import { assignCase, ITALIANA, must, run, type Seeded } from './fixture.js';

/** Codici fiscali of the minors (Romano Sofia, F, 2013-02-10, Bologna; Greco Luca, M, 2016-07-21, Bologna). */
export const CF_MINORI = { sofia: 'RMNSFO13B50A944Y', luca: 'GRCLCU16L21A944P' } as const;

/** What identifies the first minor: none of it may appear in a SINBA flow. */
export const SOFIA = { codiceFiscale: CF_MINORI.sofia, cognome: 'Romano', nome: 'Sofia', dataNascita: '2013-02-10' } as const;

const AREA_MINORI = { system: 'siuss.area-utenza', version: 'PS_PSA_SINA201812', code: '1' };
const RESIDENZA = { codiceComuneIstat: '037006', codiceRegione: '08', codiceNazione: '380', indirizzo: 'Via dei Giardini 3' };

/** The SINBA block of csi-model's `sampleSinba()`. */
export const SINBA_BLOCK = {
  minoreStranieroNoAcc: '2', condizioneMinore: '1', luogoVita: '1', scuolaFrequentata: '6', condizioneLavoro: '1', disabilita: '2',
  codiceCittadinanzaPadre: '380', codiceCittadinanzaMadre: '380', codiceRegioneResidenzaPadre: '03', codiceRegioneResidenzaMadre: '03',
  titoloStudioPadre: '5', titoloStudioMadre: '6', occupazionePadre: '7', occupazioneMadre: '1',
  dataPrimaSegnalazione: '2025-01-15', fonteSegnalazione: '13', valutazioneMinore: '2', valutazioneFamigliaMinore: '2',
  segnalazioneAutoritaGiudiziaria: '1', dataSegnalazione: '2025-02-01', provvedimentoGiudiziario: '1', dataProvvedimentoGiudiziario: '2025-03-10',
  autoritaProvvedimento: '2', potestaTutela: '3', tipoProvvedimentoGiudiziario: '7', collaborazioniInterventi: '7', composizioneFamiglia: ['1', '2'],
};

export interface SeededMinore {
  readonly persona: string;
  readonly cartella: string;
  readonly presa: string;
  readonly valutazione: string;
  readonly intervento: string | null;
}

export interface MinoreOptions {
  /** Who (default Sofia). */
  readonly persona?: { readonly codiceFiscale: string; readonly cognome: string; readonly nome: string; readonly sesso: '1' | '2'; readonly dataNascita: string };
  /** Without an intervento: the SINBA record has no prestazione (refused by the adapter). */
  readonly intervento?: boolean;
  /** Date of the assessment (default 2025-03-20). */
  readonly data?: string;
}

/** Adds a minor in care with a validated SINBA assessment (see the module notes). */
export async function addMinore(store: Store, seeded: Seeded, options: MinoreOptions = {}): Promise<SeededMinore> {
  const t = (s: string) => s as Instant;
  const who = options.persona ?? { ...SOFIA, sesso: '2' as const };
  const intake = await run(store, seeded.ente, seeded.as, async (s) => {
    const at = t('2025-03-17T09:00:00Z');
    const persona = must(
      await s.create('persona', { ...who, luogoNascita: 'A944', cittadinanza: ITALIANA, residenza: RESIDENZA } as never, { at }),
    );
    const cartella = must(await s.create('cartella', { persona: persona.id, apertaIl: '2025-03-17', responsabile: seeded.as.operatoreId, minore: true, tutelaAutoritaGiudiziaria: true } as never, { at }));
    const presa = must(await s.create('presa-in-carico', { cartella: cartella.id, persona: persona.id, areaUtenza: AREA_MINORI, servizio: seeded.servizio, caseManager: seeded.as.operatoreId, avviataIl: '2025-03-17' } as never, { at }));
    return { ok: true as const, value: { persona: persona.id, cartella: cartella.id, presa: presa.id } };
  });
  await assignCase(store, seeded, intake, '2025-03-17', t('2025-03-17T09:30:00Z'));
  const care = await run<{ valutazione: string; intervento: string | null }>(store, seeded.ente, seeded.as, async (s) => {
    must(await s.transition('presa-in-carico', intake.presa, 'attiva', { expectedVersion: 1, at: t('2025-03-18T08:30:00Z') }));
    const valutazione = must(
      await s.create('valutazione', { persona: intake.persona, presaInCarico: intake.presa, tipo: 'sinba', data: options.data ?? '2025-03-20', sinba: SINBA_BLOCK } as never, { at: t('2025-03-20T10:00:00Z') }),
    );
    must(await s.transition('valutazione', valutazione.id, 'completa', { expectedVersion: 1, at: t('2025-03-20T12:00:00Z') }));
    must(await s.transition('valutazione', valutazione.id, 'valida', { expectedVersion: 2, at: t('2025-03-21T09:00:00Z') }));
    if (options.intervento === false) return { ok: true as const, value: { valutazione: valutazione.id, intervento: null } };
    const intervento = must(
      await s.create('intervento', {
        persona: intake.persona, presaInCarico: intake.presa, senzaPresaInCarico: false,
        prestazione: { system: 'siuss.prestazione', version: 'DM206-2014-T1', code: 'A2.02' }, denominazione: 'Sostegno socio-educativo domiciliare',
        areaUtenza: AREA_MINORI, carattere: '1', provaMezzi: '4', dal: '2025-04-01', al: '2025-12-31', quantitaOreMese: 8, enteGestore: 'Cooperativa sociale Esempio',
      } as never, { at: t('2025-03-24T09:00:00Z') }),
    );
    must(await s.transition('intervento', intervento.id, 'autorizza', { expectedVersion: 1, at: t('2025-03-25T11:00:00Z'), data: { attoAutorizzativo: { numero: 'DD 2001/2025', data: '2025-03-25' } } }));
    must(await s.transition('intervento', intervento.id, 'avvia', { expectedVersion: 2, at: t('2025-04-01T09:00:00Z') }));
    return { ok: true as const, value: { valutazione: valutazione.id, intervento: intervento.id } };
  });
  return { ...intake, ...care };
}
