// SPDX-License-Identifier: BSD-3-Clause
/**
 * Words that must never reach the subject of an App IO message, and that make a service name,
 * a place or a document name too revealing to print in a message body.
 *
 * **This list is ours** (riuso-sociale), not pagoPA's. It is grounded in:
 * - GDPR art. 9(1) (special categories: health, sex life or orientation, racial or ethnic origin,
 *   religious beliefs, trade-union membership) and art. 10 (criminal convictions and offences),
 *   which social-services records touch through their services' names (SerD, CSM, disability
 *   services, child protection on a court's mandate…);
 * - the App IO guidance on sensitive data (*Manuale dei servizi*, "Informazioni sensibili", §7.3 of
 *   the IO guidelines): keep art. 9/10 data out of the **title**, minimise the body, and mark the
 *   service as sensitive (shared/specs/fascicolo.md §2).
 *
 * Italian and English stems, matched case- and accent-insensitively at the **start of a word**
 * ("psichiatr" finds "Psichiatria" and "psichiatrico", not "neuropsichiatria": that one has its own
 * entry). Acronyms (`whole: true`) must be a whole word ("CSM", not "csmx"). A false positive costs
 * only a generic wording; a false negative can disclose a diagnosis, so the list leans wide.
 * @module
 */

/**
 * Why a term is on the list: the GDPR category it reveals.
 *
 * @example
 * ```ts
 * import { type SensitiveCategory } from '@riuso-sociale/fascicolo';
 * const c: SensitiveCategory = 'judicial'; // GDPR art. 10
 * ```
 */
export type SensitiveCategory =
  | 'health'
  | 'disability'
  | 'addiction'
  | 'sex-life'
  | 'origin-belief'
  | 'judicial'
  | 'child-protection'
  | 'violence';

/**
 * One entry of {@link IO_SENSITIVE_TERMS}.
 *
 * @example
 * ```ts
 * import { type SensitiveTerm } from '@riuso-sociale/fascicolo';
 * const term: SensitiveTerm = { stem: 'csm', category: 'health', whole: true };
 * ```
 */
export interface SensitiveTerm {
  /** The stem as written (normalised before matching: lower case, no accents). */
  readonly stem: string;
  readonly category: SensitiveCategory;
  /** `true`: only a whole word matches (acronyms). */
  readonly whole?: boolean;
}

const t = (category: SensitiveCategory, stems: readonly string[], whole = false): SensitiveTerm[] =>
  stems.map((stem) => (whole ? { stem, category, whole } : { stem, category }));

/**
 * The sensitive terms (our list, see the module note): special categories (GDPR art. 9) and judicial
 * data (art. 10), in Italian and English.
 *
 * @example
 * ```ts
 * import { IO_SENSITIVE_TERMS } from '@riuso-sociale/fascicolo';
 * IO_SENSITIVE_TERMS.some((term) => term.stem === 'psichiatr'); // true
 * ```
 */
export const IO_SENSITIVE_TERMS: readonly SensitiveTerm[] = [
  ...t('health', [
    'salute mentale', 'mental health', 'mental', 'psichiatr', 'neuropsichiatr', 'psychiatr', 'neuropsychiatr',
    'psicolog', 'psycholog', 'psicoterap', 'psychotherap', 'disturb', 'eating disorder', 'anoressi', 'anorexi',
    'bulimi', 'depressi', 'depression', 'suicid', 'autolesion', 'self-harm', 'self harm', 'demenz', 'dementia',
    'alzheimer', 'parkinson', 'autis', 'malatti', 'illness', 'disease', 'oncolog', 'oncology', 'tumor', 'tumour',
    'cancro', 'cancer', 'hospice', 'palliativ', 'terminal', 'dialisi', 'dialysis', 'sieropositiv', 'epatit',
    'hepatitis', 'certificato medico', 'medical', 'sanitari', 'sociosanitari', 'socio-sanitari', 'health',
    'gravidanz', 'pregnan', 'aborto', 'abortion', 'interruzione volontaria', 'consultori', 'contracce',
  ]),
  ...t('health', ['csm', 'dsm', 'hiv', 'aids', 'npi', 'ivg', 'tso'], true),
  ...t('disability', [
    'disabil', 'disab', 'invalidit', 'invalidi civili', 'handicap', 'non autosufficien', 'non-autosufficien',
    'legge 104', 'l. 104', 'non vedent', 'ipovedent', 'ciech', 'cieco', 'blind', 'sordi', 'sordomut', 'deaf',
  ]),
  ...t('addiction', [
    'dipendenz', 'tossicodipend', 'tossicoman', 'ser.d', 'ser-d', 'ser.t', 'ser-t', 'alcol', 'alcool', 'alcohol',
    'droga', 'droghe', 'drug', 'stupefacent', 'narcotic', 'ludopat', 'azzardo', 'gambling', 'addict', 'substance',
    'overdose',
  ]),
  ...t('addiction', ['serd', 'sert'], true),
  ...t('sex-life', ['sessual', 'sexual', 'lgbt', 'omosessual', 'transgender', 'prostituz', 'prostitut']),
  ...t('origin-belief', [
    'etnic', 'ethnic', 'religio', 'rom e sinti', 'rifugiat', 'refugee', 'asilo politico', 'richiedenti asilo',
    'asylum', 'protezione internazionale', 'minori stranieri non accompagnati', 'unaccompanied', 'sindacal',
    'trade union',
  ]),
  ...t('origin-belief', ['sinti', 'msna'], true),
  ...t('judicial', [
    'tribunal', 'court', 'procura', 'prosecut', 'giudic', 'judge', 'judicial', 'magistrat', 'giustizia', 'justice',
    'denunc', 'querel', 'reato', 'reati', 'crime', 'criminal', 'penal', 'penitenz', 'penitentiar', 'carcer',
    'prison', 'jail', 'detenut', 'detenzion', 'detain', 'detention', 'arrest', 'condann', 'convict', 'sentenz',
    'probation', 'parole', 'messa alla prova', 'amministrazione di sostegno', 'amministratore di sostegno',
    'interdizion', 'inabilitazion', 'tutore', 'tutela legale', 'guardianship',
  ]),
  ...t('judicial', ['uepe', 'ussm'], true),
  ...t('child-protection', [
    'tutela minori', 'tutela dei minori', 'child protection', 'allontanament', 'adozion', 'adopt', 'affid',
    'foster', 'custod', 'neglect', 'trascuratezza',
  ]),
  ...t('child-protection', ['403'], true),
  ...t('violence', [
    'violenz', 'violence', 'violent', 'antiviolenz', 'abus', 'maltrattament', 'maltreat', 'stalking', 'vittim',
    'victim', 'trafficking', 'vittime di tratta', 'sfruttament', 'exploitation',
  ]),
];

/**
 * Lower case, no accents (NFD without combining marks), typographic apostrophes and all whitespace
 * folded: the form both the terms and the texts are compared in.
 *
 * @example
 * ```ts
 * import { normalizeForMatch } from '@riuso-sociale/fascicolo';
 * normalizeForMatch('Disabilità  Ser.D’'); // "disabilita ser.d'"
 * ```
 */
export function normalizeForMatch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/\s+/gu, ' ');
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

interface Prepared {
  readonly term: SensitiveTerm;
  readonly norm: string;
}

const PREPARED: readonly Prepared[] = IO_SENSITIVE_TERMS.map((term) => ({ term, norm: normalizeForMatch(term.stem) }));

function startsWordAt(text: string, i: number): boolean {
  return i === 0 || !WORD_CHAR.test(text.charAt(i - 1));
}

/**
 * The sensitive terms found in a text (each once, in list order): a term matches where a word
 * starts, ignoring case and accents; acronyms must be whole words.
 *
 * @param text - any text (a subject, a service name, a place).
 * @example
 * ```ts
 * import { findSensitiveTerms } from '@riuso-sociale/fascicolo';
 * findSensitiveTerms('Centro di Salute Mentale').map((t) => t.stem); // ['salute mentale', 'mental']
 * findSensitiveTerms('Ser.D. di Lodi').map((t) => t.stem);           // ['ser.d']
 * findSensitiveTerms('Assistenza domiciliare');                      // []
 * ```
 */
export function findSensitiveTerms(text: string): SensitiveTerm[] {
  const norm = normalizeForMatch(text);
  const found: SensitiveTerm[] = [];
  for (const { term, norm: stem } of PREPARED) {
    if (stem.length === 0) continue;
    let from = 0;
    for (;;) {
      const i = norm.indexOf(stem, from);
      if (i < 0) break;
      const end = i + stem.length;
      if (startsWordAt(norm, i) && (!term.whole || end >= norm.length || !WORD_CHAR.test(norm.charAt(end)))) {
        found.push(term);
        break;
      }
      from = i + 1;
    }
  }
  return found;
}

/**
 * `true` when the text holds at least one of {@link IO_SENSITIVE_TERMS}.
 *
 * @example
 * ```ts
 * import { hasSensitiveTerm } from '@riuso-sociale/fascicolo';
 * hasSensitiveTerm('SERVIZIO DIPENDENZE'); // true
 * hasSensitiveTerm('Servizio pasti a domicilio'); // false
 * ```
 */
export function hasSensitiveTerm(text: string): boolean {
  return findSensitiveTerms(text).length > 0;
}
