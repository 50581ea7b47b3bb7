// SPDX-License-Identifier: BSD-3-Clause
/**
 * The INPS business rules that the official XSDs do not enforce, as named, configurable checks.
 *
 * Sources: INPS, "WaaS SIUSS – Specifica Tecnica" v2.0.1 (22/05/2025, repository INPS-it/WaaS.Comuni,
 * CC-BY 4.0), Allegato B (tracciato PS-PSA-SINA with its "regole") and Allegato C (SINBA); the
 * annotations of `PS_PSA_SINA201812.xsd`; DM 16/12/2014 n. 206, Tabella 1 (codici prestazione).
 * Each rule names its source in {@link SiussRule.source} and in every issue (`params.source`).
 *
 * Every rule is a **warning** by default: INPS's own example flows are XSD-valid yet break several
 * of them (quotas that do not add up, quotas of `0.0`, a DataFine in the year after DataInizio), so
 * the XSD verdict (errors) and these findings are kept apart; {@link RuleOptions.severity} turns any
 * rule off or into an error.
 *
 * Rules read records as plain objects (attribute values exactly as written) and work on partial or
 * XSD-invalid records: a missing or unparsable value makes the rule that needs it stay silent (the
 * XSD layer reports it), it never throws. Amounts are compared exactly, as decimal integers (no
 * floating point): `33.33 + 33.33 + 33.34` is `100.00`, `0.1 + 0.2` is `0.3` (integer units in a
 * Number up to 15 significant digits, where it is exact, in a BigInt beyond).
 * @module
 */
import { dateText, createIssue, isIsoDate, isValidCalendarDate, maskFiscalCode, type Issue, type IssueParams, type IssuePath, type LocalizedText, type Severity } from '@riuso-sociale/core';
import type { RawElement } from './internal/engine.js';
import type { FlowKind } from './model.js';
import { isValidFiscalCode, validateFiscalCode } from '@riuso-sociale/fiscal-code/lite';
import { flowNameTipoMatches, parseFlowName } from './flow-name.js';
import { addDecimals, compareDecimal, decimalSign, formatDecimal, parseDecimal, scanDecimal, scanEnd, scanIntEnd, scanIntStart, scanSigned, type Decimal } from './decimal.js';
import { findPrestazione, PRESTAZIONE_CODE_PATTERN } from './prestazioni.js';

/** The id (and issue code) of every business rule. */
export type RuleId =
  | 'siuss.rule.carattere_required'
  | 'siuss.rule.periodic_requires_start_and_monthly'
  | 'siuss.rule.occasional_requires_date_and_amount'
  | 'siuss.rule.end_same_year'
  | 'siuss.rule.end_before_start'
  | 'siuss.rule.dsu_all_or_none'
  | 'siuss.rule.quota_sum'
  | 'siuss.rule.quota_positive'
  | 'siuss.rule.amount_positive'
  | 'siuss.rule.amount_non_negative'
  | 'siuss.rule.area_utenza_required'
  | 'siuss.rule.residence_italy'
  | 'siuss.rule.ore_servizio_format'
  | 'siuss.rule.prestazione_code_format'
  | 'siuss.rule.prestazione_code_unknown'
  | 'siuss.rule.sinba_componenti_isee_min'
  | 'siuss.rule.flow_name_format'
  | 'siuss.rule.cooperazione_single'
  | 'siuss.rule.codice_fiscale_check';

/** A business rule: what it checks, where it comes from, how serious it is by default. */
export interface SiussRule {
  /** Stable id, also the `code` of its issues. */
  readonly id: RuleId;
  /** What the rule requires, in Italian and English. */
  readonly description: LocalizedText;
  /** The document (and section) the rule comes from; `[I]` marks a rule inferred from it. */
  readonly source: string;
  /** The flows it applies to. */
  readonly kinds: readonly FlowKind[];
  /** Severity unless {@link RuleOptions.severity} says otherwise: always `warning`. */
  readonly defaultSeverity: Severity;
}

const SPEC = 'INPS WaaS SIUSS Specifica Tecnica v2.0.1';
const ALL_B = `${SPEC}, Allegato B (PS-PSA-SINA)`;
const ALL_C = `${SPEC}, Allegato C (SINBA)`;
const PS: readonly FlowKind[] = Object.freeze(['PS_PSA_SINA'] as const);
const BOTH: readonly FlowKind[] = Object.freeze(['PS_PSA_SINA', 'SINBA'] as const);

const rule = (id: RuleId, kinds: readonly FlowKind[], source: string, it: string, en: string): SiussRule =>
  Object.freeze({ id, description: Object.freeze({ it, en }), source, kinds, defaultSeverity: 'warning' as const });

/**
 * Every business rule, in the order they are checked.
 *
 * @example
 * ```ts
 * import { SIUSS_RULES } from '@riuso-sociale/siuss-schema';
 * for (const r of SIUSS_RULES) console.log(r.id, r.source, r.description.en);
 * ```
 */
export const SIUSS_RULES: readonly SiussRule[] = Object.freeze([
  rule('siuss.rule.carattere_required', PS, `${ALL_B}, CaratterePrestazione ("obbligatorio"; facoltativo nell'XSD)`,
    'CaratterePrestazione (1 periodico, 2 occasionale) è obbligatorio',
    'CaratterePrestazione (1 periodic, 2 one-off) is mandatory'),
  rule('siuss.rule.periodic_requires_start_and_monthly', PS, `${ALL_B}, DataInizioPrestazione e ImportoMensile (obbligatori se CaratterePrestazione=1)`,
    'Una prestazione periodica (CaratterePrestazione=1) ha DataInizioPrestazione e ImportoMensile',
    'A periodic benefit (CaratterePrestazione=1) has DataInizioPrestazione and ImportoMensile'),
  rule('siuss.rule.occasional_requires_date_and_amount', PS, `${ALL_B}, DataErogazionePrestazione e ImportoPrestazione (obbligatori se CaratterePrestazione=2)`,
    'Una prestazione occasionale (CaratterePrestazione=2) ha DataErogazionePrestazione e ImportoPrestazione',
    'A one-off benefit (CaratterePrestazione=2) has DataErogazionePrestazione and ImportoPrestazione'),
  rule('siuss.rule.end_same_year', PS, `${ALL_B}, DataFinePrestazione (stesso anno di DataInizioPrestazione)`,
    "DataFinePrestazione è nello stesso anno di DataInizioPrestazione (le prestazioni pluriennali si dividono per anno)",
    'DataFinePrestazione is in the same year as DataInizioPrestazione (multi-year benefits are split per year)'),
  rule('siuss.rule.end_before_start', PS, `${ALL_B}, DataInizioPrestazione/DataFinePrestazione [I: coerenza delle date]`,
    'DataFinePrestazione non precede DataInizioPrestazione',
    'DataFinePrestazione is not before DataInizioPrestazione'),
  rule('siuss.rule.dsu_all_or_none', PS, `${ALL_B}, NumeroProtocolloDSU, AnnoProtocolloDSU, DataDSU (tutti o nessuno)`,
    'NumeroProtocolloDSU, AnnoProtocolloDSU e DataDSU sono indicati tutti e tre o nessuno',
    'NumeroProtocolloDSU, AnnoProtocolloDSU and DataDSU are given all three or none'),
  rule('siuss.rule.quota_sum', PS, `${ALL_B}, ImportoQuotaEnte/Utente/SSN (somma = ImportoMensile se periodica, = ImportoPrestazione se occasionale)`,
    'Se sono indicate le quote, QuotaEnte + QuotaUtente + QuotaSSN = ImportoMensile (periodica) o ImportoPrestazione (occasionale)',
    'When quotas are given, QuotaEnte + QuotaUtente + QuotaSSN = ImportoMensile (periodic) or ImportoPrestazione (one-off)'),
  rule('siuss.rule.quota_positive', PS, `${ALL_B}, ImportoQuotaEnte e ImportoQuotaSSN (> 0), ImportoQuotaUtente (>= 0)`,
    'ImportoQuotaEnte e ImportoQuotaSSN, se indicati, sono maggiori di zero; ImportoQuotaUtente non è negativo',
    'ImportoQuotaEnte and ImportoQuotaSSN, when given, are greater than zero; ImportoQuotaUtente is not negative'),
  rule('siuss.rule.amount_positive', PS, `${ALL_B}, ImportoMensile e ImportoPrestazione (> 0)`,
    'ImportoMensile e ImportoPrestazione, se indicati, sono maggiori di zero',
    'ImportoMensile and ImportoPrestazione, when given, are greater than zero'),
  rule('siuss.rule.amount_non_negative', PS, `${ALL_B}, ImportoQuotaRichiesta e ImportoSogliaISEE [I: importi, l'XSD ammette valori negativi]`,
    'ImportoQuotaRichiesta e ImportoSogliaISEE, se indicati, non sono negativi',
    'ImportoQuotaRichiesta and ImportoSogliaISEE, when given, are not negative'),
  rule('siuss.rule.area_utenza_required', PS, `${ALL_B}, AreaUtenza (obbligatoria se PresaCarico=1)`,
    'Con presa in carico (PresaCarico=1) va indicata AreaUtenza',
    'With PresaCarico=1 (taken in charge) AreaUtenza is required'),
  rule('siuss.rule.residence_italy', PS, `${ALL_B}, Indirizzo@CodiceRegione e @CodiceComune (obbligatori se CodiceNazione=380)`,
    'Una residenza in Italia (CodiceNazione=380) ha CodiceRegione e CodiceComune',
    'A residence in Italy (CodiceNazione=380) has CodiceRegione and CodiceComune'),
  rule('siuss.rule.ore_servizio_format', PS, `${ALL_B}, OreServizioMensile ("HH,MM": ore e minuti; nell'XSD un decimale, quindi H.MM)`,
    'OreServizioMensile è ore.minuti (H.MM) con minuti da 00 a 59',
    'OreServizioMensile is hours.minutes (H.MM) with minutes 00 to 59'),
  rule('siuss.rule.prestazione_code_format', BOTH, 'DM 16/12/2014 n. 206, Tabella 1 (forma dei codici, es. A1.16, A1.05.01); XSD: solo 5-10 caratteri',
    'Il codice prestazione ha la forma della Tabella 1 (es. A1.16 o A1.05.01)',
    'The codice prestazione has the Tabella 1 shape (e.g. A1.16 or A1.05.01)'),
  rule('siuss.rule.prestazione_code_unknown', BOTH, 'DM 16/12/2014 n. 206, Tabella 1; INPS messaggio n. 1244/2022 (tabella incompleta: vedi SIUSS_PRESTAZIONI)',
    'Il codice prestazione è tra quelli noti (DM 206/2014 Tabella 1 e aggiunte INPS)',
    'The codice prestazione is a known one (DM 206/2014 Tabella 1 and INPS additions)'),
  rule('siuss.rule.sinba_componenti_isee_min', ['SINBA'], `${ALL_C}, NumeroComponentiISEE (minimo 1; l'XSD non fissa un minimo)`,
    'NumeroComponentiISEE, se indicato, è almeno 1',
    'NumeroComponentiISEE, when given, is at least 1'),
  rule('siuss.rule.flow_name_format', BOTH, `${SPEC}, IdentificazioneFlusso@Nome ({CodiceEnte}.{PS|PSA|SINA|SINBA}.{AAAAMMGG}.{progressivo}; ammessa la forma INPS {CodiceEnte}.PS.INPS.{AAAAMMGG}.{progressivo})`,
    'Il nome del flusso è CodiceEnte.TIPO.AAAAMMGG.progressivo, con il CodiceEnte di Ente@Codice e il tipo del flusso',
    'The flow name is CodiceEnte.TYPE.YYYYMMDD.progressive, with the code of Ente@Codice and the type of the flow'),
  rule('siuss.rule.cooperazione_single', BOTH, `PS_PSA_SINA201812.xsd (annotazioni di Beneficiario e PrestazioniSociali); ${SPEC} (WaaS: un beneficiario e una prestazione per flusso; per SINBA [I]: una scheda)`,
    'In cooperazione applicativa / WaaS un flusso contiene un solo beneficiario e una sola prestazione sociale (SINBA: una sola scheda)',
    'In cooperazione applicativa / WaaS a flow holds one beneficiary and one social benefit (SINBA: one record)'),
  rule('siuss.rule.codice_fiscale_check', BOTH, `DM 23/12/1976 (codifica del codice fiscale: carattere di controllo, mese, giorno; cifra di controllo del codice numerico a 11 cifre); ${ALL_B} e ${ALL_C}, Beneficiario@CodiceFiscale e Ente@CFOperatore [I: l'XSD ne controlla solo la forma]`,
    'CodiceFiscale (Beneficiario) e CFOperatore (Ente) sono codici fiscali veri: carattere di controllo giusto, mese e giorno esistenti (o 11 cifre con la cifra di controllo giusta); i codici omocodici valgono',
    'CodiceFiscale (Beneficiario) and CFOperatore (Ente) are real codici fiscali: right check character, existing month and day (or 11 digits with the right check digit); omocodic codes are valid'),
]);

const RULES_BY_ID: ReadonlyMap<RuleId, SiussRule> = new Map(SIUSS_RULES.map((r) => [r.id, r]));

/** How the rules run. */
export interface RuleOptions {
  /** Per-rule severity; `off` disables a rule. Rules not listed keep their default (`warning`). */
  readonly severity?: Partial<Record<RuleId, Severity | 'off'>>;
  /**
   * `upload` (default): web upload of XML files, any number of records; `cooperazione`: cooperazione
   * applicativa or WaaS, one beneficiary and one benefit per flow (`siuss.rule.cooperazione_single`).
   */
  readonly mode?: 'upload' | 'cooperazione';
}


// ---------------------------------------------------------------------------------------------
// Reading values leniently (records may be partial, XSD-invalid or hand-made objects).
//
// Cost: the rules run on every record of flows of hundreds of MB, and nearly every record passes
// them all. So the no-finding path only reads each attribute once (named property loads into
// locals), walks children with plain loops and compares amounts as Numbers; messages, params, paths,
// the context of a record and its masked codice fiscale are built only when a finding exists.
// `src/rules.prop.test.ts` checks on random records that the issues are identical to those of the
// straightforward implementation kept in `src/testing/rules-reference.ts`.

type Element = { readonly [name: string]: unknown };

function isElement(value: unknown): value is Element {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An attribute value as written, or `undefined` when absent (or not a string in a hand-made object). */
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function attr(el: Element, name: string): string | undefined {
  return str(el[name]);
}

/** XML white space (XSD Part 2 §4.3.6: space, tab, line feed, carriage return). */
const isXmlSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** xs:decimal/xs:date/xs:int collapse white space (XSD Part 2 §4.3.6): leading and trailing white space go. */
function collapse(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isXmlSpace(value.charCodeAt(start))) start++;
  while (end > start && isXmlSpace(value.charCodeAt(end - 1))) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

/** Whether the value is empty or XML white space only (empty once collapsed). */
function isBlank(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (!isXmlSpace(value.charCodeAt(i))) return false;
  return true;
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const digitAt = (s: string, i: number): number => s.charCodeAt(i) - 0x30;

/** An xs:date value reduced to its `YYYY-MM-DD` part (a time zone is ignored); `null` if not a date. */
function parseDate(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  // Fast path: exactly `YYYY-MM-DD` (what producers write), checked without a regular expression.
  if (raw.length === 10 && raw.charCodeAt(4) === 0x2d && raw.charCodeAt(7) === 0x2d
    && isDigit(raw.charCodeAt(0)) && isDigit(raw.charCodeAt(1)) && isDigit(raw.charCodeAt(2)) && isDigit(raw.charCodeAt(3))
    && isDigit(raw.charCodeAt(5)) && isDigit(raw.charCodeAt(6)) && isDigit(raw.charCodeAt(8)) && isDigit(raw.charCodeAt(9))) {
    const year = digitAt(raw, 0) * 1000 + digitAt(raw, 1) * 100 + digitAt(raw, 2) * 10 + digitAt(raw, 3);
    const month = digitAt(raw, 5) * 10 + digitAt(raw, 6);
    const day = digitAt(raw, 8) * 10 + digitAt(raw, 9);
    return isValidCalendarDate(year, month, day) ? raw : null;
  }
  const m = /^([0-9]{4}-[0-9]{2}-[0-9]{2})(?:Z|[+-][0-9]{2}:[0-9]{2})?$/.exec(collapse(raw));
  return m !== null && isIsoDate(m[1]) ? (m[1] as string) : null;
}

/** Whether two `YYYY-MM-DD` dates are in the same year. */
const sameYear = (a: string, b: string): boolean =>
  a.charCodeAt(0) === b.charCodeAt(0) && a.charCodeAt(1) === b.charCodeAt(1) && a.charCodeAt(2) === b.charCodeAt(2) && a.charCodeAt(3) === b.charCodeAt(3);

/** A value safe to quote in a message (codes, dates, amounts: never personal data), shortened. */
const shown = (value: string): string => (value.length > 20 ? `${value.slice(0, 20)}…` : value);

// ---------------------------------------------------------------------------------------------
// Findings → issues.

interface Finding {
  readonly rule: RuleId;
  readonly path: IssuePath;
  readonly text: LocalizedText;
  readonly params?: IssueParams;
}

/** Where in the flow, for messages: `Beneficiario 1 (RSSMRK******501U), prestazione 2 (A1.16)`. */
interface Context {
  readonly it: string;
  readonly en: string;
  readonly params: IssueParams;
}

function severityOf(id: RuleId, options: RuleOptions): Severity | 'off' {
  const chosen: unknown = options.severity?.[id];
  return chosen === 'error' || chosen === 'warning' || chosen === 'off' ? chosen : (RULES_BY_ID.get(id) as SiussRule).defaultSeverity;
}

/** Appends the issues of the enabled findings to `out`. */
function pushIssues(out: Issue[], findings: readonly Finding[], context: Context, options: RuleOptions, line: number | undefined): void {
  for (const f of findings) {
    const severity = severityOf(f.rule, options);
    if (severity === 'off') continue;
    const source = (RULES_BY_ID.get(f.rule) as SiussRule).source;
    const lineIt = line === undefined ? '' : ` (record alla riga ${line})`;
    const lineEn = line === undefined ? '' : ` (record at line ${line})`;
    const prefixIt = context.it === '' ? '' : `${context.it}: `;
    const prefixEn = context.en === '' ? '' : `${context.en}: `;
    out.push(createIssue(f.rule, { it: `${prefixIt}${f.text.it}${lineIt}`, en: `${prefixEn}${f.text.en}${lineEn}` }, {
      severity,
      path: f.path,
      params: { rule: f.rule, source, ...context.params, ...(f.params ?? {}), ...(line === undefined ? {} : { recordLine: line }) },
    }));
  }
}

function toIssues(findings: readonly Finding[], context: Context, options: RuleOptions, line: number | undefined): Issue[] {
  const out: Issue[] = [];
  pushIssues(out, findings, context, options, line);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The rules.

/** 0: a known code; 1: not the Tabella 1 shape; 2: the shape but not a known code. */
function codeProblem(code: string): 0 | 1 | 2 {
  if (!PRESTAZIONE_CODE_PATTERN.test(code)) return 1;
  return findPrestazione(code) === undefined ? 2 : 0;
}

function codeFinding(problem: 1 | 2, code: string, path: IssuePath, attribute: string): Finding {
  if (problem === 1) {
    return {
      rule: 'siuss.rule.prestazione_code_format', path,
      text: {
        it: `${attribute} «${shown(code)}» non ha la forma dei codici della Tabella 1 (es. A1.16 o A1.05.01)`,
        en: `${attribute} «${shown(code)}» does not have the Tabella 1 code shape (e.g. A1.16 or A1.05.01)`,
      },
      params: { attribute, value: shown(code) },
    };
  }
  return {
    rule: 'siuss.rule.prestazione_code_unknown', path,
    text: {
      it: `${attribute} «${code}» non è tra i codici noti (DM 206/2014 Tabella 1 e aggiunte INPS): verificarlo sulla tabella del SIUSS`,
      en: `${attribute} «${code}» is not a known code (DM 206/2014 Tabella 1 and INPS additions): check it against the SIUSS table`,
    },
    params: { attribute, value: code },
  };
}

/**
 * Checks the codes of a `CodicePrestazione` child (one string or a list) of `parent`, whose path is
 * built by `parentPath` only for a finding.
 */
function childCodeFindings(parent: Element, parentPath: () => IssuePath, attribute: string, out: Finding[]): void {
  const v = parent['CodicePrestazione'];
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const c: unknown = v[i];
      if (typeof c !== 'string') continue;
      const problem = codeProblem(c);
      if (problem !== 0) out.push(codeFinding(problem, c, [...parentPath(), 'CodicePrestazione', i], attribute));
    }
  } else if (typeof v === 'string') {
    const problem = codeProblem(v);
    if (problem !== 0) out.push(codeFinding(problem, v, [...parentPath(), 'CodicePrestazione'], attribute));
  }
}

function missing(rule: RuleId, path: IssuePath, name: string, why: LocalizedText): Finding {
  return {
    rule, path,
    text: { it: `manca ${name} (${why.it})`, en: `${name} is missing (${why.en})` },
    params: { attribute: name },
  };
}

const PERIODIC_WHY: LocalizedText = { it: 'obbligatorio per una prestazione periodica', en: 'required for a periodic benefit' };
const OCCASIONAL_WHY: LocalizedText = { it: 'obbligatorio per una prestazione occasionale', en: 'required for a one-off benefit' };
const DSU_NAMES = ['NumeroProtocolloDSU', 'AnnoProtocolloDSU', 'DataDSU'] as const;
const QUOTA_NAMES = ['ImportoQuotaEnte', 'ImportoQuotaUtente', 'ImportoQuotaSSN'] as const;

/** The finding of an amount whose sign breaks `rule` (`strict`: must be > 0, else >= 0). */
function signFinding(raw: string, name: string, rule: RuleId, strict: boolean, path: IssuePath): Finding {
  const value = formatDecimal(parseDecimal(raw) as Decimal);
  return {
    rule, path,
    text: strict
      ? { it: `${name} ${value} deve essere maggiore di zero`, en: `${name} ${value} must be greater than zero` }
      : { it: `${name} ${value} non può essere negativo`, en: `${name} ${value} cannot be negative` },
    params: { attribute: name, value },
  };
}

/** Whether an amount's sign breaks its rule (`strict`: must be > 0, else >= 0); unparsable amounts do not. */
function badSign(raw: string | undefined, strict: boolean): boolean {
  const s = decimalSign(raw);
  return s !== null && (strict ? s <= 0 : s < 0);
}

/** `['Beneficiario', record, 'PrestazioniSociali', index?]`, built for findings only. */
const prestazioneBase = (record: number, index: number | null): IssuePath =>
  (index === null ? ['Beneficiario', record, 'PrestazioniSociali'] : ['Beneficiario', record, 'PrestazioniSociali', index]);

/** The path of an attribute (or child) of a prestazione, built for findings only. */
const prestazionePath = (record: number, index: number | null, name: string): IssuePath =>
  (index === null ? ['Beneficiario', record, 'PrestazioniSociali', name] : ['Beneficiario', record, 'PrestazioniSociali', index, name]);

/**
 * Rules of one PrestazioniSociali (`Beneficiario[record]/PrestazioniSociali[index]`); findings are
 * appended to `out`, in the order of the reference implementation.
 */
function prestazioneFindings(p: Element, record: number, index: number | null, out: Finding[]): void {
  // Every attribute read once (named loads).
  const carattere = str(p['CaratterePrestazione']);
  const dataInizio = str(p['DataInizioPrestazione']);
  const dataFine = str(p['DataFinePrestazione']);
  const importoMensile = str(p['ImportoMensile']);
  const importoPrestazione = str(p['ImportoPrestazione']);
  const quotaEnte = str(p['ImportoQuotaEnte']);
  const quotaUtente = str(p['ImportoQuotaUtente']);
  const quotaSSN = str(p['ImportoQuotaSSN']);
  const quotaRichiesta = str(p['ImportoQuotaRichiesta']);
  const sogliaISEE = str(p['ImportoSogliaISEE']);
  const numeroDSU = str(p['NumeroProtocolloDSU']);
  const annoDSU = str(p['AnnoProtocolloDSU']);
  const dataDSU = str(p['DataDSU']);
  const ore = str(p['OreServizioMensile']);
  const code = str(p['CodicePrestazione']);
  const sina = p['SINA'];
  const path = (name: string): IssuePath => prestazionePath(record, index, name);

  if (carattere === undefined) {
    out.push({
      rule: 'siuss.rule.carattere_required', path: path('@CaratterePrestazione'),
      text: { it: 'manca CaratterePrestazione (1 periodico, 2 occasionale)', en: 'CaratterePrestazione is missing (1 periodic, 2 one-off)' },
      params: { attribute: 'CaratterePrestazione' },
    });
  } else if (carattere === '1') {
    const rule = 'siuss.rule.periodic_requires_start_and_monthly';
    if (dataInizio === undefined) out.push(missing(rule, path('@DataInizioPrestazione'), 'DataInizioPrestazione', PERIODIC_WHY));
    if (importoMensile === undefined) out.push(missing(rule, path('@ImportoMensile'), 'ImportoMensile', PERIODIC_WHY));
  } else if (carattere === '2') {
    const rule = 'siuss.rule.occasional_requires_date_and_amount';
    if (str(p['DataErogazionePrestazione']) === undefined) out.push(missing(rule, path('@DataErogazionePrestazione'), 'DataErogazionePrestazione', OCCASIONAL_WHY));
    if (importoPrestazione === undefined) out.push(missing(rule, path('@ImportoPrestazione'), 'ImportoPrestazione', OCCASIONAL_WHY));
  }

  // Dates.
  const start = parseDate(dataInizio);
  const end = start === null ? null : parseDate(dataFine);
  if (start !== null && end !== null) {
    if (!sameYear(start, end)) {
      out.push({
        rule: 'siuss.rule.end_same_year', path: path('@DataFinePrestazione'),
        text: {
          it: `DataFinePrestazione (${dateText(end)}) non è nello stesso anno di DataInizioPrestazione (${dateText(start)})`,
          en: `DataFinePrestazione (${dateText(end, { lang: 'en' })}) is not in the same year as DataInizioPrestazione (${dateText(start, { lang: 'en' })})`,
        },
        params: { start, end },
      });
    }
    if (end < start) {
      out.push({
        rule: 'siuss.rule.end_before_start', path: path('@DataFinePrestazione'),
        text: {
          it: `DataFinePrestazione (${dateText(end)}) precede DataInizioPrestazione (${dateText(start)})`,
          en: `DataFinePrestazione (${dateText(end, { lang: 'en' })}) is before DataInizioPrestazione (${dateText(start, { lang: 'en' })})`,
        },
        params: { start, end },
      });
    }
  }

  // DSU: all three or none (an empty NumeroProtocolloDSU, allowed by the XSD, counts as absent).
  const hasNumero = numeroDSU !== undefined && !isBlank(numeroDSU);
  const hasAnno = annoDSU !== undefined && !isBlank(annoDSU);
  const hasData = dataDSU !== undefined && !isBlank(dataDSU);
  if ((hasNumero || hasAnno || hasData) && !(hasNumero && hasAnno && hasData)) {
    const present = [hasNumero, hasAnno, hasData];
    const given = DSU_NAMES.filter((_, i) => present[i]);
    DSU_NAMES.forEach((n, i) => {
      if (present[i]) return;
      out.push({
        rule: 'siuss.rule.dsu_all_or_none', path: path(`@${n}`),
        text: {
          it: `manca ${n}: i dati della DSU (NumeroProtocolloDSU, AnnoProtocolloDSU, DataDSU) vanno indicati tutti o nessuno (presenti: ${given.join(', ')})`,
          en: `${n} is missing: the DSU data (NumeroProtocolloDSU, AnnoProtocolloDSU, DataDSU) go all three or none (given: ${given.join(', ')})`,
        },
        params: { attribute: n, given: given.join(' ') },
      });
    });
  }

  // Amounts: signs (no parsing into values unless a finding needs the value).
  if (badSign(importoMensile, true)) out.push(signFinding(importoMensile as string, 'ImportoMensile', 'siuss.rule.amount_positive', true, path('@ImportoMensile')));
  if (badSign(importoPrestazione, true)) out.push(signFinding(importoPrestazione as string, 'ImportoPrestazione', 'siuss.rule.amount_positive', true, path('@ImportoPrestazione')));
  if (badSign(quotaEnte, true)) out.push(signFinding(quotaEnte as string, 'ImportoQuotaEnte', 'siuss.rule.quota_positive', true, path('@ImportoQuotaEnte')));
  if (badSign(quotaUtente, false)) out.push(signFinding(quotaUtente as string, 'ImportoQuotaUtente', 'siuss.rule.quota_positive', false, path('@ImportoQuotaUtente')));
  if (badSign(quotaSSN, true)) out.push(signFinding(quotaSSN as string, 'ImportoQuotaSSN', 'siuss.rule.quota_positive', true, path('@ImportoQuotaSSN')));
  if (badSign(quotaRichiesta, false)) out.push(signFinding(quotaRichiesta as string, 'ImportoQuotaRichiesta', 'siuss.rule.amount_non_negative', false, path('@ImportoQuotaRichiesta')));
  if (badSign(sogliaISEE, false)) out.push(signFinding(sogliaISEE as string, 'ImportoSogliaISEE', 'siuss.rule.amount_non_negative', false, path('@ImportoSogliaISEE')));

  // Quotas add up to the total of the benefit.
  const totalName = carattere === '1' ? 'ImportoMensile' : carattere === '2' ? 'ImportoPrestazione' : null;
  if (totalName !== null && (quotaEnte !== undefined || quotaUtente !== undefined || quotaSSN !== undefined)) {
    const total = parseDecimal(carattere === '1' ? importoMensile : importoPrestazione);
    const ente = quotaEnte === undefined ? undefined : parseDecimal(quotaEnte);
    const utente = quotaUtente === undefined ? undefined : parseDecimal(quotaUtente);
    const ssn = quotaSSN === undefined ? undefined : parseDecimal(quotaSSN);
    if (total !== null && ente !== null && utente !== null && ssn !== null) {
      const quotas: Decimal[] = [];
      if (ente !== undefined) quotas.push(ente);
      if (utente !== undefined) quotas.push(utente);
      if (ssn !== undefined) quotas.push(ssn);
      const sum = addDecimals(quotas);
      if (compareDecimal(sum, total) !== 0) {
        const quotasWritten = QUOTA_NAMES.filter((n) => (n === 'ImportoQuotaEnte' ? ente : n === 'ImportoQuotaUtente' ? utente : ssn) !== undefined);
        const quotaText = quotasWritten.map((n, i) => `${n.slice('ImportoQuota'.length)} ${formatDecimal(quotas[i] as Decimal)}`).join(' + ');
        out.push({
          rule: 'siuss.rule.quota_sum', path: path(`@${totalName}`),
          text: {
            it: `le quote (${quotaText} = ${formatDecimal(sum)}) non sommano a ${totalName} ${formatDecimal(total)}`,
            en: `the quotas (${quotaText} = ${formatDecimal(sum)}) do not add up to ${totalName} ${formatDecimal(total)}`,
          },
          params: {
            attribute: totalName, total: formatDecimal(total), sum: formatDecimal(sum),
            ...Object.fromEntries(quotasWritten.map((n, i) => [n, formatDecimal(quotas[i] as Decimal)])),
          },
        });
      }
    }
  }

  // Presa in carico → area utenza.
  if (str(p['PresaCarico']) === '1' && str(p['AreaUtenza']) === undefined) {
    out.push({
      rule: 'siuss.rule.area_utenza_required', path: path('@AreaUtenza'),
      text: {
        it: 'manca AreaUtenza (obbligatoria con PresaCarico=1: 1 famiglia e minori, 2 disabilità e non autosufficienza, 3 povertà ed esclusione sociale)',
        en: 'AreaUtenza is missing (required with PresaCarico=1: 1 family and minors, 2 disability and dependency, 3 poverty and social exclusion)',
      },
      params: { attribute: 'AreaUtenza' },
    });
  }

  // Ore di servizio: H.MM, minutes 00–59 (only for values that are decimals: the XSD reports the rest).
  if (scanDecimal(ore)) {
    // The value is `[+-]?` int-digits `(.frac-digits)?`; the H.MM form has no sign, an hour digit at
    // least and, after a '.', 2 digits of minutes below 60 (or a single '0').
    const text = ore as string;
    const fracDigits = scanIntEnd < scanEnd ? scanEnd - scanIntEnd - 1 : -1; // -1: no '.'
    let bad = scanSigned || scanIntEnd === scanIntStart || fracDigits === 0 || fracDigits > 2;
    if (!bad && fracDigits === 1 && text.charCodeAt(scanIntEnd + 1) !== 0x30) bad = true;
    if (!bad && fracDigits === 2 && digitAt(text, scanIntEnd + 1) >= 6) bad = true;
    if (bad) out.push(oreFinding(collapse(text), path('@OreServizioMensile')));
  }

  // Codes.
  if (code !== undefined) {
    const problem = codeProblem(code);
    if (problem !== 0) out.push(codeFinding(problem, code, path('@CodicePrestazione'), 'CodicePrestazione'));
  }
  if (Array.isArray(sina)) {
    for (let i = 0; i < sina.length; i++) {
      const s: unknown = sina[i];
      if (isElement(s)) sinaFindings(s, () => [...prestazioneBase(record, index), 'SINA', i], out);
    }
  } else if (isElement(sina)) {
    sinaFindings(sina, () => prestazionePath(record, index, 'SINA'), out);
  }
}

/** The OreServizioMensile finding of a value already known to break the H.MM form (`text` collapsed). */
function oreFinding(text: string, path: IssuePath): Finding {
  const m = /^([0-9]+)(?:\.([0-9]*))?$/.exec(text);
  const frac = m?.[2];
  let problem: LocalizedText;
  if (m === null || frac === '' || (frac !== undefined && frac.length > 2)) {
    problem = { it: 'non è nella forma ore.minuti (es. 2.30 = 2 ore e 30 minuti)', en: 'is not hours.minutes (e.g. 2.30 = 2 hours 30 minutes)' };
  } else if (frac !== undefined && frac.length === 1 && frac !== '0') {
    problem = {
      it: `ha una sola cifra per i minuti: ambiguo (${text}0 = ${m[1]} ore e ${frac}0 minuti; se si intendono ore decimali va convertito, es. 2.5 ore = 2.30)`,
      en: `has a single digit for the minutes: ambiguous (${text}0 = ${m[1]} hours ${frac}0 minutes; decimal hours must be converted, e.g. 2.5 hours = 2.30)`,
    };
  } else {
    problem = { it: `ha ${frac} minuti: i minuti vanno da 00 a 59`, en: `has ${frac} minutes: minutes go from 00 to 59` };
  }
  return {
    rule: 'siuss.rule.ore_servizio_format', path,
    text: { it: `OreServizioMensile «${shown(text)}» ${problem.it}`, en: `OreServizioMensile «${shown(text)}» ${problem.en}` },
    params: { attribute: 'OreServizioMensile', value: shown(text) },
  };
}

/** Codes of the `NecessitaInterventiSociali` of one `SINA`. */
function sinaFindings(sina: Element, sinaPath: () => IssuePath, out: Finding[]): void {
  const attribute = 'SINA/NecessitaInterventiSociali/CodicePrestazione';
  const nis = sina['NecessitaInterventiSociali'];
  if (Array.isArray(nis)) {
    for (let i = 0; i < nis.length; i++) {
      const n: unknown = nis[i];
      if (isElement(n)) childCodeFindings(n, () => [...sinaPath(), 'NecessitaInterventiSociali', i], attribute, out);
    }
  } else if (isElement(nis)) {
    childCodeFindings(nis, () => [...sinaPath(), 'NecessitaInterventiSociali'], attribute, out);
  }
}

/** Residence in Italy (CodiceNazione=380) needs CodiceRegione and CodiceComune. */
function residenceFindings(ind: Element, record: number, index: number | null, out: Finding[]): void {
  if (str(ind['CodiceNazione']) !== '380') return;
  const regione = str(ind['CodiceRegione']);
  const comune = str(ind['CodiceComune']);
  if (regione !== undefined && comune !== undefined) return;
  const indPath: IssuePath = index === null ? ['Beneficiario', record, 'Indirizzo'] : ['Beneficiario', record, 'Indirizzo', index];
  for (const n of ['CodiceRegione', 'CodiceComune']) {
    if ((n === 'CodiceRegione' ? regione : comune) !== undefined) continue;
    out.push({
      rule: 'siuss.rule.residence_italy', path: [...indPath, `@${n}`],
      text: {
        it: `Indirizzo ${(index ?? 0) + 1}: manca ${n} (obbligatorio per una residenza in Italia, CodiceNazione=380)`,
        en: `Indirizzo ${(index ?? 0) + 1}: ${n} is missing (required for a residence in Italy, CodiceNazione=380)`,
      },
      params: { attribute: n },
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Codici fiscali: Beneficiario@CodiceFiscale (PS-PSA-SINA) and Ente@CFOperatore (both flows), the
// only attributes of the two XSDs with the codice fiscale pattern. SINBA's IDBeneficiario is a
// pseudonym chosen by the Ente, not a codice fiscale: never checked as one.

/**
 * The XSD pattern of CodiceFiscale and CFOperatore (`\d` is `\p{Nd}` in XSD): 16 characters, or 11
 * digits then up to five spaces (the numeric codice fiscale of companies and entities).
 */
const CF_XSD_PATTERN = /^(?:[A-Za-z]{6}\p{Nd}{2}[A-Za-z]\p{Nd}{2}[A-Za-z][A-Za-z0-9]{3}[A-Za-z]|\p{Nd}{11} {0,5})$/u;

/**
 * Why a codice fiscale fails `@riuso-sociale/fiscal-code/lite`, by its issue code, in words that never quote the code.
 * @internal Shared with the reference copy of the rules (testing/rules-reference.ts): the texts are data, not logic.
 */
export const CF_PROBLEMS: Readonly<Record<string, LocalizedText>> = {
  'cf.check_character': {
    it: 'il carattere di controllo (l\'ultimo) non corrisponde agli altri 15 caratteri (un errore di battitura in qualche posizione, o un codice segnaposto)',
    en: 'the check character (the last one) does not match the other 15 characters (a typo somewhere, or a placeholder code)',
  },
  'cf.numeric_check_digit': {
    it: 'la cifra di controllo (l\'ultima delle 11) non corrisponde alle altre 10',
    en: 'the check digit (the last of the 11) does not match the other 10',
  },
  'cf.month': { it: 'la lettera del mese (9° carattere) non è una di A B C D E H L M P R S T', en: 'the month letter (9th character) is not one of A B C D E H L M P R S T' },
  'cf.day': { it: 'il giorno di nascita non è tra 01–31 (uomini) o 41–71 (donne)', en: 'the birth day is not within 01–31 (men) or 41–71 (women)' },
  'cf.date': { it: 'la data di nascita non esiste in nessun secolo (es. 30 febbraio)', en: 'the birth date does not exist in any century (e.g. 30 February)' },
};

/**
 * The first issue of `@riuso-sociale/fiscal-code/lite` for a codice fiscale the XSD accepts, or
 * `null` when it passes (omocodic codes included) or when the XSD pattern rejects it (the XSD layer
 * reports that). The common case, a canonical valid code, costs one table-driven pass and allocates
 * nothing (`isValidFiscalCode`); `validateFiscalCode` runs only on the others (lower case, the
 * 11-digit form with trailing spaces, wrong codes).
 */
function fiscalCodeIssue(value: string): Issue | null {
  if (isValidFiscalCode(value)) return null;
  const r = validateFiscalCode(value);
  if (r.ok || !CF_XSD_PATTERN.test(value)) return null;
  return r.issues[0];
}

/** A `cf.format` issue (or any other) in words: the position only, never the character. */
function formatProblem(issue: Issue): LocalizedText {
  const position = issue.params['position'];
  if (issue.code !== 'cf.format' || typeof position !== 'number') return { it: 'non supera i controlli del codice fiscale', en: 'fails the codice fiscale checks' };
  return issue.params['expected'] === 'digit'
    ? { it: `il carattere ${position} dev'essere una cifra o una lettera di omocodia (L–V)`, en: `character ${position} must be a digit or an omocodia letter (L–V)` }
    : { it: `il carattere ${position} non è ammesso (solo lettere A–Z e cifre 0–9)`, en: `character ${position} is not allowed (only letters A–Z and digits 0–9)` };
}

/** The finding of a codice fiscale that fails `fiscalCodeIssue`; the code appears masked only. */
function fiscalCodeFinding(issue: Issue, value: string, attribute: string, where: string, path: IssuePath): Finding {
  const masked = maskFiscalCode(value.trim());
  const problem = CF_PROBLEMS[issue.code] ?? formatProblem(issue);
  return {
    rule: 'siuss.rule.codice_fiscale_check', path,
    text: {
      it: `${where} «${masked}» non è un codice fiscale valido: ${problem.it}`,
      en: `${where} «${masked}» is not a valid codice fiscale: ${problem.en}`,
    },
    params: { attribute, value: masked, reason: issue.code },
  };
}

/** The context of a Beneficiario in messages (masked codice fiscale): built only for a finding. */
interface Who {
  readonly it: string;
  readonly en: string;
  readonly cf: string | null;
}

function whoOf(b: Element, index: number): Who {
  const cfRaw = str(b['CodiceFiscale']);
  const cf = cfRaw === undefined ? null : maskFiscalCode(cfRaw.trim());
  return { it: `Beneficiario ${index + 1}${cf === null ? '' : ` (${cf})`}`, en: `Beneficiary ${index + 1}${cf === null ? '' : ` (${cf})`}`, cf };
}

function beneficiarioIssues(b: Element, index: number, options: RuleOptions, line: number | undefined): Issue[] {
  const out: Issue[] = [];
  const findings: Finding[] = [];
  let who: Who | null = null;

  const cf = b['CodiceFiscale'];
  if (typeof cf === 'string') {
    const issue = fiscalCodeIssue(cf);
    if (issue !== null) findings.push(fiscalCodeFinding(issue, cf, 'CodiceFiscale', 'CodiceFiscale', ['Beneficiario', index, '@CodiceFiscale']));
  }
  const indirizzi = b['Indirizzo'];
  if (Array.isArray(indirizzi)) {
    for (let i = 0; i < indirizzi.length; i++) {
      const ind: unknown = indirizzi[i];
      if (isElement(ind)) residenceFindings(ind, index, i, findings);
    }
  } else if (isElement(indirizzi)) {
    residenceFindings(indirizzi, index, null, findings);
  }
  if (findings.length > 0) {
    who = whoOf(b, index);
    pushIssues(out, findings, { it: who.it, en: who.en, params: { beneficiario: who.cf } }, options, line);
  }

  const prestazioni = b['PrestazioniSociali'];
  if (Array.isArray(prestazioni)) {
    for (let i = 0; i < prestazioni.length; i++) {
      const p: unknown = prestazioni[i];
      if (!isElement(p)) continue;
      if (findings.length > 0) findings.length = 0;
      prestazioneFindings(p, index, i, findings);
      if (findings.length > 0) pushIssues(out, findings, prestazioneContext(who ??= whoOf(b, index), p, i), options, line);
    }
  } else if (isElement(prestazioni)) {
    if (findings.length > 0) findings.length = 0;
    prestazioneFindings(prestazioni, index, null, findings);
    if (findings.length > 0) pushIssues(out, findings, prestazioneContext(who ??= whoOf(b, index), prestazioni, null), options, line);
  }
  return out;
}

/** `Beneficiario 1 (RSSMRK******501U), prestazione 2 (A1.16)` and its params. */
function prestazioneContext(who: Who, p: Element, index: number | null): Context {
  const code = str(p['CodicePrestazione']);
  const n = (index ?? 0) + 1;
  const what = code === undefined ? '' : ` (${shown(code)})`;
  return {
    it: `${who.it}, prestazione ${n}${what}`,
    en: `${who.en}, benefit ${n}${what}`,
    params: { beneficiario: who.cf, prestazione: index ?? 0, codicePrestazione: code === undefined ? null : shown(code) },
  };
}

function sinbaIssues(s: Element, index: number, options: RuleOptions, line: number | undefined): Issue[] {
  const findings: Finding[] = [];
  const componenti = str(s['NumeroComponentiISEE']);
  if (componenti !== undefined) {
    const text = collapse(componenti);
    if (/^[+-]?[0-9]+$/.test(text) && Number(text) < 1) {
      findings.push({
        rule: 'siuss.rule.sinba_componenti_isee_min', path: ['SINBA', index, '@NumeroComponentiISEE'],
        text: { it: `NumeroComponentiISEE ${shown(text)} deve essere almeno 1`, en: `NumeroComponentiISEE ${shown(text)} must be at least 1` },
        params: { attribute: 'NumeroComponentiISEE', value: shown(text) },
      });
    }
  }
  const prestazioni = s['Prestazioni'];
  const attribute = 'Prestazioni/CodicePrestazione';
  if (Array.isArray(prestazioni)) {
    for (let i = 0; i < prestazioni.length; i++) {
      const pr: unknown = prestazioni[i];
      if (isElement(pr)) childCodeFindings(pr, () => ['SINBA', index, 'Prestazioni', i], attribute, findings);
    }
  } else if (isElement(prestazioni)) {
    childCodeFindings(prestazioni, () => ['SINBA', index, 'Prestazioni'], attribute, findings);
  }
  if (findings.length === 0) return [];
  return toIssues(findings, { it: `Scheda SINBA ${index + 1}`, en: `SINBA record ${index + 1}`, params: {} }, options, line);
}

/** Child elements by name (one or many), each with its index when the child repeats (envelope only). */
function children(el: Element, name: string): { el: Element; index: number | null }[] {
  const v = el[name];
  if (Array.isArray(v)) return v.flatMap((c, index) => (isElement(c) ? [{ el: c, index }] : []));
  return isElement(v) ? [{ el: v, index: null }] : [];
}

/**
 * Checks the business rules of one record: a `Beneficiario` (with its `Indirizzo`, `PrestazioniSociali`
 * and `SINA`) of a PS-PSA-SINA flow, or a `SINBA` record. Works on partial and XSD-invalid records
 * (it never throws for their content); issue paths start at the record (`['Beneficiario', index, …]`),
 * like the XSD issues, and messages mask the codice fiscale. A Beneficiario's `CodiceFiscale` is
 * checked with `@riuso-sociale/fiscal-code/lite` (`siuss.rule.codice_fiscale_check`); a SINBA
 * record's `IDBeneficiario` is a pseudonym, not a codice fiscale, and is not checked as one.
 *
 * @param kind Which flow the record belongs to.
 * @param record The record as a plain object (attribute values as written), e.g. from `parseFlow`
 *   or the streaming reader.
 * @param index Position of the record in the flow (0-based), used in paths and messages.
 * @param options Severity per rule (`off` disables one) and mode.
 * @param line Line of the record in the file, when known: added to messages and `params.recordLine`.
 * @returns The findings of the enabled rules (`warning` by default), in document order.
 * @example
 * ```ts
 * import { checkRecordRules, parseFlow } from '@riuso-sociale/siuss-schema';
 * const flow = parseFlow(xml);
 * if (flow.kind === 'PS_PSA_SINA') {
 *   flow.Beneficiario.forEach((b, i) => {
 *     for (const issue of checkRecordRules('PS_PSA_SINA', b, i)) console.log(issue.code, issue.message);
 *   });
 * }
 * ```
 */
export function checkRecordRules(
  kind: FlowKind,
  record: RawElement | object,
  index: number,
  options: RuleOptions = {},
  line?: number,
): Issue[] {
  if (!isElement(record)) return [];
  return kind === 'SINBA' ? sinbaIssues(record, index, options, line) : beneficiarioIssues(record, index, options, line);
}

/**
 * Checks the business rules of the flow envelope (`IdentificazioneFlusso`): the flow name
 * `CodiceEnte.TIPO.AAAAMMGG.progressivo` (the older INPS form `CodiceEnte.PS.INPS.AAAAMMGG.progressivo`
 * is accepted), whose code must be `Ente@Codice` and whose type must match the flow; and the
 * operator's codice fiscale `Ente@CFOperatore` (`siuss.rule.codice_fiscale_check`).
 *
 * @example
 * ```ts
 * import { checkEnvelopeRules } from '@riuso-sociale/siuss-schema';
 * checkEnvelopeRules('SINBA', { Nome: 'H501.PS.20210520.0000002', Ente: { Codice: 'H501' } });
 * // [{ code: 'siuss.rule.flow_name_format', params: { reason: 'type', … }, … }]
 * ```
 */
export function checkEnvelopeRules(kind: FlowKind, envelope: RawElement | object, options: RuleOptions = {}): Issue[] {
  if (!isElement(envelope)) return [];
  const findings: Finding[] = [];
  const nome = attr(envelope, 'Nome');
  const first = children(envelope, 'Ente')[0];
  const ente = first?.el;
  if (nome !== undefined) {
    const found = flowNameFinding(kind, nome, ente === undefined ? undefined : attr(ente, 'Codice'));
    if (found !== null) findings.push(found);
  }
  const cfOperatore = ente === undefined ? undefined : attr(ente, 'CFOperatore');
  if (cfOperatore !== undefined) {
    const issue = fiscalCodeIssue(cfOperatore);
    if (issue !== null) {
      const path: IssuePath = first === undefined || first.index === null ? ['IdentificazioneFlusso', 'Ente', '@CFOperatore'] : ['IdentificazioneFlusso', 'Ente', first.index, '@CFOperatore'];
      findings.push(fiscalCodeFinding(issue, cfOperatore, 'CFOperatore', 'IdentificazioneFlusso/Ente@CFOperatore', path));
    }
  }
  if (findings.length === 0) return [];
  return toIssues(findings, { it: '', en: '', params: {} }, options, undefined);
}

/** The flow-name finding of `IdentificazioneFlusso@Nome`, or `null`. */
function flowNameFinding(kind: FlowKind, nome: string, codice: string | undefined): Finding | null {
  const parsed = parseFlowName(nome);
  const expectedType = kind === 'SINBA' ? 'SINBA' : 'PS, PSA o/or SINA';
  let reason: 'format' | 'date' | 'type' | 'ente' | null = null;
  let text: LocalizedText = { it: '', en: '' };
  if (!parsed.ok) {
    reason = parsed.issues[0].code === 'siuss.flow_name.date' ? 'date' : 'format';
    text = reason === 'date'
      ? { it: 'IdentificazioneFlusso@Nome: la parte AAAAMMGG non è una data valida', en: 'IdentificazioneFlusso@Nome: the YYYYMMDD part is not a valid date' }
      : {
        it: 'IdentificazioneFlusso@Nome non ha la forma CodiceEnte.TIPO.AAAAMMGG.progressivo (es. H501.PS.20210520.0000002)',
        en: 'IdentificazioneFlusso@Nome is not CodiceEnte.TYPE.YYYYMMDD.progressive (e.g. H501.PS.20210520.0000002)',
      };
  } else if (!flowNameTipoMatches(parsed.value.tipo, kind)) {
    reason = 'type';
    text = {
      it: `IdentificazioneFlusso@Nome: il tipo ${parsed.value.tipo} non corrisponde al flusso ${kind} (atteso ${expectedType})`,
      en: `IdentificazioneFlusso@Nome: type ${parsed.value.tipo} does not match the ${kind} flow (expected ${expectedType})`,
    };
  } else if (codice !== undefined && parsed.value.codiceEnte !== codice) {
    reason = 'ente';
    text = {
      it: `IdentificazioneFlusso@Nome inizia con «${shown(parsed.value.codiceEnte)}», diverso da Ente@Codice «${shown(codice)}»`,
      en: `IdentificazioneFlusso@Nome starts with «${shown(parsed.value.codiceEnte)}», not Ente@Codice «${shown(codice)}»`,
    };
  }
  if (reason === null) return null;
  return { rule: 'siuss.rule.flow_name_format', path: ['IdentificazioneFlusso', '@Nome'], text, params: { reason, value: shown(nome) } };
}

/**
 * Checks the rules about the flow as a whole, from its counts: in `cooperazione` mode (cooperazione
 * applicativa, WaaS) a PS-PSA-SINA flow holds one `Beneficiario` with one `PrestazioniSociali`, and a
 * SINBA flow one `SINBA` record. In `upload` mode (the default) there is nothing to check.
 *
 * @param counts `beneficiari`: records in the flow (`Beneficiario` or `SINBA`); `prestazioni`: all
 *   `PrestazioniSociali` of the flow (ignored for SINBA).
 * @example
 * ```ts
 * import { checkFlowRules } from '@riuso-sociale/siuss-schema';
 * checkFlowRules('PS_PSA_SINA', { beneficiari: 1, prestazioni: 3 }, { mode: 'cooperazione' });
 * // [{ code: 'siuss.rule.cooperazione_single', severity: 'warning', … }]
 * ```
 */
export function checkFlowRules(kind: FlowKind, counts: { readonly beneficiari: number; readonly prestazioni: number }, options: RuleOptions = {}): Issue[] {
  if ((options.mode ?? 'upload') !== 'cooperazione') return [];
  const tooMany = kind === 'SINBA' ? counts.beneficiari > 1 : counts.beneficiari > 1 || counts.prestazioni > 1;
  if (!tooMany) return [];
  const text: LocalizedText = kind === 'SINBA'
    ? {
      it: `In cooperazione è possibile inviare una sola scheda SINBA per flusso: ce ne sono ${counts.beneficiari}`,
      en: `In cooperazione applicativa / WaaS a flow holds one SINBA record: this one has ${counts.beneficiari}`,
    }
    : {
      it: `In cooperazione è possibile inviare solo un beneficiario e una prestazione sociale: il flusso ha ${counts.beneficiari} beneficiari e ${counts.prestazioni} prestazioni`,
      en: `In cooperazione applicativa / WaaS a flow holds one beneficiary and one social benefit: this one has ${counts.beneficiari} beneficiaries and ${counts.prestazioni} benefits`,
    };
  return toIssues([{
    rule: 'siuss.rule.cooperazione_single', path: [], text,
    params: { beneficiari: counts.beneficiari, prestazioni: kind === 'SINBA' ? null : counts.prestazioni },
  }], { it: '', en: '', params: {} }, options, undefined);
}
