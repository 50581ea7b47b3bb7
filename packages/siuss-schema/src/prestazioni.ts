// SPDX-License-Identifier: BSD-3-Clause
/**
 * The codici prestazione a SIUSS flow may carry (`PrestazioniSociali@CodicePrestazione`,
 * `SINA/NecessitaInterventiSociali/CodicePrestazione`, `SINBA/Prestazioni/CodicePrestazione`): the
 * XSD only says "5–10 characters"; the values come from DM 16/12/2014 n. 206, Tabella 1 (sections
 * A1 contributi economici, A2 interventi e servizi, A3 strutture; A4 INPS benefits and A5 tax reliefs
 * are loaded by other bodies) plus codes INPS added later.
 *
 * Provenance, per entry in `source`:
 * - the 36 codes of Tabella 1 (A1.01–A1.20, A2.01–A2.12, A3.01–A3.03, Z9.99): codes confirmed by SISO
 *   (RegioneUmbria-RCB/SISO) and OpenMSP; **labels are a third-party transcription** (repository
 *   lsantalu/OpenMSP, `OpenMSP/inps.py`, BSD-3-Clause), not checked against the Gazzetta Ufficiale;
 * - A1.04.03 and A1.05.01: INPS messaggio n. 1244 del 18/03/2022;
 * - A2.16: label known only as a `DenominazionePrestazione` in the INPS WaaS examples (`api-comuni.yaml`);
 * - A1.23, A2.14, A2.17–A2.21, A3.04: codes that exist (used by SISO and/or the INPS WaaS examples)
 *   but whose label was not found (`label: null`).
 *
 * The authoritative, current table is downloadable only inside the INPS SIUSS web application
 * (messaggio INPS n. 549/2022): this list is therefore incomplete by construction, and an unknown
 * code is only a warning (`siuss.rule.prestazione_code_unknown`). Labels are for display: the
 * `DenominazionePrestazione` of a flow is free text and is never compared with them.
 * @module
 */

/** One codice prestazione. */
export interface PrestazioneEntry {
  /** The code as written in a flow (`A1.16`, `A1.05.01`). */
  readonly code: string;
  /** Section of DM 206/2014 Tabella 1 (`A1`, `A2`, `A3`, `Z9`). */
  readonly section: string;
  /** Label (Italian), `null` when no source for it was found. */
  readonly label: string | null;
  /** Where the code and its label come from. */
  readonly source: string;
}

const DM206_SOURCE =
  "DM 16/12/2014 n. 206, Tabella 1; etichetta: trascrizione di terzi (lsantalu/OpenMSP, OpenMSP/inps.py), non verificata sulla Gazzetta Ufficiale";
const NO_LABEL_SOURCE =
  'Codice in uso (SISO, RegioneUmbria-RCB/SISO, e/o esempi INPS WaaS api-comuni.yaml); etichetta non trovata';

const entry = (code: string, label: string | null, source: string): PrestazioneEntry =>
  Object.freeze({ code, section: code.slice(0, 2), label, source });
const dm206 = (code: string, label: string): PrestazioneEntry => entry(code, label, DM206_SOURCE);
const noLabel = (code: string): PrestazioneEntry => entry(code, null, NO_LABEL_SOURCE);

/**
 * Every known codice prestazione (see the module comment for the provenance of each group).
 *
 * @example
 * ```ts
 * import { SIUSS_PRESTAZIONI } from '@riuso-sociale/siuss-schema';
 * SIUSS_PRESTAZIONI.filter((p) => p.section === 'A3').map((p) => p.code); // ['A3.01', 'A3.02', 'A3.03', 'A3.04']
 * ```
 */
export const SIUSS_PRESTAZIONI: readonly PrestazioneEntry[] = Object.freeze([
  dm206('A1.01', 'Assegno per il nucleo familiare erogati dai comuni'),
  dm206('A1.02', 'Assegno Maternità erogato dai Comuni'),
  dm206('A1.03', 'Carta acquisti'),
  dm206('A1.04', 'Contributi economici a integrazione del reddito Familiare'),
  dm206('A1.05', 'Contributi economici per alloggio'),
  dm206('A1.06', 'Buoni spesa o buoni pasto'),
  dm206('A1.07', 'Contributi e integrazioni a rette per asili nido'),
  dm206('A1.08', 'Contributi e integrazioni a rette per servizi integrativi o innovativi per la prima infanzia'),
  dm206('A1.09', 'Contributi economici per i servizi scolastici'),
  dm206('A1.10', 'Contributi economici per cure o prestazioni sociali a rilevanza sanitaria'),
  dm206('A1.11', "Assegnazioni economiche per il sostegno della domiciliarità e dell'autonomia personale"),
  dm206('A1.12', 'Contributi e integrazioni a rette per accesso a centri Diurni'),
  dm206('A1.13', 'Contributi e integrazioni a rette per accesso ai servizi semi-residenziali'),
  dm206('A1.14', 'Contributi e integrazioni a rette per accesso a servizi Residenziali'),
  dm206('A1.15', 'Contributi per servizi alla persona'),
  dm206('A1.16', 'Contributi economici per servizio trasporto e mobilità'),
  dm206('A1.17', "Contributi economici erogati a titolo di prestito/prestiti d'onore"),
  dm206('A1.18', "Contributi economici per l'inserimento lavorativo"),
  dm206('A1.19', 'Borse di studio'),
  dm206('A1.20', 'Buono vacanze'),
  dm206('A2.01', 'Mensa sociale'),
  dm206('A2.02', 'Sostegno socio-educativo territoriale o domiciliare'),
  dm206('A2.03', 'Prestazioni del diritto allo studio universitario'),
  dm206('A2.04', 'Agevolazioni per tasse universitarie'),
  dm206('A2.05', 'Agevolazioni per i servizi di pubblica utilità (telefono, luce, gas)'),
  dm206('A2.06', 'Agevolazioni tributarie comunali (nettezza urbana, ecc.)'),
  dm206('A2.07', 'Assistenza domiciliare socio-assistenziale'),
  dm206('A2.08', 'A.D.I.- Assistenza domiciliare integrata con servizi Sanitari'),
  dm206('A2.09', "Supporto all'inserimento lavorativo"),
  dm206('A2.10', 'Servizi integrativi per la prima infanzia'),
  dm206('A2.11', 'Sostegno socio-educativo scolastico'),
  dm206('A2.12', 'Mensa scolastica'),
  dm206('A3.01', 'Strutture semiresidenziali'),
  dm206('A3.02', 'Strutture residenziali'),
  dm206('A3.03', 'Asilo Nido'),
  dm206('Z9.99', 'Altro'),
  entry('A1.04.03', 'Misure delle Province autonome con finalità analoghe al Reddito di cittadinanza (art. 13, co. 2, D.L. 4/2019)', 'INPS messaggio n. 1244 del 18-03-2022 (via pensionifacili.it / consulenza.it / anciveneto.org)'),
  entry('A1.05.01', 'Contributi economici per affitti erogati dai Comuni a valere sulle risorse del Fondo nazionale a sostegno delle locazioni (L.431/98) non cumulabili con la quota b del Reddito di Cittadinanza', 'INPS messaggio n. 1244 del 18-03-2022; SISO rende DataEvento obbligatoria per questo codice (data di effettiva erogazione, cassa)'),
  entry('A2.16', 'Interventi di supporto per reperimento alloggi', 'solo come DenominazionePrestazione negli esempi INPS WaaS (api-comuni.yaml); non confermato da tabella ufficiale'),
  noLabel('A1.23'),
  noLabel('A2.14'),
  noLabel('A2.17'),
  noLabel('A2.18'),
  noLabel('A2.19'),
  noLabel('A2.20'),
  noLabel('A2.21'),
  noLabel('A3.04'),
]);

const BY_CODE: ReadonlyMap<string, PrestazioneEntry> = new Map(SIUSS_PRESTAZIONI.map((p) => [p.code, p]));

/**
 * The shape of a codice prestazione: a section (`A1`, `Z9`), a dot, two digits, optionally a dot and
 * two more digits (`A1.16`, `A1.05.01`). Every code of Tabella 1 and of the later INPS additions has it.
 *
 * @example
 * ```ts
 * import { PRESTAZIONE_CODE_PATTERN } from '@riuso-sociale/siuss-schema';
 * PRESTAZIONE_CODE_PATTERN.test('A1.05.01'); // true
 * PRESTAZIONE_CODE_PATTERN.test('A1-05');    // false
 * ```
 */
export const PRESTAZIONE_CODE_PATTERN = /^[A-Z][0-9]\.[0-9]{2}(?:\.[0-9]{2})?$/;

/**
 * Looks a codice prestazione up in {@link SIUSS_PRESTAZIONI} (exact match: no trimming, no case folding).
 *
 * @example
 * ```ts
 * import { findPrestazione } from '@riuso-sociale/siuss-schema';
 * findPrestazione('A1.16')?.label; // 'Contributi economici per servizio trasporto e mobilità'
 * findPrestazione('A9.99');        // undefined
 * ```
 */
export function findPrestazione(code: string): PrestazioneEntry | undefined {
  return BY_CODE.get(code);
}
