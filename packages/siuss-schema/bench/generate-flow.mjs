#!/usr/bin/env node
// SPDX-License-Identifier: BSD-3-Clause
/**
 * Generates a realistic SIUSS flow of a given size, valid against the official XSD
 * (PS_PSA_SINA201812.xsd, or SINBA.xsd with --sinba), with a seeded PRNG so that the same size and
 * seed always give the same bytes. The output is written as a stream (constant memory, any size).
 *
 * Usage: node bench/generate-flow.mjs <MB> <out.xml> [--seed N] [--sinba] [--xsd-errors RATE]
 *
 * What the records look like (shared/specs/siuss.md §4–5): 1–4 PrestazioniSociali per
 * Beneficiario, ~70 % periodic (DataInizio/DataFine in the same year, ImportoMensile, quotas summing
 * to it), ~30 % occasional (DataErogazione, ImportoPrestazione); a SINA assessment on ~30 % of the
 * prestazioni (with NecessitaInterventiSociali / InvaliditaCivile lists on some); codici fiscali with
 * a correct check character; accented letters and `&amp;` in some denominations; 1–2 Indirizzo.
 * A small share of prestazioni break a business rule on purpose (missing CaratterePrestazione,
 * quotas that do not add up), as real flows do. `--xsd-errors` (default 0) adds XSD errors to that
 * fraction of records (tests only).
 *
 * Also importable: `flowChunks(options)` yields the document as strings without touching the disk.
 */
import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';

/** mulberry32: small, fast, good enough for test data. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = ['ROSSI', 'RUSSO', 'FERRARI', 'ESPOSITO', 'BIANCHI', 'ROMANO', 'COLOMBO', 'RICCI', 'MARINO', 'GRECO', 'BRUNO', 'GALLO', 'CONTI', "DE LUCA", 'MANCINI', 'COSTA', 'GIORDANO', 'RIZZO', 'LOMBARDI', 'MORETTI', "D'ANGELO", 'NICOLÒ', 'FABBRI', 'CARUSO'];
const MALE = ['MARIO', 'GIUSEPPE', 'LUCA', 'FRANCESCO', 'ANTONIO', 'GIOVANNI', 'MARCO', 'ANDREA', 'PAOLO', 'NICOLA', 'SALVATORE', 'NICCOLÒ'];
const FEMALE = ['MARIA', 'ANNA', 'GIULIA', 'FRANCESCA', 'SARA', 'LAURA', 'ELENA', 'CHIARA', 'ROSA', 'GIUSEPPINA', 'LUCIA', 'ANGELA'];
/** [Belfiore, region (ISTAT), comune (ISTAT)] */
const PLACES = [
  ['H501', '12', '058091'], ['F205', '03', '015146'], ['F839', '15', '063049'], ['L219', '01', '001272'],
  ['G273', '19', '082053'], ['D612', '09', '048017'], ['A944', '08', '037006'], ['L736', '05', '027042'],
  ['A662', '16', '072006'], ['G224', '05', '028060'], ['C351', '19', '087015'], ['E506', '16', '075035'],
];
/** Foreign births: [Belfiore Z code, ISO 3166 numeric citizenship] */
const FOREIGN = [['Z100', '008'], ['Z129', '642'], ['Z330', '504'], ['Z210', '156'], ['Z216', '608'], ['Z336', '818']];
/** [code, denomination] from DM 206/2014 Tabella 1 (shared/data/siuss/prestazioni-dm206-tabella1.csv) and later additions. */
const PRESTAZIONI = [
  ['A1.04', 'Contributi economici a integrazione del reddito familiare'],
  ['A1.05', 'Contributi per affitto &amp; spese per l\'abitazione'],
  ['A1.05.01', 'Contributi economici per affitti (Fondo nazionale locazioni, L. 431/98)'],
  ['A1.09', 'Telesoccorso e teleassistenza'],
  ['A1.12', 'Contributi economici per cure o prestazioni sanitarie'],
  ['A1.16', 'Contributi economici per servizio trasporto e mobilità'],
  ['A2.01', 'Servizio sociale professionale'],
  ['A2.04', 'Assistenza domiciliare socio-assistenziale'],
  ['A2.06', 'Sostegno socio-educativo domiciliare'],
  ['A2.09', 'Centri diurni &amp; semiresidenziali'],
  ['A2.12', 'Mensa sociale e servizi di fornitura pasti'],
  ['A3.01', 'Strutture residenziali per anziani non autosufficienti'],
  ['A3.02', 'Comunità socio-educative per minori'],
  ['Z9.99', 'Altro intervento sociale non classificato'],
];

const MONTH_LETTERS = 'ABCDEHLMPRST';
const ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

/** Check character of a codice fiscale (DM 12/03/1974 n. 345 tables). */
function checkChar(first15) {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = first15.charCodeAt(i);
    const v = c >= 65 ? c - 65 : c - 48; // letters A=0…, digits 0=0…
    sum += i % 2 === 0 ? ODD[v] : v;
  }
  return String.fromCharCode(65 + (sum % 26));
}

function consonantsVowels(s) {
  const letters = s.replace(/[^A-Z]/g, '');
  return { c: letters.replace(/[AEIOU]/g, ''), v: letters.replace(/[^AEIOU]/g, '') };
}
function surnameCode(s) {
  const { c, v } = consonantsVowels(s);
  return `${c}${v}XXX`.slice(0, 3);
}
function nameCode(s) {
  const { c, v } = consonantsVowels(s);
  if (c.length >= 4) return `${c[0]}${c[2]}${c[3]}`;
  return `${c}${v}XXX`.slice(0, 3);
}
const plain = (s) => s.normalize('NFD').replace(/[^A-Z' ]/g, '');
const pad = (n, w) => String(n).padStart(w, '0');
const money = (cents) => `${Math.floor(cents / 100)}.${pad(cents % 100, 2)}`;
const attrs = (pairs) => pairs.filter(([, v]) => v !== undefined).map(([k, v]) => ` ${k}="${v}"`).join('');
const escapeAttr = (s) => s.replace(/&/g, '&amp;').replace(/'/g, '&apos;');

function isoDate(year, month, day) {
  return `${year}-${pad(month, 2)}-${pad(day, 2)}`;
}
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** One Beneficiario (PS_PSA_SINA201812.xsd) as XML text. */
function beneficiario(rnd, n, xsdError) {
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const female = rnd() < 0.55;
  const surname = pick(SURNAMES);
  const name = pick(female ? FEMALE : MALE);
  const year = int(1925, 2020);
  const month = int(1, 12);
  const day = int(1, DAYS[month - 1]);
  const foreign = rnd() < 0.12 ? pick(FOREIGN) : null;
  const birthPlace = foreign ? foreign[0] : pick(PLACES)[0];
  const cf15 = `${surnameCode(plain(surname))}${nameCode(plain(name))}${pad(year % 100, 2)}${MONTH_LETTERS[month - 1]}${pad(day + (female ? 40 : 0), 2)}${birthPlace}`;
  const cf = `${cf15}${checkChar(cf15)}`;
  const residence = pick(PLACES);
  let out = `  <Beneficiario CodiceFiscale="${cf}">\n`;
  out += `    <Anagrafica${attrs([
    ['Cognome', escapeAttr(surname)], ['Nome', escapeAttr(name)], ['AnnoNascita', String(year)], ['LuogoNascita', birthPlace],
    ['Genere', female ? '2' : '1'], ['CodiceCittadinanza', foreign ? foreign[1] : '380'],
    ['CodiceSecondaCittadinanza', foreign && rnd() < 0.2 ? '380' : undefined],
  ])}/>\n`;
  out += `    <Indirizzo${attrs([['CodiceRegione', residence[1]], ['CodiceComune', residence[2]], ['CodiceNazione', '380']])}/>\n`;
  if (rnd() < 0.08) {
    const other = pick(PLACES);
    out += `    <Indirizzo${attrs([['CodiceRegione', other[1]], ['CodiceComune', other[2]], ['CodiceNazione', '380']])}/>\n`;
  }
  const count = rnd() < 0.55 ? 1 : rnd() < 0.6 ? 2 : int(3, 4);
  for (let p = 0; p < count; p++) {
    const [code, denomination] = pick(PRESTAZIONI);
    const periodic = rnd() < 0.7;
    const refYear = int(2019, 2025);
    // 3 % break a business rule: 1 no CaratterePrestazione, 2 quotas off by 1.00, 3 DataFine in the next year, 4 no AreaUtenza.
    const anomaly = rnd() < 0.03 ? int(1, 4) : 0;
    const isee = rnd() < 0.45;
    const presaCarico = rnd() < 0.6;
    const start = { m: int(1, 12), d: 1 };
    start.d = int(1, DAYS[start.m - 1]);
    const endMonth = int(start.m, 12);
    const totalCents = periodic ? int(50_00, 1_200_00) : int(100_00, 5_000_00);
    const ssn = rnd() < 0.3 ? int(1, Math.floor(totalCents / 4)) : 0;
    const utente = rnd() < 0.5 ? int(0, Math.floor((totalCents - ssn) / 3)) : 0;
    const ente = totalCents - ssn - utente;
    const quotaEnte = anomaly === 2 ? ente + 100 : ente;
    const withSina = rnd() < 0.3;
    const area = anomaly === 4 ? undefined : withSina ? '2' : presaCarico ? String(int(1, 3)) : undefined;
    const pairs = [
      ['TipoOperazione', rnd() < 0.97 ? 'I' : 'C'],
      ['PresenzaProvaMezzi', isee ? '1' : String(int(2, 4))],
      ['CaratterePrestazione', anomaly === 1 ? undefined : periodic ? '1' : '2'],
      ['NumeroProtocolloDSU', isee ? `INPS-ISEE-${refYear}-${pad(int(0, 99_999_999), 8)}-00` : undefined],
      ['AnnoProtocolloDSU', isee ? String(refYear) : undefined],
      ['DataDSU', isee ? isoDate(refYear, int(1, start.m), 1) : undefined],
      ['CodicePrestazione', code],
      ['DenominazionePrestazione', denomination],
      ['ProtocolloDomanda', `${int(1, 99_999)}/${refYear}`],
      ['DataEvento', rnd() < 0.5 ? isoDate(refYear, start.m, start.d) : undefined],
      ['DataInizioPrestazione', periodic ? isoDate(refYear, start.m, start.d) : undefined],
      ['DataFinePrestazione', periodic && (anomaly === 3 || rnd() < 0.8) ? isoDate(anomaly === 3 ? refYear + 1 : refYear, endMonth, DAYS[endMonth - 1]) : undefined],
      ['DataErogazionePrestazione', periodic ? undefined : isoDate(refYear, start.m, start.d)],
      ['ImportoPrestazione', periodic ? undefined : money(totalCents)],
      ['PeriodoErogazione', periodic ? String(endMonth - start.m + 1) : undefined],
      ['ImportoMensile', periodic ? money(totalCents) : undefined],
      ['ImportoQuotaEnte', money(quotaEnte)],
      ['ImportoQuotaUtente', money(utente)],
      ['ImportoQuotaSSN', ssn > 0 ? money(ssn) : undefined],
      ['ImportoQuotaRichiesta', rnd() < 0.3 ? money(int(0, 50_000)) : undefined],
      ['ImportoSogliaISEE', isee ? `${int(6, 40)}000.00` : undefined],
      ['OreServizioMensile', code.startsWith('A2') ? `${int(1, 60)}.${pad(int(0, 59), 2)}` : undefined],
      ['PresaCarico', presaCarico || withSina || anomaly === 4 ? '1' : '2'],
      ['AreaUtenza', area],
    ];
    if (xsdError && p === 0) {
      // One XSD error of a kind picked at random: a bad date, a bad decimal, a missing required attribute, an unknown code.
      const kind = int(0, 3);
      if (kind === 0) pairs.push(['DataEvento', `${refYear}-02-30`]);
      else if (kind === 1) pairs.find((x) => x[0] === 'ImportoQuotaEnte')[1] = money(quotaEnte).replace('.', ',');
      else if (kind === 2) pairs.find((x) => x[0] === 'PresaCarico')[1] = undefined;
      else pairs.find((x) => x[0] === 'PresenzaProvaMezzi')[1] = '9';
      // Keep attributes unique: a pushed duplicate replaces the first.
      const seen = new Map();
      for (const pair of pairs) seen.set(pair[0], pair);
      pairs.length = 0;
      pairs.push(...seen.values());
    }
    const head = `    <PrestazioniSociali${attrs(pairs)}`;
    if (!withSina) {
      out += `${head}/>\n`;
      continue;
    }
    const sina = attrs([
      ['Mobilita', String(int(1, 3))], ['AttivitaVitaQuotidiana', String(int(1, 3))],
      ['DisturbiAreaCognitiva', rnd() < 0.7 ? String(int(1, 3)) : undefined], ['DisturbiComportamentali', String(int(1, 2))],
      ['NecessitaCureSanitarie', rnd() < 0.7 ? String(int(1, 3)) : undefined], ['AreaReddituale', String(int(1, 3))],
      ['AreaSupporto', String(int(1, 3))], ['FonteDerivazioneValutazione', String(int(1, 4))],
      ['StrumentoValutazione', String(int(1, 7))], ['FonteDerivazioneInvalidita', rnd() < 0.6 ? String(int(1, 2)) : undefined],
    ]);
    const needs = rnd() < 0.6 ? int(1, 3) : 0;
    const inv = rnd() < 0.5 ? int(1, 2) : 0;
    if (needs === 0 && inv === 0) {
      out += `${head}>\n      <SINA${sina}/>\n    </PrestazioniSociali>\n`;
      continue;
    }
    out += `${head}>\n      <SINA${sina}>\n`;
    if (needs > 0) {
      out += '        <NecessitaInterventiSociali>\n';
      for (let k = 0; k < needs; k++) out += `          <CodicePrestazione>${pick(PRESTAZIONI)[0]}</CodicePrestazione>\n`;
      out += '        </NecessitaInterventiSociali>\n';
    }
    if (inv > 0) {
      out += '        <InvaliditaCivile>\n';
      for (let k = 0; k < inv; k++) out += `          <InvCiv>${int(1, 8)}</InvCiv>\n`;
      out += '        </InvaliditaCivile>\n';
    }
    out += '      </SINA>\n    </PrestazioniSociali>\n';
  }
  out += '  </Beneficiario>\n';
  return out;
}

/** One SINBA record (SINBA.xsd) as XML text. */
function sinba(rnd, n, xsdError) {
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const opt = (p, v) => (rnd() < p ? v : undefined);
  const year = int(2006, 2024);
  const mmYYYY = () => `${pad(int(1, 12), 2)}/${int(Math.max(year, 2010), 2025)}`;
  const affido = rnd() < 0.2;
  const pairs = [
    ['IDBeneficiario', `H501${pad(n, 12)}`], ['MinoreStranieroNoAcc', rnd() < 0.05 ? '1' : '2'],
    ['CondizioneMinore', String(int(1, 5))], ['LuogoVita', String(int(1, 8))], ['ScuolaFrequentata', String(int(1, 8))],
    ['CondizioneLavoro', String(int(1, 4))], ['Disabilita', rnd() < 0.15 ? '1' : '2'],
    ['InvCivCertificazioni', opt(0.1, String(int(1, 5)))],
    ['CodiceCittadinanzaPadre', opt(0.6, '380')], ['CodiceCittadinanzaMadre', opt(0.7, rnd() < 0.8 ? '380' : '642')],
    ['TitoloStudioMadre', opt(0.5, String(int(1, 6)))], ['OccupazioneMadre', opt(0.5, String(int(1, 8)))],
    ['DataPrimaSegnalazione', xsdError ? '13/2020' : mmYYYY()], ['FonteSegnalazione', String(int(1, 14))],
    ['ValutazioneMinore', String(int(1, 13))], ['ValutazioneFamigliaMinore', String(int(1, 13))],
    ['SegnalazioneAutoritaGiudiziaria', rnd() < 0.3 ? '1' : '2'], ['DataSegnalazione', opt(0.3, mmYYYY())],
    ['ProvvedimentoGiudiziario', rnd() < 0.2 ? '1' : '2'],
    ['FormaInterventoAffido', affido ? String(int(1, 2)) : undefined], ['TipoInterventoAffido', affido ? String(int(1, 2)) : undefined],
    ['NumeroComponentiISEE', opt(0.5, String(int(1, 9)))], ['FasciaEtaBeneficiario', String(int(1, 6))],
    ['FasciaISEEBeneficiario', opt(0.5, String(int(1, 8)))], ['AnnoNascita', String(year)],
    ['CodiceRegioneResidenza', '12'], ['CodiceNazioneResidenza', '380'],
  ];
  let out = `  <SINBA${attrs(pairs)}>\n    <Prestazioni>\n`;
  for (let k = int(1, 3); k > 0; k--) out += `      <CodicePrestazione>${PRESTAZIONI[int(0, PRESTAZIONI.length - 1)][0]}</CodicePrestazione>\n`;
  out += '    </Prestazioni>\n    <Famiglia>\n';
  for (let k = int(1, 4); k > 0; k--) out += `      <ComposizioneFamiglia>${int(1, 6)}</ComposizioneFamiglia>\n`;
  out += '    </Famiglia>\n  </SINBA>\n';
  return out;
}

/**
 * Yields a flow as strings of about `batchBytes` each, until it holds at least `bytes` UTF-8 bytes.
 * @param {{ bytes: number, seed?: number, kind?: 'PS_PSA_SINA' | 'SINBA', xsdErrorRate?: number, batchBytes?: number, records?: number }} options
 *   `records`: stop after exactly that many records instead (at least one record is always written).
 */
export function* flowChunks({ bytes, seed = 1, kind = 'PS_PSA_SINA', xsdErrorRate = 0, batchBytes = 256 * 1024, records = Infinity }) {
  const rnd = prng(seed);
  const tag = kind === 'SINBA' ? 'SINBA' : 'PS';
  const head = `<?xml version="1.0" encoding="UTF-8"?>\n<Flusso xmlns="http://inps.it/Casellario">\n  <IdentificazioneFlusso Nome="H501.${tag}.20251127.${pad(seed % 10_000_000, 7)}">\n    <Ente Codice="H501" Denominazione="Comune di Roma - Dipartimento Politiche Sociali" Indirizzo="H501" CFOperatore="RSSMRA80A01H501U"/>\n  </IdentificazioneFlusso>\n`;
  const tail = '</Flusso>\n';
  let written = Buffer.byteLength(head);
  let batch = head;
  let n = 0;
  while (n === 0 || (written + Buffer.byteLength(tail) < bytes && n < records)) {
    const xsdError = xsdErrorRate > 0 && rnd() < xsdErrorRate;
    const record = kind === 'SINBA' ? sinba(rnd, n, xsdError) : beneficiario(rnd, n, xsdError);
    n++;
    // Mostly ASCII: count bytes exactly only when needed.
    written += /[^\x00-\x7f]/.test(record) ? Buffer.byteLength(record) : record.length;
    batch += record;
    if (batch.length >= batchBytes) {
      yield batch;
      batch = '';
    }
  }
  yield batch + tail;
}

/**
 * Writes a flow to `path` (through a temporary file renamed at the end), honouring backpressure.
 * @returns {Promise<{ bytes: number }>}
 */
export async function writeFlow(path, options) {
  const tmp = `${path}.tmp-${process.pid}`;
  const out = createWriteStream(tmp);
  let bytes = 0;
  for (const chunk of flowChunks(options)) {
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  await rename(tmp, path);
  return { bytes };
}

async function main() {
  const args = process.argv.slice(2);
  const flag = (name) => {
    const i = args.indexOf(name);
    if (i === -1) return undefined;
    const v = args[i + 1];
    args.splice(i, 2);
    return v;
  };
  const seed = Number(flag('--seed') ?? 1);
  const xsdErrorRate = Number(flag('--xsd-errors') ?? 0);
  const sinbaIndex = args.indexOf('--sinba');
  const kind = sinbaIndex === -1 ? 'PS_PSA_SINA' : 'SINBA';
  if (sinbaIndex !== -1) args.splice(sinbaIndex, 1);
  const [mb, out] = args;
  if (mb === undefined || out === undefined || !(Number(mb) > 0) || !Number.isInteger(seed)) {
    process.stderr.write('usage: node bench/generate-flow.mjs <MB> <out.xml> [--seed N] [--sinba] [--xsd-errors RATE]\n');
    process.exitCode = 2;
    return;
  }
  const started = performance.now();
  const { bytes } = await writeFlow(out, { bytes: Math.round(Number(mb) * 1024 * 1024), seed, kind, xsdErrorRate });
  process.stderr.write(`${out}: ${(bytes / 1048576).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
