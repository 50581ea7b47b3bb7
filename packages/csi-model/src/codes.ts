// SPDX-License-Identifier: BSD-3-Clause
/**
 * The code systems the model's coded values refer to, each with its version and source. A coded value
 * (`Coded`) always carries `system` and `version`; `isKnownCode` checks a code against the systems this
 * package ships (the SIUSS ones come from the official XSDs through `@riuso-sociale/siuss-schema`).
 * @module
 */
import { findPrestazione, SIUSS_CODE_LISTS } from '@riuso-sociale/siuss-schema';
import type { Coded } from './base.js';

/**
 * A code system: identifier, current version, where its codes come from, and (for systems shipped
 * here) how to look a code up.
 *
 * @example
 * ```ts
 * import { CODE_SYSTEMS } from '@riuso-sociale/csi-model';
 * CODE_SYSTEMS['siuss.area-utenza'].version; // 'PS_PSA_SINA201812'
 * ```
 */
export interface CodeSystem {
  /** Identifier used in `Coded.system`. */
  readonly id: string;
  /** Version the package ships. */
  readonly version: string;
  /** Name, Italian and English. */
  readonly name: { readonly it: string; readonly en: string };
  /** Source of the codes. */
  readonly source: string;
  /** The codes with their Italian label, when this package ships them; `null` for external systems. */
  readonly codes: readonly { readonly code: string; readonly label: string | null }[] | null;
}

const XSD_PS = 'PS_PSA_SINA201812';
const XSD_SINBA = 'SINBA';
const XSD_SOURCE = 'INPS, PS_PSA_SINA201812.xsd e SINBA.xsd (INPS-it/WaaS.Comuni), via @riuso-sociale/siuss-schema';

function fromXsd(id: string, version: string, key: keyof typeof SIUSS_CODE_LISTS, it: string, en: string): CodeSystem {
  return { id, version, name: { it, en }, source: `${XSD_SOURCE}: ${key}`, codes: SIUSS_CODE_LISTS[key] };
}

/**
 * The code systems of the model. SIUSS systems list their codes (from the XSD enumerations and
 * DM 206/2014 Tabella 1); external systems (ISTAT, Belfiore, ISO) are referenced, not shipped.
 *
 * @example
 * ```ts
 * import { CODE_SYSTEMS } from '@riuso-sociale/csi-model';
 * CODE_SYSTEMS['siuss.genere'].codes?.map((c) => c.code); // ['1', '2']
 * CODE_SYSTEMS['siuss.prestazione'].codes; // null: looked up in DM 206/2014 Tabella 1 by isKnownCode
 * ```
 */
export const CODE_SYSTEMS = {
  'siuss.prestazione': {
    id: 'siuss.prestazione',
    version: 'DM206-2014-T1',
    name: { it: 'Codici prestazione SIUSS (DM 206/2014, Tabella 1)', en: 'SIUSS benefit codes (DM 206/2014, Table 1)' },
    source: 'DM 16/12/2014 n. 206, Tabella 1, via @riuso-sociale/siuss-schema (SIUSS_PRESTAZIONI)',
    codes: null as readonly { readonly code: string; readonly label: string | null }[] | null,
  },
  'siuss.area-utenza': fromXsd('siuss.area-utenza', XSD_PS, 'Flusso/Beneficiario/PrestazioniSociali@AreaUtenza', 'Area utenza SIUSS', 'SIUSS user area'),
  'siuss.prova-mezzi': fromXsd('siuss.prova-mezzi', XSD_PS, 'Flusso/Beneficiario/PrestazioniSociali@PresenzaProvaMezzi', 'Presenza della prova dei mezzi', 'Means test'),
  'siuss.carattere-prestazione': fromXsd('siuss.carattere-prestazione', XSD_PS, 'Flusso/Beneficiario/PrestazioniSociali@CaratterePrestazione', 'Carattere della prestazione', 'Kind of benefit'),
  'siuss.genere': fromXsd('siuss.genere', XSD_PS, 'Flusso/Beneficiario/Anagrafica@Genere', 'Genere (SIUSS)', 'Sex (SIUSS)'),
  'istat.comuni': {
    id: 'istat.comuni',
    version: 'esterno',
    name: { it: 'Codici ISTAT dei Comuni', en: 'ISTAT municipality codes' },
    source: 'ISTAT, Elenco dei comuni italiani (non incluso)',
    codes: null,
  },
  'iso3166.numerico': {
    id: 'iso3166.numerico',
    version: 'esterno',
    name: { it: 'Codici numerici ISO 3166-1 degli Stati (cittadinanza SIUSS, es. 380 Italia; 990 non disponibile)', en: 'ISO 3166-1 numeric country codes (SIUSS citizenship, e.g. 380 Italy; 990 not available)' },
    source: 'XSD PS_PSA_SINA201812, Anagrafica@CodiceCittadinanza `[0-9]{3}` (shared/specs/siuss.md: ISO 3166 numerico) (elenco non incluso)',
    codes: null,
  },
  belfiore: {
    id: 'belfiore',
    version: 'esterno',
    name: { it: 'Codici catastali (Belfiore)', en: 'Cadastral (Belfiore) codes' },
    source: 'Agenzia delle Entrate / ANPR, via @riuso-sociale/fiscal-code (luoghi con date di validità)',
    codes: null,
  },
} as const satisfies Record<string, CodeSystem>;

/**
 * Identifier of a code system of {@link CODE_SYSTEMS}.
 *
 * @example
 * ```ts
 * import type { CodeSystemId } from '@riuso-sociale/csi-model';
 * const s: CodeSystemId = 'siuss.area-utenza';
 * ```
 */
export type CodeSystemId = keyof typeof CODE_SYSTEMS;

/**
 * Whether a coded value is known: for systems shipped here, the version must match and the code must
 * be in the list (`siuss.prestazione` through the DM 206/2014 table); external systems answer `null`
 * (not checkable here).
 *
 * @example
 * ```ts
 * import { isKnownCode } from '@riuso-sociale/csi-model';
 * isKnownCode({ system: 'siuss.prestazione', version: 'DM206-2014-T1', code: 'A1.16' }); // true
 * isKnownCode({ system: 'siuss.area-utenza', version: 'PS_PSA_SINA201812', code: '9' }); // false
 * isKnownCode({ system: 'istat.comuni', version: 'esterno', code: '015146' }); // null
 * ```
 */
export function isKnownCode(value: Coded): boolean | null {
  // Own keys only: a system named `constructor` or `__proto__` is unknown, not an inherited member.
  if (typeof value.system !== 'string' || !Object.hasOwn(CODE_SYSTEMS, value.system)) return false;
  const system = (CODE_SYSTEMS as Record<string, CodeSystem>)[value.system] as CodeSystem;
  if (value.system === 'siuss.prestazione') return value.version === system.version && findPrestazione(value.code) !== undefined;
  if (system.codes === null) return null;
  return value.version === system.version && system.codes.some((c) => c.code === value.code);
}
