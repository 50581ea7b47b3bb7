// SPDX-License-Identifier: BSD-3-Clause
/**
 * The measured work of the benchmark, shared by bench/run.mjs (timings) and bench/memory.mjs (peak
 * memory in a child process), so both measure exactly the same code paths on the same data (same
 * generators, same seeds).
 */
import * as csi from '@riuso-sociale/csi-model';
import { buildFlow, validateFlow } from '@riuso-sociale/siuss-schema';
import { validateFiscalCode } from '@riuso-sociale/fiscal-code';
import { generateExport, generatePairs } from './data.mjs';
import { bareCartellaSchema, barePersonaSchema } from './peer.mjs';

const NEEDED = ['cartellaSchema', 'personaSchema', 'ENTITY_SCHEMAS', 'toSiussFlow'];
const missing = NEEDED.filter((name) => csi[name] === undefined);
if (missing.length > 0) {
  throw new Error(
    `@riuso-sociale/csi-model (dist/) does not export ${missing.join(', ')}: export the entities and the SIUSS adapter from src/index.ts, then rebuild (npx tsup, or npm run build at the root)`,
  );
}
export const { cartellaSchema, personaSchema, ENTITY_SCHEMAS, toSiussFlow } = csi;

/** Defaults of the issue: 100 000 pairs; 100 000 erogazioni over 20 000 persons. */
export const DEFAULTS = { count: 100_000, erogazioni: 100_000, persons: 20_000, perFlow: 4_000, seed: 0xc51 };

/** Flow date and Ente: fixed, so the same input gives the same flows. */
export const FLOW_DATE = '2026-01-20';

export { generateExport, generatePairs };

/** (a) the model: `cartellaSchema.safeParse` + `personaSchema.safeParse` of one pair; 1 when both pass. */
export function validateModel(pair) {
  const c = cartellaSchema.safeParse(pair.cartella).success;
  const p = personaSchema.safeParse(pair.persona).success;
  return c && p ? 1 : 0;
}

/** (b) the peer: the bare zod parse of the same pair (bench/peer.mjs); 1 when both pass. */
export function validatePeer(pair) {
  const c = bareCartellaSchema.safeParse(pair.cartella).success;
  const p = barePersonaSchema.safeParse(pair.persona).success;
  return c && p ? 1 : 0;
}

/** Only `personaSchema` (information). */
export const validatePersona = (pair) => (personaSchema.safeParse(pair.persona).success ? 1 : 0);
/** Only `cartellaSchema` (information). */
export const validateCartella = (pair) => (cartellaSchema.safeParse(pair.cartella).success ? 1 : 0);
/** Only the codice fiscale check the persona schema runs (`validateFiscalCode`, information). */
export const validateCfOnly = (pair) => (pair.persona.codiceFiscale !== undefined && validateFiscalCode(pair.persona.codiceFiscale).ok ? 1 : 0);

/**
 * Parses the entities of a generated export with `ENTITY_SCHEMAS` (what an application holds: parsed
 * entities), in the input shape of `toSiussFlow`. Throws on the first invalid record (a generator bug).
 */
export function parseExport(x) {
  let n = 0;
  const parse = (kind, value) => {
    const r = ENTITY_SCHEMAS[kind].safeParse(value);
    if (!r.success) {
      const i = r.error.issues[0];
      throw new Error(`generated ${kind} does not match its schema (generator bug): ${i.path.join('.')}: ${i.message}`);
    }
    n++;
    return r.data;
  };
  const beneficiari = x.beneficiari.map((b) => {
    const persona = parse('persona', b.persona);
    const interventi = new Map();
    const valutazioni = new Map();
    const erogazioni = b.erogazioni.map((e) => {
      // One parsed object per intervento and valutazione, shared by its erogazioni (as an application would).
      if (!interventi.has(e.intervento.id)) interventi.set(e.intervento.id, parse('intervento', e.intervento));
      if (e.valutazione !== undefined && !valutazioni.has(e.valutazione.id)) valutazioni.set(e.valutazione.id, parse('valutazione', e.valutazione));
      const out = { erogazione: parse('erogazione', e.erogazione), intervento: interventi.get(e.intervento.id) };
      if (e.valutazione !== undefined) out.valutazione = valutazioni.get(e.valutazione.id);
      return out;
    });
    return { persona, erogazioni };
  });
  return { beneficiari, entities: n };
}

/**
 * (c) Exports every beneficiary through `toSiussFlow`: one flow when `perFlow` ≥ the beneficiaries,
 * else consecutive flows of `perFlow` beneficiaries (progressivo 1, 2, …), with `exporter` (default the
 * package's `toSiussFlow`; bench/run.mjs `--before` passes an older build's). Returns the outputs and
 * totals; `issues` holds the first refusal, if any (then `outputs` is incomplete).
 */
export function exportFlows(ente, beneficiari, perFlow, exporter = toSiussFlow) {
  const outputs = [];
  let erogazioni = 0;
  let bytes = 0;
  let warnings = 0;
  for (let start = 0, k = 1; start < beneficiari.length; start += perFlow, k++) {
    const r = exporter({ ente, nome: { data: FLOW_DATE, progressivo: k }, beneficiari: beneficiari.slice(start, start + perFlow) });
    if (!r.ok) return { outputs, erogazioni, bytes, warnings, issues: r.issues };
    outputs.push(r.value);
    erogazioni += r.value.erogazioni.length;
    bytes += Buffer.byteLength(r.value.xml);
    warnings += r.value.warnings.length;
  }
  return { outputs, erogazioni, bytes, warnings, issues: null };
}

/** `validateFlow` alone (siuss-schema: XSD + INPS rules) of flows already built (information). */
export function validateFlows(flows) {
  let errors = 0;
  for (const f of flows) errors += validateFlow(f).errors.length;
  return errors;
}

/** `buildFlow` alone (siuss-schema: serialise + re-check) of flows already built (information). */
export function buildFlows(flows) {
  let bytes = 0;
  for (const f of flows) bytes += buildFlow(f).length;
  return bytes;
}

/** `buildFlow` with `validate: true` (one serialisation, one reading: what `toSiussFlow` calls) of flows already built (information). */
export function buildValidatedFlows(flows) {
  let bytes = 0;
  for (const f of flows) {
    const r = buildFlow(f, { validate: true });
    if (typeof r === 'string') throw new Error('buildFlow ignores validate: true (stale siuss-schema dist/?)');
    bytes += r.xml.length + r.validation.errors.length;
  }
  return bytes;
}
