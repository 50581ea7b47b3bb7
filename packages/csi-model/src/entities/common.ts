// SPDX-License-Identifier: BSD-3-Clause
/**
 * Building blocks of the entity schemas: field constructors whose every message is bilingual
 * ("italiano / English"), SIUSS code enumerations read from the official XSDs (through
 * `@riuso-sociale/siuss-schema`), the extra SIUSS code systems used by coded fields of the entities,
 * and the cross-field checks shared by many entities (periods, lifecycle history, codes).
 * @module
 */
import { dateText } from '@riuso-sociale/core';
import { validateFiscalCode, type FiscalCode } from '@riuso-sociale/fiscal-code';
import { SIUSS_CODE_LISTS, type CodeListEntry, type SiussCodeListKey } from '@riuso-sociale/siuss-schema';
import { z } from 'zod';
import type { Coded } from '../base.js';
import { CODE_SYSTEMS, isKnownCode } from '../codes.js';

/** A bilingual label: Italian and English. */
export interface Label {
  readonly it: string;
  readonly en: string;
}

/** "italiano / English". */
export const msg = (it: string, en: string): string => `${it} / ${en}`;

/** At most `n` characters of a value shown in a message (hostile inputs are never echoed whole). */
const shown = (value: string, n = 40): string => (value.length > n ? `${value.slice(0, n)}…` : value);

/** A string with at least one non-space character. */
const NOT_BLANK = /\S/;

/**
 * A text field of `min`–`max` characters, not blank.
 */
export function text(label: Label, max = 200, min = 1) {
  const error = msg(`${label.it}: testo di ${min}–${max} caratteri`, `${label.en}: text of ${min}–${max} characters`);
  let s = z.string({ error }).max(max, { error });
  if (min > 0) s = s.min(min, { error }).regex(NOT_BLANK, { error: msg(`${label.it}: testo vuoto`, `${label.en}: blank text`) });
  return s;
}

/** A string matching `pattern`, described by `shape` in the message. */
export function pattern(label: Label, re: RegExp, shape: Label) {
  const error = msg(`${label.it}: ${shape.it}`, `${label.en}: ${shape.en}`);
  return z.string({ error }).max(200, { error }).regex(re, { error });
}

/** A boolean. */
export function bool(label: Label) {
  return z.boolean({ error: msg(`${label.it}: vero o falso`, `${label.en}: true or false`) });
}

/** An integer in `[min, max]`. */
export function int(label: Label, min = 0, max = Number.MAX_SAFE_INTEGER) {
  const error = msg(`${label.it}: intero tra ${min} e ${max}`, `${label.en}: integer between ${min} and ${max}`);
  return z.int({ error }).min(min, { error }).max(max, { error });
}

/** An amount of money in euro cents: a non-negative integer. */
export function cents(label: Label) {
  const error = msg(`${label.it}: importo in centesimi di euro, intero non negativo`, `${label.en}: amount in euro cents, non-negative integer`);
  return z.int({ error }).min(0, { error });
}

/** One of `values`. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T, label: Label) {
  const list = values.join(', ');
  return z.enum(values as unknown as { [K in T[number]]: K }, { error: msg(`${label.it}: uno tra ${list}`, `${label.en}: one of ${list}`) });
}

/** An array of `item`, `min`–`max` long. */
export function list<T extends z.ZodType>(item: T, label: Label, max = 200, min = 0) {
  const error = msg(`${label.it}: elenco di ${min}–${max} elementi`, `${label.en}: list of ${min}–${max} items`);
  return z.array(item, { error }).min(min, { error }).max(max, { error });
}

/** The error of a strict object: names (some of) the unexpected keys, shortened. */
export function objectError(label: Label) {
  return (iss: { readonly code?: string; readonly keys?: readonly string[] }): string => {
    if (iss.code === 'unrecognized_keys') {
      const keys = (iss.keys ?? []).slice(0, 5).map((k) => shown(k)).join(', ');
      return msg(`${label.it}: campi non previsti (${keys})`, `${label.en}: unexpected fields (${keys})`);
    }
    return msg(`${label.it}: atteso un oggetto`, `${label.en}: an object is expected`);
  };
}

/** A strict object (unknown keys rejected) with bilingual errors. */
export function obj<S extends z.core.$ZodLooseShape>(shape: S, label: Label) {
  return z.strictObject(shape, { error: objectError(label) });
}

// ---------------------------------------------------------------------------------------------------
// SIUSS codes

/** The codes of one XSD enumeration (see `SIUSS_CODE_LISTS`). */
export type SiussCodeOf<K extends SiussCodeListKey> = (typeof SIUSS_CODE_LISTS)[K][number]['code'];

/** The codes of `key`, as a tuple for `z.enum`. */
export function siussCodes<K extends SiussCodeListKey>(key: K): readonly [SiussCodeOf<K>, ...SiussCodeOf<K>[]] {
  return SIUSS_CODE_LISTS[key].map((e) => e.code) as unknown as readonly [SiussCodeOf<K>, ...SiussCodeOf<K>[]];
}

/** A code of the XSD enumeration `key` (source: the official XSD, via `SIUSS_CODE_LISTS`). */
export function siussCode<K extends SiussCodeListKey>(key: K, label: Label) {
  const attr = key.slice(key.lastIndexOf('/') + 1);
  return oneOf(siussCodes(key), { it: `${label.it} (SIUSS ${attr})`, en: `${label.en} (SIUSS ${attr})` });
}

const XSD_SOURCE = 'INPS, PS_PSA_SINA201812.xsd e SINBA.xsd (INPS-it/WaaS.Comuni), via @riuso-sociale/siuss-schema';

/**
 * A code system (a `CodeSystem` of `CODE_SYSTEMS`) whose codes come from one XSD enumeration.
 *
 * @example
 * ```ts
 * import { ENTITY_CODE_SYSTEMS, type XsdCodeSystem } from '@riuso-sociale/csi-model';
 * const s: XsdCodeSystem = ENTITY_CODE_SYSTEMS['siuss.sinba.potesta-tutela'];
 * s.key; // 'Flusso/SINBA@PotestaTutela'
 * ```
 */
export interface XsdCodeSystem {
  /** Identifier used in `Coded.system`. */
  readonly id: string;
  /** Version (`PS_PSA_SINA201812` or `SINBA`, as in `CODE_SYSTEMS`). */
  readonly version: string;
  /** Name, Italian and English. */
  readonly name: {
    /** Italian. */
    readonly it: string;
    /** English. */
    readonly en: string;
  };
  /** Source of the codes. */
  readonly source: string;
  /** The codes with their Italian label (never `null`). */
  readonly codes: readonly CodeListEntry[];
  /** The key of `SIUSS_CODE_LISTS`. */
  readonly key: SiussCodeListKey;
}

function fromXsd(id: string, version: string, key: SiussCodeListKey, it: string, en: string): XsdCodeSystem {
  return { id, version, key, name: { it, en }, source: `${XSD_SOURCE}: ${key}`, codes: SIUSS_CODE_LISTS[key] };
}

/**
 * Code systems of coded fields of the entities that `CODE_SYSTEMS` does not list yet: SIUSS (SINA and
 * SINBA) enumerations used as `Coded` values (e.g. the SINBA reason for closing a presa in carico). The
 * codes come from the official XSDs (`SIUSS_CODE_LISTS`); versions as in `CODE_SYSTEMS`
 * (`PS_PSA_SINA201812`, `SINBA`).
 *
 * @example
 * ```ts
 * import { ENTITY_CODE_SYSTEMS } from '@riuso-sociale/csi-model';
 * ENTITY_CODE_SYSTEMS['siuss.sinba.motivazione-chiusura'].codes.length; // 9
 * ```
 */
export const ENTITY_CODE_SYSTEMS = {
  /** SIUSS code list `siuss.sina.strumento-valutazione`. */
  'siuss.sina.strumento-valutazione': fromXsd(
    'siuss.sina.strumento-valutazione',
    'PS_PSA_SINA201812',
    'Flusso/Beneficiario/PrestazioniSociali/SINA@StrumentoValutazione',
    'Strumento di valutazione (SINA)',
    'Assessment instrument (SINA)',
  ),
  /** SIUSS code list `siuss.sina.fonte-derivazione`. */
  'siuss.sina.fonte-derivazione': fromXsd(
    'siuss.sina.fonte-derivazione',
    'PS_PSA_SINA201812',
    'Flusso/Beneficiario/PrestazioniSociali/SINA@FonteDerivazioneValutazione',
    'Fonte di derivazione della valutazione (SINA)',
    'Source of the assessment (SINA)',
  ),
  /** SIUSS code list `siuss.sinba.fonte-segnalazione`. */
  'siuss.sinba.fonte-segnalazione': fromXsd('siuss.sinba.fonte-segnalazione', 'SINBA', 'Flusso/SINBA@FonteSegnalazione', 'Fonte della segnalazione (SINBA)', 'Source of the referral (SINBA)'),
  /** SIUSS code list `siuss.sinba.motivazione-chiusura`. */
  'siuss.sinba.motivazione-chiusura': fromXsd(
    'siuss.sinba.motivazione-chiusura',
    'SINBA',
    'Flusso/SINBA@MotivazioneChiusuraCarico',
    'Motivazione della chiusura della presa in carico (SINBA)',
    'Reason for closing the case (SINBA)',
  ),
  /** SIUSS code list `siuss.sinba.situazione-chiusura`. */
  'siuss.sinba.situazione-chiusura': fromXsd(
    'siuss.sinba.situazione-chiusura',
    'SINBA',
    'Flusso/SINBA@SituazioneChiusuraCarico',
    'Situazione alla chiusura della presa in carico (SINBA)',
    'Situation when the case closed (SINBA)',
  ),
  /** SIUSS code list `siuss.sinba.autorita-provvedimento`. */
  'siuss.sinba.autorita-provvedimento': fromXsd(
    'siuss.sinba.autorita-provvedimento',
    'SINBA',
    'Flusso/SINBA@AutoritaProvvedimento',
    'Autorità che ha emesso il provvedimento (SINBA)',
    'Authority that issued the order (SINBA)',
  ),
  /** SIUSS code list `siuss.sinba.tipo-provvedimento`. */
  'siuss.sinba.tipo-provvedimento': fromXsd(
    'siuss.sinba.tipo-provvedimento',
    'SINBA',
    'Flusso/SINBA@TipoProvvedimentoGiudiziario',
    'Tipo di provvedimento giudiziario (SINBA)',
    'Kind of court order (SINBA)',
  ),
  /** SIUSS code list `siuss.sinba.potesta-tutela`. */
  'siuss.sinba.potesta-tutela': fromXsd('siuss.sinba.potesta-tutela', 'SINBA', 'Flusso/SINBA@PotestaTutela', 'Potestà e tutela (SINBA)', 'Parental authority and guardianship (SINBA)'),
} as const;

/**
 * Identifier of a code system of {@link ENTITY_CODE_SYSTEMS}.
 *
 * @example
 * ```ts
 * import type { EntityCodeSystemId } from '@riuso-sociale/csi-model';
 * const s: EntityCodeSystemId = 'siuss.sinba.situazione-chiusura';
 * ```
 */
export type EntityCodeSystemId = keyof typeof ENTITY_CODE_SYSTEMS;

/**
 * Whether a coded value is known: `true`/`false` for systems whose codes this package ships
 * (`CODE_SYSTEMS` and {@link ENTITY_CODE_SYSTEMS}), `null` for other systems (external or local, not
 * checkable here).
 */
export function codeStatus(value: Coded): boolean | null {
  if (Object.hasOwn(CODE_SYSTEMS, value.system)) return isKnownCode(value);
  if (Object.hasOwn(ENTITY_CODE_SYSTEMS, value.system)) {
    const system = ENTITY_CODE_SYSTEMS[value.system as EntityCodeSystemId];
    return value.version === system.version && system.codes.some((c) => c.code === value.code);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Cross-field checks

/** The refinement context of zod 4. */
export type Ctx = z.core.$RefinementCtx;

/** Adds a custom issue. */
export function issue(ctx: Ctx, path: readonly PropertyKey[], it: string, en: string): void {
  ctx.addIssue({ code: 'custom', path: [...path], message: msg(it, en) });
}

/** `to` (when given) is not before `from` (ISO dates compare as strings). */
export function checkPeriod(ctx: Ctx, from: string | undefined, to: string | undefined, path: readonly PropertyKey[], what: Label = { it: 'La data di fine', en: 'The end date' }): void {
  if (from !== undefined && to !== undefined && to < from) {
    issue(ctx, path, `${what.it} (${dateText(to)}) precede la data di inizio (${dateText(from)})`, `${what.en} (${dateText(to, { lang: 'en' })}) is before the start date (${dateText(from, { lang: 'en' })})`);
  }
}

/** A field required in some states. */
export function requireIn(ctx: Ctx, status: string, states: readonly string[], value: unknown, path: readonly PropertyKey[], what: Label): void {
  if (states.includes(status) && value === undefined) {
    issue(ctx, path, `${what.it}: obbligatorio nello stato «${status}»`, `${what.en}: required in state "${status}"`);
  }
}

/** A coded value whose system ships its codes must hold a known code of the same version. */
export function checkCode(ctx: Ctx, value: Coded | undefined, path: readonly PropertyKey[]): void {
  if (value === undefined) return;
  if (codeStatus(value) === false) {
    issue(
      ctx,
      [...path, 'code'],
      `Codice «${shown(value.code)}» sconosciuto nel sistema ${shown(value.system)} versione ${shown(value.version)}`,
      `Unknown code "${shown(value.code)}" in system ${shown(value.system)} version ${shown(value.version)}`,
    );
  }
}

/** No value appears twice in a list (e.g. codes). */
export function checkUnique(ctx: Ctx, values: readonly string[] | undefined, path: readonly PropertyKey[]): void {
  if (values === undefined) return;
  const seen = new Set<string>();
  values.forEach((v, i) => {
    if (seen.has(v)) issue(ctx, [...path, i], `Valore ripetuto: ${shown(v)}`, `Repeated value: ${shown(v)}`);
    seen.add(v);
  });
}

const instantMs = (s: string): number => Date.parse(s);

/** Checks of every entity: `updatedAt` is not before `createdAt`. */
export function checkBase(ctx: Ctx, e: { readonly createdAt: string; readonly updatedAt: string }): void {
  if (instantMs(e.updatedAt) < instantMs(e.createdAt)) {
    issue(ctx, ['updatedAt'], 'Ultima modifica prima della creazione', 'Last change before creation');
  }
}

/**
 * Checks of every lifecycle entity (plus {@link checkBase}): the last entry of the history is the
 * current status, and the history is in time order and not after the last change.
 */
export function checkLifecycle(
  ctx: Ctx,
  e: { readonly createdAt: string; readonly updatedAt: string; readonly status: string; readonly history: readonly { readonly status: string; readonly at: string }[] },
): void {
  checkBase(ctx, e);
  const last = e.history[e.history.length - 1];
  if (last !== undefined && last.status !== e.status) {
    issue(ctx, ['status'], `Stato «${e.status}» diverso dall'ultimo della storia («${last.status}»)`, `Status "${e.status}" differs from the last one in the history ("${last.status}")`);
  }
  for (let i = 1; i < e.history.length; i++) {
    const prev = e.history[i - 1];
    const cur = e.history[i];
    if (prev !== undefined && cur !== undefined && instantMs(cur.at) < instantMs(prev.at)) {
      issue(ctx, ['history', i, 'at'], 'Storia degli stati non in ordine di tempo', 'Status history not in time order');
    }
  }
  if (last !== undefined && instantMs(last.at) > instantMs(e.updatedAt)) {
    issue(ctx, ['history', e.history.length - 1, 'at'], "Ultimo cambio di stato dopo l'ultima modifica", 'Last status change after the last update');
  }
}

// ---------------------------------------------------------------------------------------------------
// Shared field shapes

/** Codice catastale (Belfiore): a letter and three digits. */
export const belfioreSchema = pattern({ it: 'Codice Belfiore', en: 'Belfiore code' }, /^[A-Z]\d{3}$/, { it: 'lettera maiuscola e tre cifre', en: 'capital letter and three digits' });

/** ISTAT code of a Comune: six digits (SIUSS `Indirizzo@CodiceComune`). */
export const istatComuneSchema = pattern({ it: 'Codice ISTAT del Comune', en: 'ISTAT municipality code' }, /^\d{6}$/, { it: 'sei cifre', en: 'six digits' });

/** ISTAT code of a Regione: two digits (SIUSS `Indirizzo@CodiceRegione`). */
export const istatRegioneSchema = pattern({ it: 'Codice ISTAT della Regione', en: 'ISTAT region code' }, /^\d{2}$/, { it: 'due cifre', en: 'two digits' });

/** ISTAT code of a country: three digits, Italy = 380 (SIUSS `Indirizzo@CodiceNazione`, `Anagrafica@CodiceCittadinanza`). */
export const istatNazioneSchema = pattern({ it: 'Codice ISTAT dello Stato', en: 'ISTAT country code' }, /^\d{3}$/, { it: 'tre cifre (Italia 380)', en: 'three digits (Italy 380)' });

/** SHA-256 digest, lower-case hex. */
export const sha256Schema = pattern({ it: 'Impronta SHA-256', en: 'SHA-256 digest' }, /^[0-9a-f]{64}$/, { it: '64 cifre esadecimali minuscole', en: '64 lower-case hex digits' });

/**
 * A codice fiscale: validated as `fiscalCodeSchema` of `@riuso-sociale/fiscal-code` does
 * (`validateFiscalCode`, default options: trims, upper-cases, checks structure, date, place and check
 * character) and output as the branded `FiscalCode`, with bilingual messages (the issue of
 * `validateFiscalCode` carries both languages). The code itself is never echoed.
 */
export const codiceFiscaleSchema: z.ZodType<FiscalCode, string> = z
  .string({ error: msg('Codice fiscale: stringa', 'Fiscal code: string') })
  .max(64, { error: msg('Codice fiscale troppo lungo', 'Fiscal code too long') })
  .transform((value, ctx) => {
    const r = validateFiscalCode(value);
    if (r.ok) return r.value.code;
    for (const i of r.issues) ctx.addIssue({ code: 'custom', message: msg(i.message, i.messageEn), params: { code: i.code } });
    return z.NEVER;
  }) as unknown as z.ZodType<FiscalCode, string>;
