// SPDX-License-Identifier: BSD-3-Clause
/**
 * Adapter from the Cartella Sociale to the SIUSS flows for INPS (`@riuso-sociale/siuss-schema`):
 *
 * - **PS-PSA-SINA** (`PS_PSA_SINA201812.xsd`): one `Beneficiario` per Persona (identified by codice
 *   fiscale), one `PrestazioniSociali` per Erogazione (a periodic one across calendar years becomes one
 *   per year, `splitByYear`), with the `SINA` block of the assessment it relies on;
 * - **SINBA** (`SINBA.xsd`): one pseudonymous record per minor, from the SINBA assessment, the
 *   interventi (codici prestazione), the presa in carico (closure) and the ISEE household.
 *
 * Every value is mapped from a named field (see the comments `XSD ← model` below); amounts go from
 * integer cents to `xs:decimal` strings with exact integer arithmetic (no floating point: siuss-schema's
 * `centsToDecimal`). The flow is then written by siuss-schema's `buildFlow` with `validate: true`, which
 * checks what it wrote in the same pass — the official XSD rules AND the INPS business rules (as errors
 * by default: this library produces flows, it does not merely read them). Anything refused yields typed
 * issues and no flow: a partial flow is never written.
 *
 * Sources: INPS `PS_PSA_SINA201812.xsd`, `SINBA.xsd` (INPS-it/WaaS.Comuni, MIT); INPS WaaS SIUSS
 * Specifica Tecnica v2.0.1 Allegati B and C (business rules); DM 206/2014 art. 5 c.4 (SINBA without any
 * identifying reference); shared/specs/siuss.md; shared/specs/csi-and-riuso.md §A2, §A4.
 * @module
 */
import { createHash } from 'node:crypto';
import { dateText, ageOn, createIssue, fail, maskFiscalCode, ok, type Issue, type IsoDate, type Result } from '@riuso-sociale/core';
import { canonicalFiscalCode, validateFiscalCode } from '@riuso-sociale/fiscal-code';
import {
  buildFlow,
  centsToDecimal as siussCentsToDecimal,
  formatFlowName,
  monthsTouched,
  SIUSS_RULES,
  SiussError,
  splitByYear,
  type Beneficiario,
  type FlowBuild,
  type FlowNameTipo,
  type PrestazioniSociali,
  type PsPsaSinaFlow,
  type RuleId,
  type SINA,
  type SINBA,
  type SinbaFlow,
  type ValidateFlowOptions,
} from '@riuso-sociale/siuss-schema';
import type { Actor, Instant } from '../base.js';
import type { Cartella } from '../entities/cartella.js';
import type { Erogazione } from '../entities/erogazione.js';
import type { FlussoSiuss } from '../entities/flusso-siuss.js';
import type { Intervento } from '../entities/intervento.js';
import type { NucleoFamiliare } from '../entities/nucleo-familiare.js';
import type { Persona } from '../entities/persona.js';
import type { PresaInCarico } from '../entities/presa-in-carico.js';
import type { Sina, Sinba, Valutazione } from '../entities/valutazione.js';
import type { Id } from '../ids.js';
import type { AuditEvent } from '../audit.js';
import { transitionErogazione } from '../lifecycles/erogazione.js';

// ---------------------------------------------------------------------------------------------------
// Inputs and outputs

/**
 * Issue codes of the SIUSS adapter (`csi.siuss.*`). Findings of siuss-schema are passed through with
 * their own codes (`siuss.xsd.*`, `siuss.rule.*`, `siuss.flow_name.*`, `siuss.model.*`).
 *
 * @example
 * ```ts
 * import type { SiussAdapterIssueCode } from '@riuso-sociale/csi-model';
 * const c: SiussAdapterIssueCode = 'csi.siuss.codice_fiscale_missing';
 * ```
 */
export type SiussAdapterIssueCode =
  | 'csi.siuss.empty'
  | 'csi.siuss.ente'
  | 'csi.siuss.codice_fiscale_missing'
  | 'csi.siuss.codice_fiscale_invalid'
  | 'csi.siuss.persona_not_exportable'
  | 'csi.siuss.residenza_missing'
  | 'csi.siuss.duplicate'
  | 'csi.siuss.persona_mismatch'
  | 'csi.siuss.intervento_mismatch'
  | 'csi.siuss.valutazione_mismatch'
  | 'csi.siuss.already_exported'
  | 'csi.siuss.not_exportable'
  | 'csi.siuss.not_exported'
  | 'csi.siuss.valutazione_not_usable'
  | 'csi.siuss.sinba_not_minor'
  | 'csi.siuss.sinba_no_prestazioni'
  | 'csi.siuss.sinba_not_pseudonymous'
  | 'csi.siuss.sinba_id'
  | 'csi.siuss.sinba_componenti'
  | 'csi.siuss.flusso_mismatch';

/**
 * The Ente that sends the flow (`IdentificazioneFlusso/Ente` of both XSDs).
 *
 * @example
 * ```ts
 * import type { SiussEnteInput } from '@riuso-sociale/csi-model';
 * const ente: SiussEnteInput = { codice: 'F205', denominazione: 'Comune di Milano', cfOperatore: 'RSSMRA80A01F205X' };
 * ```
 */
export interface SiussEnteInput {
  /** `Ente@Codice` (1–32): the code of the Ente at INPS; the Belfiore code in the INPS samples (`H501`). */
  readonly codice: string;
  /** `Ente@Denominazione` (1–100), optional. */
  readonly denominazione?: string;
  /** `Ente@Indirizzo`: Belfiore code of the Ente's legal seat (4 characters; not a street address). Default: `codice` when it is a Belfiore code. */
  readonly indirizzo?: string;
  /** `Ente@CFOperatore`: codice fiscale of the operator who sends the flow. */
  readonly cfOperatore: string;
}

/**
 * The flow name (`IdentificazioneFlusso@Nome`, WaaS `id_flusso`): the parts of
 * `{Ente@Codice}.{TIPO}.{AAAAMMGG}.{progressivo}` (written by `formatFlowName`), or a name as is.
 *
 * @example
 * ```ts
 * import type { SiussFlowNameInput } from '@riuso-sociale/csi-model';
 * const n: SiussFlowNameInput = { data: '2025-03-01' as never, progressivo: 1 }; // F205.PS.20250301.0000001
 * ```
 */
export type SiussFlowNameInput =
  | {
      /** Day of creation (explicit: never "today"). */
      readonly data: IsoDate;
      /** Daily progressive number, 1–9 999 999. */
      readonly progressivo: number;
      /** `TIPO` of the name for PS-PSA-SINA flows: `PS` (default), `PSA` or `SINA`; SINBA flows are always `SINBA`. */
      readonly tipo?: Exclude<FlowNameTipo, 'SINBA'>;
    }
  | string;

/**
 * One erogazione to send, with its intervento and (optionally) the SINA assessment it relies on.
 *
 * @example
 * ```ts
 * import type { SiussErogazioneInput } from '@riuso-sociale/csi-model';
 * // const entry: SiussErogazioneInput = { erogazione, intervento, valutazione: sina };
 * ```
 */
export interface SiussErogazioneInput {
  /** The erogazione (one `PrestazioniSociali`, or one per calendar year). */
  readonly erogazione: Erogazione;
  /** Its intervento (`erogazione.intervento`). */
  readonly intervento: Intervento;
  /** The SINA assessment (`tipo` `sina`) to send with it (`PrestazioniSociali/SINA`). */
  readonly valutazione?: Valutazione;
  /**
   * `PrestazioniSociali@ProtocolloDomanda` (1–32): the Ente's protocol of the application. Default: the
   * intervento's identifier without dashes (32 hex digits), stable, so a cancellation matches its insertion.
   */
  readonly protocolloDomanda?: string;
}

/**
 * One beneficiary of a PS-PSA-SINA flow: the person and the erogazioni to send.
 *
 * @example
 * ```ts
 * import type { SiussBeneficiarioInput } from '@riuso-sociale/csi-model';
 * // const b: SiussBeneficiarioInput = { persona, erogazioni: [{ erogazione, intervento }] };
 * ```
 */
export interface SiussBeneficiarioInput {
  /** The person (`Beneficiario`, `Anagrafica`, `Indirizzo`). */
  readonly persona: Persona;
  /** The erogazioni (1..n `PrestazioniSociali`). */
  readonly erogazioni: readonly SiussErogazioneInput[];
}

/**
 * Input of a PS-PSA-SINA flow.
 *
 * @example
 * ```ts
 * import type { PsPsaSinaInput } from '@riuso-sociale/csi-model';
 * // const input: PsPsaSinaInput = { ente, nome: { data: '2025-03-01', progressivo: 1 }, beneficiari: [{ persona, erogazioni }] };
 * ```
 */
export interface PsPsaSinaInput {
  /** Which flow (default `PS_PSA_SINA`). */
  readonly tipo?: 'PS_PSA_SINA';
  /** The sending Ente. */
  readonly ente: SiussEnteInput;
  /** The flow name. */
  readonly nome: SiussFlowNameInput;
  /** The beneficiaries (1..n). */
  readonly beneficiari: readonly SiussBeneficiarioInput[];
  /**
   * `PrestazioniSociali@TipoOperazione`: `I` insertion (default: erogazioni `validata` or `liquidata`),
   * `C` cancellation (erogazioni exported with `I`: `esportata`, or cancelled afterwards without a
   * recorded cancellation flow).
   */
  readonly tipoOperazione?: 'I' | 'C';
  /**
   * Options of `validateFlow`. Default: every business rule (`SIUSS_RULES`) is an error, except
   * `siuss.rule.prestazione_code_unknown` (a warning: the INPS code table is incomplete); mode `upload`.
   */
  readonly validation?: ValidateFlowOptions;
}

/**
 * One SINBA record to send: the minor, the SINBA assessment, the interventi received, and (optional)
 * the presa in carico (closure codes), the ISEE household and the cartella.
 *
 * @example
 * ```ts
 * import type { SinbaSchedaInput } from '@riuso-sociale/csi-model';
 * // const s: SinbaSchedaInput = { persona: minore, valutazione: sinba, interventi: [affido] };
 * ```
 */
export interface SinbaSchedaInput {
  /** The minor. */
  readonly persona: Persona;
  /** The assessment (`tipo` `sinba`, with its `sinba` block). */
  readonly valutazione: Valutazione;
  /** The interventi received (`Prestazioni/CodicePrestazione`, 1..n distinct codes). */
  readonly interventi: readonly Intervento[];
  /** The presa in carico: `MotivazioneChiusuraCarico` / `SituazioneChiusuraCarico` when closed with SINBA codes. */
  readonly presaInCarico?: PresaInCarico;
  /** The household: `NumeroComponentiISEE` (an `isee` household) and `FasciaISEEBeneficiario` (its ISEE). */
  readonly nucleo?: NucleoFamiliare;
  /** The cartella (checked: the same person, a minor's). */
  readonly cartella?: Cartella;
}

/**
 * Input of a SINBA flow. SINBA is pseudonymous (DM 206/2014 art. 5 c.4): `IDBeneficiario` comes from
 * `idBeneficiario`, e.g. `pseudonymizeFor('sinba', persona.codiceFiscale, key)`; the codice fiscale,
 * names and birth date never enter the flow (only the birth year and age band, as the XSD asks).
 *
 * @example
 * ```ts
 * import { pseudonymizeFor, type SinbaInput } from '@riuso-sociale/csi-model';
 * // const input: SinbaInput = { tipo: 'SINBA', ente, nome: { data: '2025-03-01', progressivo: 1 }, schede,
 * //   idBeneficiario: (p) => pseudonymizeFor('sinba', p.codiceFiscale ?? '', key) };
 * ```
 */
export interface SinbaInput {
  /** Which flow. */
  readonly tipo: 'SINBA';
  /** The sending Ente. */
  readonly ente: SiussEnteInput;
  /** The flow name (`TIPO` is `SINBA`). */
  readonly nome: SiussFlowNameInput;
  /** The records (1..n). */
  readonly schede: readonly SinbaSchedaInput[];
  /** The pseudonym of a minor (`IDBeneficiario`, 1–20 characters): a string or a `Result`. */
  readonly idBeneficiario: (persona: Persona) => string | Result<string>;
  /** Date the age band is computed on (default: the date of each assessment). */
  readonly dataRiferimento?: IsoDate;
  /** Options of `validateFlow` (defaults as for {@link PsPsaSinaInput.validation}). */
  readonly validation?: ValidateFlowOptions;
}

/**
 * A flow built by {@link toSiussFlow}: the flow object, its XML, its name, the SHA-256 of the XML
 * (`FlussoSiuss.hashPayload`), the erogazioni and valutazioni it carries (`FlussoSiuss.erogazioni` /
 * `valutazioni`) and the business-rule warnings left.
 *
 * @example
 * ```ts
 * import type { SiussFlowOutput } from '@riuso-sociale/csi-model';
 * type X = SiussFlowOutput['xml']; // string
 * ```
 */
export interface SiussFlowOutput<F extends PsPsaSinaFlow | SinbaFlow = PsPsaSinaFlow | SinbaFlow> {
  /** The flow (siuss-schema model). */
  readonly flow: F;
  /** The XML, valid against the official XSD. */
  readonly xml: string;
  /** `IdentificazioneFlusso@Nome` (= WaaS `id_flusso`). */
  readonly name: string;
  /** SHA-256 of the UTF-8 XML, lower-case hex. */
  readonly hashPayload: string;
  /** `PrestazioniSociali@TipoOperazione` of every record (`I` for SINBA flows). */
  readonly tipoOperazione: 'I' | 'C';
  /** Erogazioni carried (empty for SINBA). */
  readonly erogazioni: readonly Id<'erogazione'>[];
  /** Valutazioni carried (SINA blocks, SINBA records). */
  readonly valutazioni: readonly Id<'valutazione'>[];
  /** Business-rule findings left as warnings (by default only `siuss.rule.prestazione_code_unknown`). */
  readonly warnings: readonly Issue[];
}

// ---------------------------------------------------------------------------------------------------
// Helpers

type Path = readonly (string | number)[];

function refuse(code: SiussAdapterIssueCode, it: string, en: string, path: Path, params: Issue['params'] = {}): Issue {
  return createIssue(code, { it, en }, { path, params });
}

function nonEmpty(issues: readonly Issue[]): readonly [Issue, ...Issue[]] {
  const [first, ...rest] = issues;
  if (first === undefined) throw new Error('csi-model: nonEmpty without issues');
  return [first, ...rest];
}

/**
 * Integer cents as an `xs:decimal` string with two decimals (`12345` → `"123.45"`, `5` → `"0.05"`):
 * string arithmetic on the digits, exact for every safe integer (no floating point). The same function
 * as siuss-schema's `centsToDecimal` (this one delegates to it: one implementation of the amounts).
 *
 * @throws RangeError for a value that is not a safe integer.
 * @example
 * ```ts
 * import { centsToDecimal } from '@riuso-sociale/csi-model';
 * centsToDecimal(89292); // '892.92'
 * centsToDecimal(5);     // '0.05'
 * ```
 */
export function centsToDecimal(cents: number): string {
  return siussCentsToDecimal(cents);
}

/** Hours (2.5) as SIUSS `OreServizioMensile` hours.minutes (`"2.30"`), minutes rounded to the nearest. */
function hoursToHMM(hours: number): string {
  const minutes = Math.round(hours * 60);
  return `${Math.floor(minutes / 60)}.${String(minutes % 60).padStart(2, '0')}`;
}

/** `AAAA-MM-GG` → SINBA `MM/AAAA`. */
function monthYear(date: IsoDate): string {
  return `${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

const BELFIORE = /^[A-Z]\d{3}$/;

/** The default severities: every rule an error but the incomplete code table. */
function validationOptions(options: ValidateFlowOptions | undefined): ValidateFlowOptions {
  const severity: Partial<Record<RuleId, 'error' | 'warning' | 'off'>> = Object.fromEntries(SIUSS_RULES.map((r) => [r.id, 'error' as const]));
  severity['siuss.rule.prestazione_code_unknown'] = 'warning';
  return { ...options, severity: { ...severity, ...(options?.severity ?? {}) } };
}

function flowName(ente: SiussEnteInput, nome: SiussFlowNameInput, tipo: FlowNameTipo): Result<string> {
  if (typeof nome === 'string') return ok(nome);
  try {
    return ok(formatFlowName({ codiceEnte: ente.codice, tipo, date: nome.data, progressivo: nome.progressivo }));
  } catch (e) {
    if (e instanceof SiussError) return fail(e.issues);
    throw e;
  }
}

/**
 * A codice fiscale checked with `@riuso-sociale/fiscal-code` (structure, date, place, check character;
 * an omocodic code is valid; an 11-digit numeric code has its check digit): the normalised code, or the
 * reason it is refused (the fiscal-code issue code, never the code itself).
 */
function checkFiscalCode(value: unknown): { readonly ok: true; readonly code: string } | { readonly ok: false; readonly reason: string } {
  if (typeof value !== 'string') return { ok: false, reason: 'cf.not_a_string' };
  const r = validateFiscalCode(value);
  return r.ok ? { ok: true, code: r.value.code } : { ok: false, reason: r.issues[0].code };
}

/** A masked codice fiscale for messages (whatever its length: `maskFiscalCode`), or a placeholder. */
const masked = (value: unknown): string => (typeof value === 'string' && value.trim() !== '' ? maskFiscalCode(value.trim().toUpperCase()) : '(vuoto)');

function invalidFiscalCode(path: Path, shown: string, reason: string, params: Issue['params'] = {}): Issue {
  return refuse(
    'csi.siuss.codice_fiscale_invalid',
    `Codice fiscale non valido (${shown}): struttura, data, luogo o carattere di controllo errati`,
    `Invalid codice fiscale (${shown}): wrong structure, date, place or check character`,
    path,
    { ...params, reason },
  );
}

function enteIssues(ente: SiussEnteInput): { issues: Issue[]; indirizzo: string; cfOperatore: string } {
  const issues: Issue[] = [];
  // Ente@CFOperatore: the operator's codice fiscale, verified (an omocodic code is valid), sent normalised.
  const cf = checkFiscalCode(ente.cfOperatore);
  if (!cf.ok) issues.push(invalidFiscalCode(['ente', 'cfOperatore'], masked(ente.cfOperatore), cf.reason));
  // Ente@Indirizzo: "Codice comune sede legale dell'Ente in codifica Ministero Finanze" (XSD EnteType), 4 characters.
  const indirizzo = ente.indirizzo ?? (BELFIORE.test(ente.codice) ? ente.codice : '');
  if (indirizzo === '') {
    issues.push(
      refuse(
        'csi.siuss.ente',
        'Ente@Indirizzo: indicare il codice Belfiore della sede legale dell\'Ente (il codice dell\'Ente non è un codice Belfiore)',
        'Ente@Indirizzo: give the Belfiore code of the Ente\'s legal seat (the Ente code is not a Belfiore code)',
        ['ente', 'indirizzo'],
      ),
    );
  }
  return { indirizzo, issues, cfOperatore: cf.ok ? cf.code : '' };
}

/** `IdentificazioneFlusso` ← the Ente input (XSD `IdentificazioneFlussoType`, `EnteType`). */
function identificazione(ente: SiussEnteInput, indirizzo: string, cfOperatore: string, name: string) {
  return {
    Nome: name, // IdentificazioneFlusso@Nome ← formatFlowName(ente.codice, TIPO, data, progressivo)
    Ente: {
      Codice: ente.codice, // Ente@Codice ← ente.codice
      ...(ente.denominazione !== undefined ? { Denominazione: ente.denominazione } : {}), // Ente@Denominazione ← ente.denominazione
      Indirizzo: indirizzo, // Ente@Indirizzo ← ente.indirizzo ?? ente.codice (Belfiore of the legal seat)
      CFOperatore: cfOperatore, // Ente@CFOperatore ← ente.cfOperatore (verified, normalised)
    },
  };
}

/**
 * Writes the flow and validates what was written in one pass (`buildFlow` with `validate: true`: one
 * serialisation, one reading); issues of the flow get `params` naming the source entities.
 */
function finish<F extends PsPsaSinaFlow | SinbaFlow>(
  flow: F,
  options: ValidateFlowOptions | undefined,
  sourceOf: (path: Issue['path']) => Issue['params'],
): Result<{ xml: string; warnings: Issue[] }> {
  const enrich = (i: Issue): Issue => ({ ...i, params: { ...i.params, ...sourceOf(i.path) } });
  let built: FlowBuild;
  try {
    built = buildFlow(flow, { ...validationOptions(options), validate: true });
  } catch (e) {
    // A flow object the serialiser cannot write (`siuss.model.*`, e.g. a character XML cannot hold).
    if (e instanceof SiussError) return fail(nonEmpty(e.issues.map(enrich)));
    throw e;
  }
  const { xml, validation } = built;
  if (validation.errors.length > 0) return fail(nonEmpty(validation.errors.map(enrich)));
  return ok({ xml, warnings: validation.warnings.map(enrich) });
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Who a person is in messages: the masked codice fiscale, or the kind of alternative identifier. */
function who(p: Persona): string {
  return p.codiceFiscale !== undefined ? masked(p.codiceFiscale) : `${p.identificativoAlternativo?.tipo ?? 'senza identificativo'}`;
}

/** States whose valutazione is usable in a flow: complete ones (not a draft, not entered in error). */
const USABLE_VALUTAZIONE = new Set(['completata', 'validata', 'superata']);

// ---------------------------------------------------------------------------------------------------
// PS-PSA-SINA

/** `SINA` ← `valutazione.sina` (XSD `SINAType`: attributes, then NecessitaInterventiSociali, InvaliditaCivile). */
function sinaBlock(s: Sina): SINA {
  return {
    Mobilita: s.mobilita, // SINA@Mobilita ← sina.mobilita
    AttivitaVitaQuotidiana: s.attivitaVitaQuotidiana, // SINA@AttivitaVitaQuotidiana ← sina.attivitaVitaQuotidiana
    ...(s.disturbiAreaCognitiva !== undefined ? { DisturbiAreaCognitiva: s.disturbiAreaCognitiva } : {}), // SINA@DisturbiAreaCognitiva
    DisturbiComportamentali: s.disturbiComportamentali, // SINA@DisturbiComportamentali ← sina.disturbiComportamentali
    ...(s.necessitaCureSanitarie !== undefined ? { NecessitaCureSanitarie: s.necessitaCureSanitarie } : {}), // SINA@NecessitaCureSanitarie
    AreaReddituale: s.areaReddituale, // SINA@AreaReddituale ← sina.areaReddituale
    AreaSupporto: s.areaSupporto, // SINA@AreaSupporto ← sina.areaSupporto
    FonteDerivazioneValutazione: s.fonteDerivazioneValutazione, // SINA@FonteDerivazioneValutazione ← sina.fonteDerivazioneValutazione
    StrumentoValutazione: s.strumentoValutazione, // SINA@StrumentoValutazione ← sina.strumentoValutazione
    ...(s.fonteDerivazioneInvalidita !== undefined ? { FonteDerivazioneInvalidita: s.fonteDerivazioneInvalidita } : {}), // SINA@FonteDerivazioneInvalidita
    // SINA/NecessitaInterventiSociali/CodicePrestazione (1..n) ← sina.necessitaInterventiSociali
    ...(s.necessitaInterventiSociali !== undefined && s.necessitaInterventiSociali.length > 0
      ? { NecessitaInterventiSociali: { CodicePrestazione: [...s.necessitaInterventiSociali] } }
      : {}),
    // SINA/InvaliditaCivile/InvCiv (1..n) ← sina.invaliditaCivile
    ...(s.invaliditaCivile !== undefined && s.invaliditaCivile.length > 0 ? { InvaliditaCivile: { InvCiv: [...s.invaliditaCivile] } } : {}),
  };
}

/** One `PrestazioniSociali` (before the per-year split) ← erogazione + intervento (+ SINA). */
function prestazione(entry: SiussErogazioneInput, tipoOperazione: 'I' | 'C'): PrestazioniSociali {
  const { erogazione: e, intervento: i, valutazione: v } = entry;
  const periodic = i.carattere === '1';
  return {
    TipoOperazione: tipoOperazione, // @TipoOperazione ← input.tipoOperazione (I inserimento, C cancellazione)
    PresenzaProvaMezzi: i.provaMezzi, // @PresenzaProvaMezzi ← intervento.provaMezzi (1–4)
    CaratterePrestazione: i.carattere, // @CaratterePrestazione ← intervento.carattere (1 periodica, 2 una tantum)
    // @NumeroProtocolloDSU, @AnnoProtocolloDSU, @DataDSU ← intervento.dsu (all three or none)
    ...(i.dsu !== undefined ? { NumeroProtocolloDSU: i.dsu.numeroProtocollo, AnnoProtocolloDSU: String(i.dsu.anno), DataDSU: i.dsu.data } : {}),
    CodicePrestazione: i.prestazione.code, // @CodicePrestazione ← intervento.prestazione.code (DM 206/2014 Tabella 1)
    DenominazionePrestazione: i.denominazione, // @DenominazionePrestazione ← intervento.denominazione
    ProtocolloDomanda: entry.protocolloDomanda ?? i.id.replaceAll('-', ''), // @ProtocolloDomanda ← protocolloDomanda ?? intervento.id (32 hex)
    ...(periodic
      ? {
          DataInizioPrestazione: e.dal, // @DataInizioPrestazione ← erogazione.dal
          ...(e.al !== undefined ? { DataFinePrestazione: e.al, PeriodoErogazione: String(monthsTouched(e.dal, e.al)) } : {}), // @DataFinePrestazione ← erogazione.al; @PeriodoErogazione ← months touched
        }
      : { DataErogazionePrestazione: e.dataErogazione ?? e.dal }), // @DataErogazionePrestazione ← erogazione.dataErogazione ?? erogazione.dal
    ImportoPrestazione: centsToDecimal(e.importoCents), // @ImportoPrestazione ← erogazione.importoCents
    ...(e.importoMensileCents !== undefined ? { ImportoMensile: centsToDecimal(e.importoMensileCents) } : {}), // @ImportoMensile ← erogazione.importoMensileCents
    // Quotas (monthly for a periodic benefit: Ente + Utente + SSN = ImportoMensile, else = ImportoPrestazione).
    // Ente and SSN must be > 0 when given (Allegato B): a zero share is left out, which keeps the sum.
    ...(e.quotaEnteCents !== undefined && e.quotaEnteCents > 0 ? { ImportoQuotaEnte: centsToDecimal(e.quotaEnteCents) } : {}), // @ImportoQuotaEnte ← quotaEnteCents
    ...(e.quotaUtenteCents !== undefined ? { ImportoQuotaUtente: centsToDecimal(e.quotaUtenteCents) } : {}), // @ImportoQuotaUtente ← quotaUtenteCents
    ...(e.quotaSsnCents !== undefined && e.quotaSsnCents > 0 ? { ImportoQuotaSSN: centsToDecimal(e.quotaSsnCents) } : {}), // @ImportoQuotaSSN ← quotaSsnCents
    ...(i.sogliaIseeCents !== undefined ? { ImportoSogliaISEE: centsToDecimal(i.sogliaIseeCents) } : {}), // @ImportoSogliaISEE ← intervento.sogliaIseeCents
    ...(i.quantitaOreMese !== undefined ? { OreServizioMensile: hoursToHMM(i.quantitaOreMese) } : {}), // @OreServizioMensile ← intervento.quantitaOreMese (H.MM)
    PresaCarico: i.senzaPresaInCarico ? '2' : '1', // @PresaCarico ← intervento.senzaPresaInCarico ? 2 : 1
    AreaUtenza: i.areaUtenza.code as NonNullable<PrestazioniSociali['AreaUtenza']>, // @AreaUtenza ← intervento.areaUtenza.code
    ...(v?.sina !== undefined ? { SINA: sinaBlock(v.sina) } : {}), // SINA ← valutazione.sina
  };
}

/** The checks of one erogazione entry (empty: exportable). */
function erogazioneIssues(entry: SiussErogazioneInput, persona: Persona, tipoOperazione: 'I' | 'C', path: Path): Issue[] {
  const { erogazione: e, intervento: i, valutazione: v } = entry;
  const out: Issue[] = [];
  const params = { erogazione: e.id, persona: persona.id, beneficiario: who(persona) };
  if (e.persona !== persona.id) {
    out.push(refuse('csi.siuss.persona_mismatch', `L'erogazione riguarda un'altra persona, non il beneficiario ${who(persona)}`, `The erogazione is about another person, not beneficiary ${who(persona)}`, [...path, 'erogazione', 'persona'], params));
  }
  if (e.intervento !== i.id) {
    out.push(refuse('csi.siuss.intervento_mismatch', "L'intervento indicato non è quello dell'erogazione", "The intervento given is not the erogazione's own", [...path, 'intervento'], params));
  }
  if (i.persona !== persona.id) {
    out.push(refuse('csi.siuss.persona_mismatch', `L'intervento riguarda un'altra persona, non il beneficiario ${who(persona)}`, `The intervento is about another person, not beneficiary ${who(persona)}`, [...path, 'intervento', 'persona'], params));
  }
  if (i.status === 'entered-in-error') {
    out.push(refuse('csi.siuss.not_exportable', "L'intervento è segnato come inserito per errore", 'The intervento is marked as entered in error', [...path, 'intervento', 'status'], params));
  }
  if (tipoOperazione === 'I') {
    if (e.status === 'esportata' || e.status === 'acquisita') {
      out.push(
        refuse(
          'csi.siuss.already_exported',
          "Erogazione già esportata al SIUSS: per correggerla va cancellata (TipoOperazione C) e reinserita",
          'Erogazione already exported to SIUSS: to correct it, cancel it (TipoOperazione C) and insert it again',
          [...path, 'erogazione', 'status'],
          { ...params, status: e.status },
        ),
      );
    } else if (e.status !== 'validata' && e.status !== 'liquidata') {
      out.push(
        refuse(
          'csi.siuss.not_exportable',
          `Erogazione nello stato «${e.status}»: si esportano solo erogazioni validate o liquidate`,
          `Erogazione in state "${e.status}": only validated or paid erogazioni are exported`,
          [...path, 'erogazione', 'status'],
          { ...params, status: e.status },
        ),
      );
    }
  } else {
    // A cancellation concerns a record INPS received: exported (I), possibly cancelled here since.
    const exported = e.esportazione?.tipoOperazione === 'I' && (e.status === 'esportata' || e.status === 'acquisita' || e.status === 'annullata' || e.status === 'entered-in-error');
    if (!exported) {
      out.push(
        refuse(
          'csi.siuss.not_exported',
          `Cancellazione (TipoOperazione C) di un'erogazione mai esportata con inserimento (stato «${e.status}»)`,
          `Cancellation (TipoOperazione C) of an erogazione never exported as an insertion (state "${e.status}")`,
          [...path, 'erogazione', 'status'],
          { ...params, status: e.status },
        ),
      );
    }
  }
  if (v !== undefined) {
    if (v.persona !== persona.id) {
      out.push(refuse('csi.siuss.persona_mismatch', `La valutazione riguarda un'altra persona, non il beneficiario ${who(persona)}`, `The valutazione is about another person, not beneficiary ${who(persona)}`, [...path, 'valutazione', 'persona'], params));
    }
    if (e.valutazione !== undefined && e.valutazione !== v.id) {
      out.push(refuse('csi.siuss.valutazione_mismatch', "La valutazione indicata non è quella su cui si basa l'erogazione", 'The valutazione given is not the one the erogazione relies on', [...path, 'valutazione'], params));
    }
    if (v.tipo !== 'sina' || v.sina === undefined || !USABLE_VALUTAZIONE.has(v.status)) {
      out.push(
        refuse(
          'csi.siuss.valutazione_not_usable',
          `La valutazione non è una valutazione SINA completa (tipo «${v.tipo}», stato «${v.status}»)`,
          `The valutazione is not a complete SINA assessment (kind "${v.tipo}", state "${v.status}")`,
          [...path, 'valutazione'],
          { ...params, valutazione: v.id },
        ),
      );
    }
  }
  return out;
}

/** Beneficiario@CodiceFiscale: the codice fiscale, or a CF provvisorio (11 digits, allowed by the XSD pattern `\d{11} {0,5}`). */
function codiceFiscale(p: Persona): string | null {
  if (p.codiceFiscale !== undefined) return p.codiceFiscale;
  if (p.identificativoAlternativo?.tipo === 'cf-provvisorio') return p.identificativoAlternativo.valore;
  return null;
}

function psPsaSina(input: PsPsaSinaInput): Result<SiussFlowOutput<PsPsaSinaFlow>> {
  const tipoOperazione = input.tipoOperazione ?? 'I';
  const issues: Issue[] = [];
  const ente = enteIssues(input.ente);
  issues.push(...ente.issues);
  const name = flowName(input.ente, input.nome, typeof input.nome === 'string' ? 'PS' : (input.nome.tipo ?? 'PS'));
  if (!name.ok) issues.push(...name.issues.map((i) => ({ ...i, path: ['nome', ...i.path] })));
  if (input.beneficiari.length === 0) {
    issues.push(refuse('csi.siuss.empty', 'Nessun beneficiario: il flusso ne richiede almeno uno', 'No beneficiary: the flow needs at least one', ['beneficiari']));
  }

  const beneficiari: Beneficiario[] = [];
  /** sources[b][p]: the erogazione (and persona) of PrestazioniSociali p of Beneficiario b. */
  const sources: { persona: Id<'persona'>; erogazioni: Id<'erogazione'>[] }[] = [];
  const seenPersone = new Set<string>();
  const seenErogazioni = new Set<string>();
  const valutazioni = new Set<Id<'valutazione'>>();
  const erogazioni: Id<'erogazione'>[] = [];

  input.beneficiari.forEach((b, bi) => {
    const p = b.persona;
    const path: Path = ['beneficiari', bi];
    const params = { persona: p.id, beneficiario: who(p) };
    const given = codiceFiscale(p);
    let cf: string | null = given;
    if (given !== null) {
      // Beneficiario@CodiceFiscale: verified (check character or digit; an omocodic code is valid), sent normalised.
      const checked = checkFiscalCode(given);
      if (checked.ok) cf = checked.code;
      else {
        cf = null;
        const field = p.codiceFiscale !== undefined ? 'codiceFiscale' : 'identificativoAlternativo';
        issues.push(invalidFiscalCode([...path, 'persona', field], who(p), checked.reason, params));
      }
    } else {
      issues.push(
        refuse(
          'csi.siuss.codice_fiscale_missing',
          `Beneficiario senza codice fiscale (${who(p)}): il flusso PS-PSA-SINA identifica la persona con il codice fiscale`,
          `Beneficiary without a codice fiscale (${who(p)}): the PS-PSA-SINA flow identifies the person by codice fiscale`,
          [...path, 'persona', 'codiceFiscale'],
          params,
        ),
      );
    }
    if (p.status === 'entered-in-error' || p.status === 'unita') {
      issues.push(
        refuse(
          'csi.siuss.persona_not_exportable',
          `Persona ${who(p)} nello stato «${p.status}»: va usata la scheda valida`,
          `Person ${who(p)} in state "${p.status}": use the valid record`,
          [...path, 'persona', 'status'],
          { ...params, status: p.status },
        ),
      );
    }
    if (p.residenza === undefined) {
      issues.push(
        refuse('csi.siuss.residenza_missing', `Beneficiario ${who(p)} senza residenza (Indirizzo è obbligatorio)`, `Beneficiary ${who(p)} without a residence (Indirizzo is mandatory)`, [...path, 'persona', 'residenza'], params),
      );
    }
    if (seenPersone.has(p.id)) {
      issues.push(refuse('csi.siuss.duplicate', `Beneficiario ${who(p)} ripetuto: unire le sue erogazioni`, `Beneficiary ${who(p)} repeated: merge their erogazioni`, [...path, 'persona'], params));
    }
    seenPersone.add(p.id);
    if (b.erogazioni.length === 0) {
      issues.push(refuse('csi.siuss.empty', `Beneficiario ${who(p)} senza erogazioni`, `Beneficiary ${who(p)} without erogazioni`, [...path, 'erogazioni'], params));
    }

    const prestazioni: PrestazioniSociali[] = [];
    const source: Id<'erogazione'>[] = [];
    b.erogazioni.forEach((entry, ei) => {
      const epath: Path = [...path, 'erogazioni', ei];
      const found = erogazioneIssues(entry, p, tipoOperazione, epath);
      if (seenErogazioni.has(entry.erogazione.id)) {
        found.push(refuse('csi.siuss.duplicate', 'Erogazione ripetuta nel flusso', 'Erogazione repeated in the flow', [...epath, 'erogazione'], { erogazione: entry.erogazione.id }));
      }
      seenErogazioni.add(entry.erogazione.id);
      issues.push(...found);
      if (found.length > 0) return;
      // A periodic benefit across calendar years: one PrestazioniSociali per year (Allegato B: DataFine
      // in the year of DataInizio), ImportoPrestazione prorated by months in exact cents (splitByYear).
      const split = splitByYear(prestazione(entry, tipoOperazione));
      if (!split.ok) {
        issues.push(...split.issues.map((i) => ({ ...i, path: [...epath, ...i.path], params: { ...i.params, erogazione: entry.erogazione.id } })));
        return;
      }
      for (const part of split.value) {
        prestazioni.push(part);
        source.push(entry.erogazione.id);
      }
      erogazioni.push(entry.erogazione.id);
      if (entry.valutazione !== undefined) valutazioni.add(entry.valutazione.id);
    });

    if (cf === null || p.residenza === undefined) return;
    const r = p.residenza;
    beneficiari.push({
      CodiceFiscale: cf, // Beneficiario@CodiceFiscale ← persona.codiceFiscale (or CF provvisorio)
      Anagrafica: {
        Cognome: p.cognome, // Anagrafica@Cognome ← persona.cognome
        Nome: p.nome, // Anagrafica@Nome ← persona.nome
        AnnoNascita: p.dataNascita.slice(0, 4), // Anagrafica@AnnoNascita ← year of persona.dataNascita
        LuogoNascita: p.luogoNascita, // Anagrafica@LuogoNascita ← persona.luogoNascita (Belfiore)
        Genere: p.sesso, // Anagrafica@Genere ← persona.sesso (1 M, 2 F)
        CodiceCittadinanza: p.cittadinanza.code, // Anagrafica@CodiceCittadinanza ← persona.cittadinanza.code
        ...(p.secondaCittadinanza !== undefined ? { CodiceSecondaCittadinanza: p.secondaCittadinanza.code } : {}), // Anagrafica@CodiceSecondaCittadinanza
      },
      Indirizzo: [
        {
          ...(r.codiceRegione !== undefined ? { CodiceRegione: r.codiceRegione } : {}), // Indirizzo@CodiceRegione ← residenza.codiceRegione
          ...(r.codiceComuneIstat !== undefined ? { CodiceComune: r.codiceComuneIstat } : {}), // Indirizzo@CodiceComune ← residenza.codiceComuneIstat
          CodiceNazione: r.codiceNazione, // Indirizzo@CodiceNazione ← residenza.codiceNazione
        },
      ],
      PrestazioniSociali: prestazioni,
    });
    sources.push({ persona: p.id, erogazioni: source });
  });

  if (issues.length > 0 || !name.ok) return fail(nonEmpty(issues));
  const flow: PsPsaSinaFlow = { kind: 'PS_PSA_SINA', IdentificazioneFlusso: identificazione(input.ente, ente.indirizzo, ente.cfOperatore, name.value), Beneficiario: beneficiari };
  const done = finish(flow, input.validation, (path) => {
    if (path[0] !== 'Beneficiario' || typeof path[1] !== 'number') return {};
    const s = sources[path[1]];
    if (s === undefined) return {};
    const e = path[2] === 'PrestazioniSociali' && typeof path[3] === 'number' ? s.erogazioni[path[3]] : undefined;
    return { persona: s.persona, ...(e !== undefined ? { erogazione: e } : {}) };
  });
  if (!done.ok) return done;
  return ok({
    flow,
    xml: done.value.xml,
    name: name.value,
    hashPayload: sha256(done.value.xml),
    tipoOperazione,
    erogazioni,
    valutazioni: [...valutazioni],
    warnings: done.value.warnings,
  });
}

// ---------------------------------------------------------------------------------------------------
// SINBA

/**
 * `FasciaEtaBeneficiario` (SINBA.xsd: 1 = 0-3 anni, 2 = 3-6, 3 = 6-9, 4 = 9-12, 5 = 12-15, 6 = 15-18)
 * from the completed years of age: [0, 3) → 1, [3, 6) → 2, … [15, 18) → 6 (the XSD labels share their
 * bounds; reading a bound as the start of the next band is an interpretation [I]).
 */
function fasciaEta(age: number): SINBA['FasciaEtaBeneficiario'] {
  return String(Math.min(6, Math.floor(age / 3) + 1)) as SINBA['FasciaEtaBeneficiario'];
}

/**
 * `FasciaISEEBeneficiario` (SINBA.xsd: 1 = 0; 2 = 0.01–3000; 3 = 3000.01–6000; 4 = 6000.01–9000;
 * 5 = 9000.01–12000; 6 = 12000.01–15000; 7 = 15000.01–20000; 8 = oltre 20000 euro) from the ISEE in cents.
 */
function fasciaIsee(cents: number): NonNullable<SINBA['FasciaISEEBeneficiario']> {
  const bounds = [0, 300_000, 600_000, 900_000, 1_200_000, 1_500_000, 2_000_000];
  const band = bounds.findIndex((b) => cents <= b);
  return String(band === -1 ? 8 : band + 1) as NonNullable<SINBA['FasciaISEEBeneficiario']>;
}

/** SINBA record attributes ← `valutazione.sinba` (XSD `SinbaType`). */
function sinbaAttributes(s: Sinba): Omit<SINBA, 'IDBeneficiario' | 'FasciaEtaBeneficiario' | 'AnnoNascita' | 'CodiceNazioneResidenza' | 'Prestazioni' | 'Famiglia'> {
  return {
    MinoreStranieroNoAcc: s.minoreStranieroNoAcc, // @MinoreStranieroNoAcc ← sinba.minoreStranieroNoAcc
    CondizioneMinore: s.condizioneMinore, // @CondizioneMinore ← sinba.condizioneMinore
    LuogoVita: s.luogoVita, // @LuogoVita ← sinba.luogoVita
    ScuolaFrequentata: s.scuolaFrequentata, // @ScuolaFrequentata ← sinba.scuolaFrequentata
    CondizioneLavoro: s.condizioneLavoro, // @CondizioneLavoro ← sinba.condizioneLavoro
    Disabilita: s.disabilita, // @Disabilita ← sinba.disabilita
    ...(s.tipoDisabilita !== undefined ? { TipoDisabilita: s.tipoDisabilita } : {}), // @TipoDisabilita
    ...(s.invCivCertificazioni !== undefined ? { InvCivCertificazioni: s.invCivCertificazioni } : {}), // @InvCivCertificazioni
    ...(s.codiceCittadinanzaPadre !== undefined ? { CodiceCittadinanzaPadre: s.codiceCittadinanzaPadre } : {}), // @CodiceCittadinanzaPadre
    ...(s.codiceCittadinanzaMadre !== undefined ? { CodiceCittadinanzaMadre: s.codiceCittadinanzaMadre } : {}), // @CodiceCittadinanzaMadre
    ...(s.codiceRegioneResidenzaPadre !== undefined ? { CodiceRegioneResidenzaPadre: s.codiceRegioneResidenzaPadre } : {}), // @CodiceRegioneResidenzaPadre
    ...(s.codiceRegioneResidenzaMadre !== undefined ? { CodiceRegioneResidenzaMadre: s.codiceRegioneResidenzaMadre } : {}), // @CodiceRegioneResidenzaMadre
    ...(s.titoloStudioPadre !== undefined ? { TitoloStudioPadre: s.titoloStudioPadre } : {}), // @TitoloStudioPadre
    ...(s.titoloStudioMadre !== undefined ? { TitoloStudioMadre: s.titoloStudioMadre } : {}), // @TitoloStudioMadre
    ...(s.occupazionePadre !== undefined ? { OccupazionePadre: s.occupazionePadre } : {}), // @OccupazionePadre
    ...(s.occupazioneMadre !== undefined ? { OccupazioneMadre: s.occupazioneMadre } : {}), // @OccupazioneMadre
    DataPrimaSegnalazione: monthYear(s.dataPrimaSegnalazione), // @DataPrimaSegnalazione (MM/AAAA) ← sinba.dataPrimaSegnalazione
    FonteSegnalazione: s.fonteSegnalazione, // @FonteSegnalazione ← sinba.fonteSegnalazione
    ValutazioneMinore: s.valutazioneMinore, // @ValutazioneMinore ← sinba.valutazioneMinore
    ValutazioneFamigliaMinore: s.valutazioneFamigliaMinore, // @ValutazioneFamigliaMinore ← sinba.valutazioneFamigliaMinore
    SegnalazioneAutoritaGiudiziaria: s.segnalazioneAutoritaGiudiziaria, // @SegnalazioneAutoritaGiudiziaria
    ...(s.dataSegnalazione !== undefined ? { DataSegnalazione: monthYear(s.dataSegnalazione) } : {}), // @DataSegnalazione (MM/AAAA)
    ProvvedimentoGiudiziario: s.provvedimentoGiudiziario, // @ProvvedimentoGiudiziario
    ...(s.dataProvvedimentoGiudiziario !== undefined ? { DataProvvedimentoGiudiziario: monthYear(s.dataProvvedimentoGiudiziario) } : {}), // @DataProvvedimentoGiudiziario (MM/AAAA)
    ...(s.autoritaProvvedimento !== undefined ? { AutoritaProvvedimento: s.autoritaProvvedimento } : {}), // @AutoritaProvvedimento
    ...(s.potestaTutela !== undefined ? { PotestaTutela: s.potestaTutela } : {}), // @PotestaTutela
    ...(s.tipoProvvedimentoGiudiziario !== undefined ? { TipoProvvedimentoGiudiziario: s.tipoProvvedimentoGiudiziario } : {}), // @TipoProvvedimentoGiudiziario
    ...(s.formaInterventoAffido !== undefined ? { FormaInterventoAffido: s.formaInterventoAffido } : {}), // @FormaInterventoAffido
    ...(s.tipoInterventoAffido !== undefined ? { TipoInterventoAffido: s.tipoInterventoAffido } : {}), // @TipoInterventoAffido
    ...(s.durataAffido !== undefined ? { DurataAffido: s.durataAffido } : {}), // @DurataAffido
    ...(s.carattereAffido !== undefined ? { CarattereAffido: s.carattereAffido } : {}), // @CarattereAffido
    ...(s.esitoAffido !== undefined ? { EsitoAffido: s.esitoAffido } : {}), // @EsitoAffido
    ...(s.carattereInserimentoResidenziale !== undefined ? { CarattereInserimentoResidenziale: s.carattereInserimentoResidenziale } : {}), // @CarattereInserimentoResidenziale
    ...(s.formaInserimentoResidenziale !== undefined ? { FormaInserimentoResidenziale: s.formaInserimentoResidenziale } : {}), // @FormaInserimentoResidenziale
    ...(s.tipoInserimentoResidenziale !== undefined ? { TipoInserimentoResidenziale: s.tipoInserimentoResidenziale } : {}), // @TipoInserimentoResidenziale
    ...(s.esitoInserimentoStruttura !== undefined ? { EsitoInserimentoStruttura: s.esitoInserimentoStruttura } : {}), // @EsitoInserimentoStruttura
    ...(s.collaborazioniInterventi !== undefined ? { CollaborazioniInterventi: s.collaborazioniInterventi } : {}), // @CollaborazioniInterventi
  };
}

/** Omocodia: the letters that replace the digits 0–9, and the positions (0-based) where they may stand. */
const OMOCODE_LETTERS = 'LMNPQRSTUV';
const OMOCODE_POSITIONS: ReadonlySet<number> = new Set([6, 7, 9, 10, 12, 13, 14]);

/**
 * Whether character `a` (of an IDBeneficiario) may stand at position `pos` of some omocodic variant of
 * the base code `base`: the same character; at an omocodia position, the digit or its letter; at the
 * check character (15), any letter (omocodia changes it).
 */
function variantChar(a: string, base: string, pos: number): boolean {
  const c = base.charAt(pos);
  if (pos === 15) return a >= 'A' && a <= 'Z';
  if (OMOCODE_POSITIONS.has(pos)) {
    const i = OMOCODE_LETTERS.indexOf(a);
    return (i === -1 ? a : String(i)) === c;
  }
  return a === c;
}

/**
 * Whether a SINBA `IDBeneficiario` holds an identifier of the person, ignoring case and separators:
 * the codice fiscale — any omocodic variant, compared with the base (de-omocodified) code — inside the
 * id (its first 15 characters: omocodia changes the check character) or the id inside a variant; the
 * alternative identifier inside the id or the id inside it.
 */
function revealsIdentifier(id: string, codiceFiscale: string | undefined, alternativo: string | undefined): boolean {
  const plain = id.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (plain === '') return false;
  if (codiceFiscale !== undefined) {
    let base = codiceFiscale.toUpperCase();
    try {
      base = canonicalFiscalCode(codiceFiscale);
    } catch {
      // A code fiscal-code cannot read was refused already; compare it as it is.
    }
    if (base.length === 16) {
      for (let k = 0; k + 15 <= plain.length; k++) {
        let all = true;
        for (let j = 0; j < 15 && all; j++) all = variantChar(plain.charAt(k + j), base, j);
        if (all) return true;
      }
      for (let k = 0; k + plain.length <= 16; k++) {
        let all = true;
        for (let j = 0; j < plain.length && all; j++) all = variantChar(plain.charAt(j), base, k + j);
        if (all) return true;
      }
    } else if (plain.includes(base) || base.includes(plain)) return true;
  }
  if (alternativo !== undefined) {
    const alt = alternativo.toUpperCase().replace(/[^A-Z0-9]/g, '');
    if (alt !== '' && (plain.includes(alt) || alt.includes(plain))) return true;
  }
  return false;
}

/** Whether a household member belongs to the household on `date`. */
const memberOn = (c: { readonly dal: IsoDate; readonly al?: IsoDate | undefined }, date: IsoDate): boolean => c.dal <= date && (c.al === undefined || c.al >= date);

function sinba(input: SinbaInput): Result<SiussFlowOutput<SinbaFlow>> {
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  const ente = enteIssues(input.ente);
  issues.push(...ente.issues);
  const name = flowName(input.ente, input.nome, 'SINBA');
  if (!name.ok) issues.push(...name.issues.map((i) => ({ ...i, path: ['nome', ...i.path] })));
  if (input.schede.length === 0) {
    issues.push(refuse('csi.siuss.empty', 'Nessuna scheda SINBA: il flusso ne richiede almeno una', 'No SINBA record: the flow needs at least one', ['schede']));
  }
  const records: SINBA[] = [];
  const sources: Id<'valutazione'>[] = [];
  const seenIds = new Set<string>();

  input.schede.forEach((s, si) => {
    const path: Path = ['schede', si];
    const p = s.persona;
    const v = s.valutazione;
    // Only identifiers in params and messages: SINBA data are special categories (GDPR art. 9).
    const params = { persona: p.id, valutazione: v.id };
    const found: Issue[] = [];
    if (p.status === 'entered-in-error' || p.status === 'unita') {
      found.push(refuse('csi.siuss.persona_not_exportable', `Persona nello stato «${p.status}»: va usata la scheda valida`, `Person in state "${p.status}": use the valid record`, [...path, 'persona', 'status'], params));
    }
    // The minor's codice fiscale never enters the flow, but the pseudonym is derived from it and checked against it: it must be valid.
    const cfCheck = p.codiceFiscale === undefined ? undefined : checkFiscalCode(p.codiceFiscale);
    if (cfCheck !== undefined && !cfCheck.ok) found.push(invalidFiscalCode([...path, 'persona', 'codiceFiscale'], masked(p.codiceFiscale), cfCheck.reason, params));
    if (v.persona !== p.id) {
      found.push(refuse('csi.siuss.persona_mismatch', "La valutazione riguarda un'altra persona", 'The valutazione is about another person', [...path, 'valutazione', 'persona'], params));
    }
    if (v.tipo !== 'sinba' || v.sinba === undefined || !USABLE_VALUTAZIONE.has(v.status)) {
      found.push(
        refuse(
          'csi.siuss.valutazione_not_usable',
          `La valutazione non è una valutazione SINBA completa (tipo «${v.tipo}», stato «${v.status}»)`,
          `The valutazione is not a complete SINBA assessment (kind "${v.tipo}", state "${v.status}")`,
          [...path, 'valutazione'],
          params,
        ),
      );
    }
    const on = input.dataRiferimento ?? v.data;
    const age = ageOn(p.dataNascita, on);
    if (age < 0 || age >= 18) {
      found.push(refuse('csi.siuss.sinba_not_minor', `SINBA riguarda i minori: la persona ha ${age} anni ${dateText(on, { preposition: 'to' })}`, `SINBA is about minors: the person is ${age} ${dateText(on, { lang: 'en', preposition: 'on' })}`, [...path, 'persona', 'dataNascita'], { ...params, age, date: on }));
    }
    if (s.cartella !== undefined && (s.cartella.persona !== p.id || !s.cartella.minore)) {
      found.push(refuse('csi.siuss.persona_mismatch', 'La cartella non è la cartella di minore di questa persona', "The cartella is not this person's minor's record", [...path, 'cartella'], params));
    }
    if (s.presaInCarico !== undefined && s.presaInCarico.persona !== p.id) {
      found.push(refuse('csi.siuss.persona_mismatch', "La presa in carico riguarda un'altra persona", 'The presa in carico is about another person', [...path, 'presaInCarico', 'persona'], params));
    }
    if (s.nucleo !== undefined && !s.nucleo.componenti.some((c) => c.persona === p.id)) {
      found.push(refuse('csi.siuss.persona_mismatch', 'La persona non è tra i componenti del nucleo', 'The person is not a member of the household', [...path, 'nucleo', 'componenti'], params));
    }
    s.interventi.forEach((i, ii) => {
      if (i.persona !== p.id) {
        found.push(refuse('csi.siuss.persona_mismatch', "L'intervento riguarda un'altra persona", 'The intervento is about another person', [...path, 'interventi', ii, 'persona'], { ...params, intervento: i.id }));
      }
    });
    const codes = [...new Set(s.interventi.filter((i) => i.status !== 'entered-in-error').map((i) => i.prestazione.code))];
    if (codes.length === 0) {
      found.push(refuse('csi.siuss.sinba_no_prestazioni', 'Nessun intervento: la scheda SINBA elenca almeno una prestazione', 'No intervento: the SINBA record lists at least one benefit', [...path, 'interventi'], params));
    }
    if (p.residenza === undefined) {
      found.push(refuse('csi.siuss.residenza_missing', 'Minore senza residenza (CodiceNazioneResidenza è obbligatorio)', 'Minor without a residence (CodiceNazioneResidenza is mandatory)', [...path, 'persona', 'residenza'], params));
    }
    // IDBeneficiario: the caller's pseudonym, never an identifier of the person.
    let id: string | null = null;
    const made = input.idBeneficiario(p);
    if (typeof made === 'string') id = made;
    else if (made.ok) id = made.value;
    else found.push(...made.issues.map((i) => ({ ...i, path: [...path, 'idBeneficiario', ...i.path], params: { ...i.params, ...params } })));
    if (id !== null) {
      if (revealsIdentifier(id, cfCheck?.ok === true ? cfCheck.code : undefined, p.identificativoAlternativo?.valore)) {
        found.push(
          refuse(
            'csi.siuss.sinba_not_pseudonymous',
            'IDBeneficiario contiene un identificativo della persona: SINBA è pseudonimo (DM 206/2014 art. 5 c.4)',
            "IDBeneficiario holds an identifier of the person: SINBA is pseudonymous (DM 206/2014 art. 5 c.4)",
            [...path, 'idBeneficiario'],
            params,
          ),
        );
      } else if (id.length < 1 || id.length > 20) {
        found.push(refuse('csi.siuss.sinba_id', `IDBeneficiario di ${id.length} caratteri: da 1 a 20 (SINBA.xsd)`, `IDBeneficiario of ${id.length} characters: 1 to 20 (SINBA.xsd)`, [...path, 'idBeneficiario'], params));
      } else if (seenIds.has(id)) {
        found.push(refuse('csi.siuss.duplicate', 'Due schede SINBA con lo stesso IDBeneficiario', 'Two SINBA records with the same IDBeneficiario', [...path, 'idBeneficiario'], params));
      }
      seenIds.add(id);
    }
    issues.push(...found);
    if (found.length > 0 || id === null || v.sinba === undefined || p.residenza === undefined) return;

    // NumeroComponentiISEE (xs:int ≤ 9) ← members of the ISEE household on the reference date.
    let componenti: string | undefined;
    if (s.nucleo?.tipo === 'isee') {
      const n = s.nucleo.componenti.filter((c) => memberOn(c, on)).length;
      if (n >= 1 && n <= 9) componenti = String(n);
      else {
        warnings.push(
          createIssue(
            'csi.siuss.sinba_componenti',
            { it: `NumeroComponentiISEE non indicato: ${n} componenti, l'XSD ne ammette da 1 a 9`, en: `NumeroComponentiISEE left out: ${n} members, the XSD allows 1 to 9` },
            { severity: 'warning', path: [...path, 'nucleo', 'componenti'], params: { ...params, componenti: n } },
          ),
        );
      }
    }
    const isee = s.nucleo?.datiEconomici?.iseeCents;
    const pic = s.presaInCarico;
    const motivo = pic?.motivoChiusura?.system === 'siuss.sinba.motivazione-chiusura' ? pic.motivoChiusura.code : undefined;
    const situazione = pic?.situazioneChiusura?.system === 'siuss.sinba.situazione-chiusura' ? pic.situazioneChiusura.code : undefined;
    const r = p.residenza;
    records.push({
      IDBeneficiario: id, // @IDBeneficiario ← idBeneficiario(persona) (pseudonym, never the CF)
      ...sinbaAttributes(v.sinba),
      ...(motivo !== undefined ? { MotivazioneChiusuraCarico: motivo as NonNullable<SINBA['MotivazioneChiusuraCarico']> } : {}), // @MotivazioneChiusuraCarico ← presaInCarico.motivoChiusura
      ...(situazione !== undefined ? { SituazioneChiusuraCarico: situazione as NonNullable<SINBA['SituazioneChiusuraCarico']> } : {}), // @SituazioneChiusuraCarico ← presaInCarico.situazioneChiusura
      ...(componenti !== undefined ? { NumeroComponentiISEE: componenti } : {}), // @NumeroComponentiISEE ← isee household size
      FasciaEtaBeneficiario: fasciaEta(age), // @FasciaEtaBeneficiario ← age on the reference date
      ...(isee !== undefined ? { FasciaISEEBeneficiario: fasciaIsee(isee) } : {}), // @FasciaISEEBeneficiario ← nucleo.datiEconomici.iseeCents
      AnnoNascita: p.dataNascita.slice(0, 4), // @AnnoNascita ← year of persona.dataNascita
      ...(r.codiceRegione !== undefined ? { CodiceRegioneResidenza: r.codiceRegione } : {}), // @CodiceRegioneResidenza ← residenza.codiceRegione
      CodiceNazioneResidenza: r.codiceNazione, // @CodiceNazioneResidenza ← residenza.codiceNazione
      Prestazioni: { CodicePrestazione: codes }, // Prestazioni/CodicePrestazione ← interventi[].prestazione.code (distinct)
      Famiglia: { ComposizioneFamiglia: [...v.sinba.composizioneFamiglia] }, // Famiglia/ComposizioneFamiglia ← sinba.composizioneFamiglia
    });
    sources.push(v.id);
  });

  if (issues.length > 0 || !name.ok) return fail(nonEmpty(issues));
  const flow: SinbaFlow = { kind: 'SINBA', IdentificazioneFlusso: identificazione(input.ente, ente.indirizzo, ente.cfOperatore, name.value), SINBA: records };
  const done = finish(flow, input.validation, (path) => {
    const v = path[0] === 'SINBA' && typeof path[1] === 'number' ? sources[path[1]] : undefined;
    return v !== undefined ? { valutazione: v } : {};
  });
  if (!done.ok) return done;
  return ok({
    flow,
    xml: done.value.xml,
    name: name.value,
    hashPayload: sha256(done.value.xml),
    tipoOperazione: 'I',
    erogazioni: [],
    valutazioni: sources,
    warnings: [...warnings, ...done.value.warnings],
  });
}

/**
 * Builds a SIUSS flow from the Cartella Sociale: a PS-PSA-SINA flow (persons, erogazioni with their
 * interventi, SINA assessments) or a SINBA flow (`tipo: 'SINBA'`: minors' SINBA assessments,
 * pseudonymous). All or nothing: it refuses, with typed issues (Italian and English, codici fiscali
 * masked) and without any flow, persons without a codice fiscale (PS-PSA-SINA; an 11-digit CF
 * provvisorio is accepted, as the XSD pattern is), codici fiscali — of the persons and
 * `ente.cfOperatore` — that `@riuso-sociale/fiscal-code` rejects (a wrong check character or digit; an
 * omocodic code is valid) (`csi.siuss.codice_fiscale_invalid`), a SINBA `IDBeneficiario` that holds the
 * minor's codice fiscale or any omocodic variant of it (`csi.siuss.sinba_not_pseudonymous`), erogazioni already exported (unless
 * `tipoOperazione` is `C`) or not yet validated, erogazioni, interventi and valutazioni of another
 * person, and anything siuss-schema's `validateFlow` rejects (its issues are passed through, with
 * `params.persona` / `params.erogazione` / `params.valutazione` naming the source record).
 *
 * Amounts: integer cents → `xs:decimal` with two decimals (`12345` → `"123.45"`), exactly. A periodic
 * erogazione across calendar years becomes one `PrestazioniSociali` per year (`splitByYear`:
 * `ImportoPrestazione` prorated by months in whole cents, the parts summing exactly to the whole).
 *
 * @param input - a {@link PsPsaSinaInput} or a {@link SinbaInput}.
 * @returns the flow, its XML (valid against the official XSD), name, hash and carried records.
 * @example
 * ```ts
 * import { toSiussFlow } from '@riuso-sociale/csi-model';
 * const r = toSiussFlow({
 *   ente: { codice: 'F205', denominazione: 'Comune di Milano', cfOperatore: 'RSSMRA80A01F205X' },
 *   nome: { data: '2025-03-01' as never, progressivo: 1 },
 *   beneficiari: [{ persona, erogazioni: [{ erogazione, intervento }] }],
 * });
 * if (r.ok) console.log(r.value.name, r.value.xml.length); // 'F205.PS.20250301.0000001', …
 * else for (const i of r.issues) console.log(i.code, i.message);
 * ```
 */
export function toSiussFlow(input: PsPsaSinaInput): Result<SiussFlowOutput<PsPsaSinaFlow>>;
export function toSiussFlow(input: SinbaInput): Result<SiussFlowOutput<SinbaFlow>>;
export function toSiussFlow(input: PsPsaSinaInput | SinbaInput): Result<SiussFlowOutput>;
export function toSiussFlow(input: PsPsaSinaInput | SinbaInput): Result<SiussFlowOutput> {
  return input.tipo === 'SINBA' ? sinba(input) : psPsaSina(input);
}

// ---------------------------------------------------------------------------------------------------
// markExported

/**
 * What {@link markExported} returns: the erogazioni after the transition and one audit event each.
 *
 * @example
 * ```ts
 * import type { MarkedExported } from '@riuso-sociale/csi-model';
 * type A = MarkedExported['audit']; // readonly AuditEvent[]
 * ```
 */
export interface MarkedExported {
  /** The erogazioni, in the order given: `esportata` (flow of insertions) or `annullata` (cancellations). */
  readonly erogazioni: readonly Erogazione[];
  /** One audit event per erogazione. */
  readonly audit: readonly AuditEvent[];
}

/**
 * Records that a generated flow carried the erogazioni, through the Erogazione lifecycle: with
 * `tipoOperazione` `I` (default) each goes `validata`/`liquidata` → `esportata` (event `esporta`, which
 * freezes it); with `C` each exported one goes → `annullata` (event `annulla`, with the cancellation flow
 * and the mandatory `reason`). Every erogazione must be listed in `flusso.erogazioni`. All or nothing:
 * one refusal and nothing changes. An erogazione already cancelled here before its `C` flow was made
 * (`needsSiussCancellation`) cannot record that flow through the lifecycle: it is refused.
 *
 * @param erogazioni - the erogazioni carried by the flow.
 * @param flusso - the FlussoSiuss record of the generated flow (`PS_PSA_SINA`).
 * @param actor - who records it.
 * @param at - when.
 * @param options - `tipoOperazione` of the flow and, for `C`, the reason.
 * @example
 * ```ts
 * import { markExported } from '@riuso-sociale/csi-model';
 * // const r = markExported(erogazioni, flusso, actor, at);
 * // if (r.ok) save(r.value.erogazioni, r.value.audit);
 * ```
 */
export function markExported(
  erogazioni: readonly Erogazione[],
  flusso: Pick<FlussoSiuss, 'id' | 'tipo' | 'erogazioni'>,
  actor: Actor,
  at: Instant,
  options: { readonly tipoOperazione?: 'I' | 'C'; readonly reason?: string } = {},
): Result<MarkedExported> {
  const tipo = options.tipoOperazione ?? 'I';
  const issues: Issue[] = [];
  const out: Erogazione[] = [];
  const audit: AuditEvent[] = [];
  if (flusso.tipo !== 'PS_PSA_SINA') {
    issues.push(refuse('csi.siuss.flusso_mismatch', 'Un flusso SINBA non porta erogazioni', 'A SINBA flow carries no erogazioni', ['flusso', 'tipo'], { flusso: flusso.id }));
  }
  const listed = new Set<string>(flusso.erogazioni);
  erogazioni.forEach((e, i) => {
    if (!listed.has(e.id)) {
      issues.push(refuse('csi.siuss.flusso_mismatch', "L'erogazione non è tra quelle del flusso", 'The erogazione is not among those of the flow', ['erogazioni', i], { erogazione: e.id, flusso: flusso.id }));
      return;
    }
    if (tipo === 'C' && e.status !== 'esportata' && e.status !== 'acquisita') {
      issues.push(refuse('csi.siuss.not_exported', `Cancellazione di un'erogazione non esportata (stato «${e.status}»)`, `Cancellation of an erogazione not exported (state "${e.status}")`, ['erogazioni', i], { erogazione: e.id, status: e.status }));
      return;
    }
    // The lifecycle's entity type declares optional fields without `| undefined` (zod outputs have it).
    const entity = e as unknown as Parameters<typeof transitionErogazione>[0];
    const r =
      tipo === 'I'
        ? transitionErogazione(entity, 'esporta', actor, at, { data: { flusso: flusso.id } })
        : transitionErogazione(entity, 'annulla', actor, at, { reason: options.reason ?? '', data: { flusso: flusso.id } });
    if (!r.ok) {
      issues.push(...r.issues.map((x) => ({ ...x, path: ['erogazioni', i, ...x.path], params: { ...x.params, erogazione: e.id } })));
      return;
    }
    out.push(r.value.entity as unknown as Erogazione);
    audit.push(r.value.audit);
  });
  if (issues.length > 0) return fail(nonEmpty(issues));
  return ok({ erogazioni: out, audit });
}
