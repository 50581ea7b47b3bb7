// SPDX-License-Identifier: BSD-3-Clause
/**
 * Test support of the adapters (not exported by the package): realistic cartelle built from the
 * entity samples, and the official-XSD oracle (libxml2's `xmllint --schema`, Debian libxml2-utils)
 * with the XSDs of `shared/data/siuss` found through `test/support/shared-dir.ts`. Under `CI=true` a
 * missing shared folder or xmllint fails the run, never a skip.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeFiscalCode } from '@riuso-sociale/fiscal-code';
import { sharedDir, sharedFile } from '../../../../test/support/shared-dir.js';
import type { Instant } from '../base.js';
import type { Erogazione } from '../entities/erogazione.js';
import type { Intervento } from '../entities/intervento.js';
import type { NucleoFamiliare } from '../entities/nucleo-familiare.js';
import type { Persona } from '../entities/persona.js';
import type { PresaInCarico } from '../entities/presa-in-carico.js';
import { sample, SAMPLE_IDS, SAMPLE_INSTANT, sampleSinba } from '../entities/samples.js';
import type { Valutazione } from '../entities/valutazione.js';
import type { EntityKind, Id } from '../ids.js';

/** A fixed UUID of the adapters' fixtures (distinct from the samples' ones). */
export const fid = <K extends EntityKind>(n: number): Id<K> => `00000000-0000-4000-8000-${(0x500 + n).toString(16).padStart(12, '0')}` as Id<K>;

/** Later instant of the fixtures' transitions. */
export const LATER = '2025-06-01T10:00:00Z' as Instant;

/** Lifecycle fields after the given states (first created at SAMPLE_INSTANT, the others at LATER). */
export function hist(...steps: readonly (readonly [status: string, event: string])[]): Record<string, unknown> {
  const history = steps.map(([status, event], i) => ({ status, at: i === 0 ? SAMPLE_INSTANT : LATER, by: SAMPLE_IDS.operatore, event }));
  return { status: steps[steps.length - 1]?.[0], history, updatedAt: steps.length > 1 ? LATER : SAMPLE_INSTANT, version: steps.length };
}

/** The codice fiscale of Anna Verdi (F, 1950-05-12, Milano F205). */
export const CF_ANNA = computeFiscalCode({ surname: 'Verdi', name: 'Anna', sex: 'F', birthDate: '1950-05-12', birthPlace: 'F205' });
/** The codice fiscale of Giulia Rossi (F, 2013-02-10, Roma H501). */
export const CF_GIULIA = computeFiscalCode({ surname: 'Rossi', name: 'Giulia', sex: 'F', birthDate: '2013-02-10', birthPlace: 'H501' });

/** The Ente input of every fixture flow. */
export const ENTE = { codice: 'F205', denominazione: 'Comune di Milano', cfOperatore: 'BNCLRA85M41F205C' } as const;

/** Mario Rossi (the samples' person): CF, residence in Milano. */
export const mario = (): Persona => sample('persona');

/** Anna Verdi: another person, with a second citizenship. */
export const anna = (): Persona =>
  sample('persona', {
    id: fid(1),
    codiceFiscale: CF_ANNA,
    cognome: 'Verdi',
    nome: 'Anna',
    sesso: '2',
    dataNascita: '1950-05-12',
    luogoNascita: 'F205',
    secondaCittadinanza: { system: 'iso3166.numerico', version: 'esterno', code: '756' },
    contatti: undefined,
  } as never);

/** The SINA assessment of Mario (completata). */
export const sinaMario = (): Valutazione => sample('valutazione');

/** Home care (SAD, A2.07): periodic, ISEE with DSU, with presa in carico (PresaCarico 1), 20 h/month. */
export const sad = (): Intervento => sample('intervento');

/** A validated monthly erogazione of the SAD (April 2025: 440,00 €, Ente 400,00 + user 40,00). */
export const sadAprile = (overrides: Record<string, unknown> = {}): Erogazione =>
  sample('erogazione', { ...hist(['registrata', 'crea'], ['validata', 'valida']), ...overrides } as never);

/** A one-off economic contribution to Anna (A1.04) without presa in carico (PresaCarico 2), no means test. */
export const contributo = (): Intervento =>
  sample('intervento', {
    id: fid(10),
    persona: fid(1),
    presaInCarico: undefined,
    senzaPresaInCarico: true,
    progetto: undefined,
    prestazione: { system: 'siuss.prestazione', version: 'DM206-2014-T1', code: 'A1.04' },
    denominazione: 'Contributo economico straordinario',
    areaUtenza: { system: 'siuss.area-utenza', version: 'PS_PSA_SINA201812', code: '3' },
    carattere: '2',
    provaMezzi: '4',
    dsu: undefined,
    sogliaIseeCents: undefined,
    dal: '2025-05-01',
    al: undefined,
    quantitaOreMese: undefined,
    enteGestore: undefined,
    attoAutorizzativo: { numero: 'DD 2000/2025', data: '2025-05-02' },
  } as never);

/** The paid one-off erogazione of the contribution (250,50 € on 2025-05-15, all by the Ente). */
export const contributoMaggio = (overrides: Record<string, unknown> = {}): Erogazione =>
  sample('erogazione', {
    ...hist(['registrata', 'crea'], ['validata', 'valida'], ['liquidata', 'liquida']),
    id: fid(20),
    intervento: fid(10),
    persona: fid(1),
    dal: '2025-05-10',
    al: undefined,
    dataErogazione: '2025-05-15',
    importoCents: 25_050,
    importoMensileCents: undefined,
    quotaEnteCents: 25_050,
    quotaUtenteCents: undefined,
    oreErogate: undefined,
    valutazione: undefined,
    valutazioneData: undefined,
    ...overrides,
  } as never);

/** The minor (Giulia, the samples' daughter): born 2013-02-10. */
export const giulia = (): Persona =>
  sample('persona', {
    id: SAMPLE_IDS.figlia,
    codiceFiscale: CF_GIULIA,
    nome: 'Giulia',
    sesso: '2',
    dataNascita: '2013-02-10',
    contatti: undefined,
    capacitaGiuridica: undefined,
  } as never);

/** Giulia's presa in carico (area famiglia e minori). */
export const picGiulia = (overrides: Record<string, unknown> = {}): PresaInCarico =>
  sample('presa-in-carico', {
    id: fid(30),
    cartella: fid(31),
    persona: SAMPLE_IDS.figlia,
    areaUtenza: { system: 'siuss.area-utenza', version: 'PS_PSA_SINA201812', code: '1' },
    ...overrides,
  } as never);

/** Giulia's SINBA assessment (completata). */
export const sinbaGiulia = (): Valutazione =>
  sample('valutazione', {
    id: fid(32),
    persona: SAMPLE_IDS.figlia,
    presaInCarico: fid(30),
    tipo: 'sinba',
    data: '2025-03-20',
    strumento: undefined,
    fonte: undefined,
    sina: undefined,
    sinba: sampleSinba(),
    puntiDiForza: undefined,
  } as never);

/** Socio-educational support for Giulia (A2.02). */
export const educativa = (): Intervento =>
  sample('intervento', {
    id: fid(33),
    persona: SAMPLE_IDS.figlia,
    presaInCarico: fid(30),
    progetto: undefined,
    prestazione: { system: 'siuss.prestazione', version: 'DM206-2014-T1', code: 'A2.02' },
    denominazione: 'Sostegno socio-educativo domiciliare',
    areaUtenza: { system: 'siuss.area-utenza', version: 'PS_PSA_SINA201812', code: '1' },
    provaMezzi: '4',
    dsu: undefined,
    sogliaIseeCents: undefined,
  } as never);

/** The samples' ISEE household (Mario + Giulia, ISEE 8.500,00 €, renting). */
export const nucleo = (overrides: Record<string, unknown> = {}): NucleoFamiliare => sample('nucleo-familiare', overrides as never);

// ---------------------------------------------------------------------------------------------------
// The official-XSD oracle

/** The verdict of xmllint on one document. */
export interface XsdVerdict {
  readonly valid: boolean;
  readonly messages: readonly string[];
}

function xmllintAvailable(): boolean {
  const r = spawnSync(process.env.XMLLINT ?? 'xmllint', ['--version'], { encoding: 'utf8' });
  return r.error === undefined && r.status === 0;
}

/**
 * `true` when the XSDs and xmllint are here; `false` (tests skip) when not, except under `CI=true`,
 * where it throws.
 */
export function xsdOracleReady(): boolean {
  if (sharedDir() === null) return false;
  if (xmllintAvailable()) return true;
  const hint = 'xmllint not found: install the Debian package libxml2-utils (or set XMLLINT)';
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`CI=true and ${hint}`);
  console.warn(`${hint}; the XSD conformance tests of the adapters are skipped`);
  return false;
}

/** Path of the official XSD of a flow kind (`shared/data/siuss/…`). */
export const xsdOf = (kind: 'PS_PSA_SINA' | 'SINBA'): string => sharedFile('data', 'siuss', kind === 'SINBA' ? 'SINBA.xsd' : 'PS_PSA_SINA201812.xsd');

/**
 * Validates documents with `xmllint --noout --nonet --schema <xsd> d000000.xml …` (one process);
 * verdicts in the order of `docs`.
 */
export function xmllint(xsd: string, docs: readonly string[]): XsdVerdict[] {
  const dir = mkdtempSync(join(tmpdir(), 'csi-adapters-xsd-'));
  try {
    const names = docs.map((doc, i) => {
      const name = `d${String(i).padStart(6, '0')}.xml`;
      writeFileSync(join(dir, name), doc, 'utf8');
      return name;
    });
    const run = spawnSync(process.env.XMLLINT ?? 'xmllint', ['--noout', '--nonet', '--schema', xsd, ...names], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.error !== undefined) throw new Error(`xmllint could not be run: ${run.error.message}`);
    const lines = run.stderr.split('\n');
    return names.map((name) => {
      const verdict = lines.find((l) => l.startsWith(`${name} validates`) || l.startsWith(`${name} fails to validate`));
      if (verdict === undefined) throw new Error(`xmllint gave no verdict for ${name}:\n${run.stderr.slice(0, 2000)}`);
      return { valid: verdict === `${name} validates`, messages: lines.filter((l) => l.startsWith(`${name}:`)) };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
