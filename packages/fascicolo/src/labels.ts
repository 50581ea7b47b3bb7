// SPDX-License-Identifier: BSD-3-Clause
/**
 * Plain-language labels of a citizen view: the Designers Italia status words, and the names of the
 * model's codes in Italian and English.
 *
 * Status words: Designers Italia, *Modello Comuni*, area personale templates
 * (`italia/design-comuni-pagine-statiche`, `src/pages/sito/template-area-personale*.hbs`: *Conclusa,
 * In attesa, Da completare, In sospeso, Pagato, Da pagare*; filter states *in elaborazione, accettate,
 * rifiutate*; detail timeline "Presa in carico", "In elaborazione") — shared/specs/fascicolo.md §1.3.
 * The English words are ours.
 * @module
 */
import type { LocalizedText } from '@riuso-sociale/core';
import type { StatusCode, TimelineKind } from './model.js';

/**
 * The label of each {@link StatusCode}, in Italian and English.
 *
 * @example
 * ```ts
 * import { STATUS_LABELS } from '@riuso-sociale/fascicolo';
 * STATUS_LABELS.accolta.it; // 'Accolta'
 * ```
 */
export const STATUS_LABELS: { readonly [S in StatusCode]: LocalizedText } = {
  'in-attesa': { it: 'In attesa', en: 'Waiting' },
  'presa-in-carico': { it: 'Presa in carico', en: 'Taken in charge' },
  'in-elaborazione': { it: 'In elaborazione', en: 'Being processed' },
  'da-completare': { it: 'Da completare', en: 'To be completed' },
  'in-sospeso': { it: 'In sospeso', en: 'On hold' },
  accolta: { it: 'Accolta', en: 'Accepted' },
  'non-accolta': { it: 'Non accolta', en: 'Not accepted' },
  attiva: { it: 'In corso', en: 'Ongoing' },
  conclusa: { it: 'Conclusa', en: 'Completed' },
  programmato: { it: 'Programmato', en: 'Scheduled' },
  annullata: { it: 'Annullata', en: 'Cancelled' },
  pagato: { it: 'Pagato', en: 'Paid' },
  'da-pagare': { it: 'Da pagare', en: 'To be paid' },
};

/**
 * The name of each kind of timeline item, in Italian and English.
 *
 * @example
 * ```ts
 * import { KIND_LABELS } from '@riuso-sociale/fascicolo';
 * KIND_LABELS.accesso.en; // 'Request'
 * ```
 */
export const KIND_LABELS: { readonly [K in TimelineKind]: LocalizedText } = {
  cartella: { it: 'Cartella sociale', en: 'Social-care record' },
  accesso: { it: 'Richiesta', en: 'Request' },
  esito: { it: 'Esito della richiesta', en: 'Outcome of the request' },
  'presa-in-carico': { it: 'Presa in carico', en: 'Taken into care' },
  valutazione: { it: 'Valutazione', en: 'Assessment' },
  progetto: { it: 'Progetto personalizzato', en: 'Personal plan' },
  obiettivo: { it: 'Obiettivo del progetto', en: 'Goal of the plan' },
  intervento: { it: 'Intervento', en: 'Intervention' },
  erogazione: { it: 'Prestazione erogata', en: 'Benefit delivered' },
  documento: { it: 'Documento', en: 'Document' },
  appuntamento: { it: 'Appuntamento', en: 'Appointment' },
  diario: { it: 'Annotazione del diario sociale', en: 'Social diary entry' },
  provvedimento: { it: "Provvedimento dell'autorità giudiziaria", en: 'Court order' },
  'rete-sociale': { it: 'Rete di sostegno', en: 'Support network' },
  'nucleo-familiare': { it: 'Nucleo familiare', en: 'Household' },
  consenso: { it: 'Informativa o consenso', en: 'Notice or consent' },
};

const l = (it: string, en: string): LocalizedText => ({ it, en });

/** csi-model `Accesso.canale`. */
export const CANALE: Readonly<Record<string, LocalizedText>> = {
  sportello: l('allo sportello', 'at the front desk'),
  telefono: l('per telefono', 'by phone'),
  email: l('per email', 'by email'),
  pec: l('per PEC', 'by certified email (PEC)'),
  domicilio: l('a domicilio', 'at home'),
  'segnalazione-scritta': l('con una segnalazione scritta', 'by a written referral'),
  altro: l('con un altro canale', 'through another channel'),
};

/** csi-model `Valutazione.tipo`. */
export const VALUTAZIONE_TIPO: Readonly<Record<string, LocalizedText>> = {
  segretariato: l('Valutazione al segretariato sociale', 'Front-desk assessment'),
  'analisi-preliminare': l('Analisi preliminare', 'Preliminary assessment'),
  'quadro-analisi': l('Quadro di analisi', 'In-depth assessment'),
  uvm: l('Valutazione multidimensionale (UVM)', 'Multidimensional assessment (UVM)'),
  sina: l('Valutazione della non autosufficienza (SINA)', 'Long-term care assessment (SINA)'),
  sinba: l('Valutazione per bambini e famiglie (SINBA)', 'Children and families assessment (SINBA)'),
};

/** csi-model `Progetto.tipo`. */
export const PROGETTO_TIPO: Readonly<Record<string, LocalizedText>> = {
  pai: l('Piano di assistenza individualizzato (PAI)', 'Individual care plan (PAI)'),
  pais: l('Progetto di assistenza individuale sociale (PAIS)', 'Individual social care plan (PAIS)'),
  pei: l('Progetto educativo individualizzato (PEI)', 'Individual education plan (PEI)'),
  pid: l('Progetto individuale per la persona con disabilità', 'Individual plan for a person with disability'),
  'progetto-di-vita': l('Progetto di vita', 'Life plan'),
  altro: l('Progetto personalizzato', 'Personal plan'),
};

/** csi-model `Documento.tipologia`. */
export const DOCUMENTO_TIPOLOGIA: Readonly<Record<string, LocalizedText>> = {
  'relazione-sociale': l('Relazione sociale', 'Social report'),
  'decreto-autorita-giudiziaria': l("Decreto dell'autorità giudiziaria", 'Court decree'),
  'segnalazione-autorita-giudiziaria': l("Segnalazione all'autorità giudiziaria", 'Report to the judicial authority'),
  'attestazione-isee': l('Attestazione ISEE', 'ISEE certificate'),
  'verbale-invalidita': l("Verbale d'invalidità", 'Disability assessment report'),
  'progetto-firmato': l('Progetto firmato', 'Signed plan'),
  informativa: l('Informativa', 'Notice'),
  consenso: l('Consenso', 'Consent'),
  istanza: l('Istanza', 'Application'),
  rendicontazione: l('Rendicontazione', 'Statement of account'),
  altro: l('Documento', 'Document'),
};

/** csi-model `NucleoFamiliare.componenti[].relazione`. */
export const RELAZIONE: Readonly<Record<string, LocalizedText>> = {
  richiedente: l('richiedente', 'applicant'),
  coniuge: l('coniuge', 'spouse'),
  'unito-civilmente': l('unito/a civilmente', 'civil partner'),
  convivente: l('convivente', 'cohabitant'),
  figlio: l('figlio/a', 'child'),
  genitore: l('genitore', 'parent'),
  'altro-parente': l('altro parente', 'other relative'),
  altro: l('altra persona', 'other person'),
};

/** csi-model `ReteSociale.membri[].tipo`. */
export const MEMBRO_RETE: Readonly<Record<string, LocalizedText>> = {
  'caregiver-familiare': l('caregiver familiare', 'family caregiver'),
  'parente-non-convivente': l('parente non convivente', 'relative living elsewhere'),
  vicinato: l('vicino di casa', 'neighbour'),
  amico: l('amico/a', 'friend'),
  volontario: l('volontario/a', 'volunteer'),
  'assistente-personale': l('assistente personale', 'personal assistant'),
  altro: l('altra persona', 'other person'),
};

/** csi-model `Consenso.tipo`. */
export const CONSENSO_TIPO: Readonly<Record<string, LocalizedText>> = {
  informativa: l('Informativa sul trattamento dei dati', 'Privacy notice'),
  consenso: l('Consenso', 'Consent'),
  'autorizzazione-condivisione': l('Autorizzazione a condividere dati', 'Authorisation to share data'),
  delega: l('Delega', 'Delegation'),
};

/** csi-model `Appuntamento.modalita`. */
export const MODALITA: Readonly<Record<string, LocalizedText>> = {
  'in-presenza': l('in presenza', 'in person'),
  domicilio: l('a domicilio', 'at home'),
  telefono: l('per telefono', 'by phone'),
  video: l('in videochiamata', 'by video call'),
};

/** csi-model `NucleoFamiliare.tipo`. */
export const NUCLEO_TIPO: Readonly<Record<string, LocalizedText>> = {
  anagrafico: l('Nucleo anagrafico', 'Registered household'),
  isee: l('Nucleo ai fini ISEE', 'ISEE household'),
  'di-fatto': l('Nucleo di fatto', 'De facto household'),
};

/** A label from one of the tables above; an unknown code is shown as it is (never invented). */
export function labelOf(table: Readonly<Record<string, LocalizedText>>, code: string): LocalizedText {
  return Object.hasOwn(table, code) ? (table[code] as LocalizedText) : { it: code, en: code };
}
