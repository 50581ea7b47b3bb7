// SPDX-License-Identifier: BSD-3-Clause
/**
 * Deterministic generators of realistic Cartella Sociale data for the benchmark (bench/run.mjs,
 * bench/memory.mjs). Seeded PRNG (mulberry32), never Math.random: the same seed gives the same records
 * on every machine and in every time zone (calendar dates are computed with Date.UTC only).
 *
 * - {@link generatePairs}: (cartella + persona) pairs, one person each, at a dozen Enti (Comuni):
 *   varied names (with accents and apostrophes), sex, birth dates (0–95 years old), birthplaces in
 *   Italy and abroad (Belfiore codes), citizenship (ISO 3166 numeric, as SIUSS asks: Italy 380), valid
 *   codici fiscali computed with `computeFiscalCode` of @riuso-sociale/fiscal-code (3 % of the people
 *   have an STP/ENI/MSNA identifier instead), residence, contacts, legal capacity, some deceased, some
 *   cartelle closed, minors flagged.
 * - {@link generateExport}: one Ente (Comune di Milano) sending a PS-PSA-SINA flow: `persons` people,
 *   each with 1–3 interventi (codici prestazione of DM 206/2014 Tabella 1 matching the user area:
 *   minors → famiglia e minori, elderly → disabilità e non autosufficienza, others mostly povertà),
 *   `erogazioni` erogazioni spread over the interventi (periodic: one per calendar month, 2024–2025;
 *   one-off: a payment date), states `validata` or `liquidata` (what may be exported), amounts in
 *   integer cents with quotas that add up as the INPS rules want, and a completed SINA assessment for
 *   most people in the disability area (sent with their erogazioni).
 *
 * Every record is meant to pass the package's schemas (bench/run.mjs checks it before timing anything)
 * and the export to pass `validateFlow` with every INPS business rule as an error. The people are
 * invented: any resemblance to a real codice fiscale is chance.
 */
import { computeFiscalCode } from '@riuso-sociale/fiscal-code';

const DAY = 86_400_000;

/**
 * mulberry32: a small, fast, seeded PRNG returning floats in [0, 1).
 *
 * @example
 * ```js
 * const rand = mulberry32(42);
 * rand(); // always the same for seed 42
 * ```
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Helpers over one PRNG. */
function randomTools(seed) {
  const rand = mulberry32(seed);
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const chance = (p) => rand() < p;
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const hex = (n) => {
    let s = '';
    while (s.length < n) s += Math.floor(rand() * 4294967296).toString(16).padStart(8, '0');
    return s.slice(0, n);
  };
  let counter = 0;
  /** A lower-case UUID v4: random bits, the last 12 hex digits a counter (so never two alike). */
  const uuid = () => {
    const h = hex(19);
    counter++;
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(12, 15)}-${'89ab'[counter & 3]}${h.slice(15, 18)}-${(seed >>> 0).toString(16).padStart(4, '0').slice(-4)}${counter.toString(16).padStart(8, '0')}`;
  };
  return { rand, int, chance, pick, uuid };
}

/** Days since 1970-01-01 → `YYYY-MM-DD` (UTC arithmetic: no time zone involved). */
const isoDay = (days) => new Date(days * DAY).toISOString().slice(0, 10);
/** `YYYY-MM-DD` → days since 1970-01-01. */
const dayOf = (iso) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY;
/** An instant on day `days` at hh:mm:ss. */
const instant = (days, seconds) => `${isoDay(days)}T${new Date((seconds % 86_400) * 1000).toISOString().slice(11, 19)}Z`;
/** Completed years between two ISO dates. */
const age = (birth, on) => {
  const y = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) < birth.slice(5) ? y - 1 : y;
};
/** Last day of month `m` (1–12) of `y`. */
const lastDay = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const pad2 = (n) => String(n).padStart(2, '0');

// ---------------------------------------------------------------------------------------------
// Pools (invented people; real places and codes)

/** Enti: Belfiore, IPA, ISTAT codes of the Comune and ISTAT code of its Regione. */
export const ENTI = [
  { belfiore: 'F205', codiceIpa: 'c_f205', istat: '015146', regione: '03', nome: 'Milano' },
  { belfiore: 'H501', codiceIpa: 'c_h501', istat: '058091', regione: '12', nome: 'Roma' },
  { belfiore: 'F839', codiceIpa: 'c_f839', istat: '063049', regione: '15', nome: 'Napoli' },
  { belfiore: 'L219', codiceIpa: 'c_l219', istat: '001272', regione: '01', nome: 'Torino' },
  { belfiore: 'G273', codiceIpa: 'c_g273', istat: '082053', regione: '19', nome: 'Palermo' },
  { belfiore: 'D969', codiceIpa: 'c_d969', istat: '010025', regione: '07', nome: 'Genova' },
  { belfiore: 'A944', codiceIpa: 'c_a944', istat: '037006', regione: '08', nome: 'Bologna' },
  { belfiore: 'D612', codiceIpa: 'c_d612', istat: '048017', regione: '09', nome: 'Firenze' },
  { belfiore: 'A662', codiceIpa: 'c_a662', istat: '072006', regione: '16', nome: 'Bari' },
  { belfiore: 'L736', codiceIpa: 'c_l736', istat: '027042', regione: '05', nome: 'Venezia' },
  { belfiore: 'L781', codiceIpa: 'c_l781', istat: '023091', regione: '05', nome: 'Verona' },
  { belfiore: 'C351', codiceIpa: 'c_c351', istat: '087015', regione: '19', nome: 'Catania' },
];

/** Italian birthplaces (Belfiore; every one existed before 1925). */
const COMUNI_NASCITA = ['F205', 'H501', 'F839', 'L219', 'G273', 'D969', 'A944', 'D612', 'A662', 'L736', 'L781', 'C351', 'F158', 'B157', 'H224', 'E506', 'G224', 'D086', 'A271'];

/** Foreign birthplaces: Belfiore code of the state and ISO 3166 numeric citizenship. */
const ESTERI = [
  { belfiore: 'Z129', cittadinanza: '642' }, // Romania
  { belfiore: 'Z100', cittadinanza: '008' }, // Albania
  { belfiore: 'Z330', cittadinanza: '504' }, // Marocco
  { belfiore: 'Z210', cittadinanza: '156' }, // Cina
  { belfiore: 'Z138', cittadinanza: '804' }, // Ucraina
  { belfiore: 'Z336', cittadinanza: '818' }, // Egitto
  { belfiore: 'Z343', cittadinanza: '686' }, // Senegal
  { belfiore: 'Z604', cittadinanza: '170' }, // Colombia
  { belfiore: 'Z222', cittadinanza: '356' }, // India
  { belfiore: 'Z110', cittadinanza: '250' }, // Francia
  { belfiore: 'Z112', cittadinanza: '276' }, // Germania
];

const COGNOMI = [
  'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Gallo', 'Conti',
  "De Luca", 'Mancini', 'Costa', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti', 'Barbieri', 'Fontana', 'Santoro', 'Mariani', 'Rinaldi',
  'Caruso', 'Ferrara', 'Galli', 'Martini', 'Leone', 'Longo', 'Gentile', 'Martinelli', 'Vitale', 'Lombardo', 'Serra', 'Coppola',
  "D'Angelo", 'Di Stefano', 'Della Valle', 'Sanfilippo', 'Parisi', 'Villa', 'Cattaneo', 'Fabbri', 'Marchetti', 'Pellegrini',
  'Palumbo', 'Sala', 'Grasso', "Dell'Acqua", 'Cocco', 'Piras', 'Melis', 'Zanetti', 'Brambilla', 'Sartori', 'Nicolò', 'Mazzà',
  'Pellegrino Lo Presti',
];
const COGNOMI_ESTERI = ['Popescu', 'Ionescu', 'Hoxha', 'Kola', 'El Amrani', 'Benali', 'Wang', 'Zhang', 'Shevchenko', 'Kovalenko', 'Hassan', 'Diop', 'Ndiaye', 'García', 'Singh', 'Kaur', 'Dubois', 'Müller'];
const NOMI_M = ['Marco', 'Giuseppe', 'Giovanni', 'Antonio', 'Mario', 'Luigi', 'Francesco', 'Alessandro', 'Andrea', 'Luca', 'Matteo', 'Lorenzo', 'Davide', 'Simone', 'Federico', 'Riccardo', 'Gabriele', 'Tommaso', 'Niccolò', 'Salvatore', 'Vincenzo', 'Pietro', 'Carlo', 'Domenico', 'Gian Maria', 'Pier Luigi'];
const NOMI_F = ['Maria', 'Anna', 'Giulia', 'Francesca', 'Sara', 'Laura', 'Chiara', 'Elena', 'Alessia', 'Martina', 'Giorgia', 'Sofia', 'Aurora', 'Rosa', 'Giuseppina', 'Angela', 'Teresa', 'Lucia', 'Carmela', 'Paola', 'Marta', 'Noemi', 'Beatrice', 'Maria Grazia', 'Anna Rita'];
const NOMI_ESTERI_M = ['Ion', 'Andrei', 'Ardit', 'Mohamed', 'Youssef', 'Wei', 'Oleksandr', 'Ahmed', 'Mamadou', 'Juan', 'Rajesh', 'Pierre', 'Jonas'];
const NOMI_ESTERI_F = ['Elena', 'Ioana', 'Albana', 'Fatima', 'Khadija', 'Li', 'Olena', 'Aisha', 'Awa', 'María', 'Priya', 'Camille', 'Anna'];
const VIE = ['Via Roma', 'Via Garibaldi', 'Corso Italia', 'Via Mazzini', 'Piazza della Repubblica', 'Via Verdi', 'Viale Europa', 'Via Dante', 'Via XX Settembre', 'Via dei Mille'];

// ---------------------------------------------------------------------------------------------
// Persona

/**
 * One persona (input shape of `personaSchema`), or null data when the generator drew an impossible
 * codice fiscale (never happens with these pools).
 */
function makePersona(t, ops, { ente, today, exportable }) {
  const { int, chance, pick, uuid } = t;
  const sesso = chance(0.52) ? '2' : '1';
  const foreign = chance(exportable ? 0.12 : 0.15) ? pick(ESTERI) : null;
  // Ages 0–95 on `today`, weighted towards the users of social services (children, elderly).
  const bucket = int(0, 99);
  const years = bucket < 18 ? int(0, 17) : bucket < 55 ? int(18, 64) : int(65, 95);
  const birth = isoDay(dayOf(today) - years * 365 - int(0, 364));
  const cognome = foreign !== null && chance(0.8) ? pick(COGNOMI_ESTERI) : pick(COGNOMI);
  const nome = foreign !== null && chance(0.8) ? pick(sesso === '1' ? NOMI_ESTERI_M : NOMI_ESTERI_F) : pick(sesso === '1' ? NOMI_M : NOMI_F);
  const luogoNascita = foreign?.belfiore ?? pick(COMUNI_NASCITA);
  // Registered between 2019 and 2023, never before birth.
  const created = Math.min(dayOf(today), Math.max(dayOf('2019-01-01') + int(0, 5 * 365), dayOf(birth) + int(0, 60)));
  const by = pick(ops);
  const createdAt = instant(created, int(8 * 3600, 18 * 3600));
  const deceased = !exportable && years >= 65 && chance(0.04);
  let updatedAt = createdAt;
  const history = [{ status: 'attiva', at: createdAt, by, event: 'crea' }];
  const p = {
    id: uuid(),
    ente: { belfiore: ente.belfiore, codiceIpa: ente.codiceIpa, istat: ente.istat },
    createdAt,
    createdBy: by,
    updatedAt,
    updatedBy: by,
    version: 1,
    status: 'attiva',
    history,
  };
  const alternative = !exportable && chance(0.03);
  if (alternative) {
    const tipo = years < 18 && foreign !== null ? 'msna' : pick(['stp', 'eni', 'altro']);
    p.identificativoAlternativo = { tipo, valore: `${tipo === 'eni' ? 'ENI' : 'STP'}${ente.istat.slice(0, 3)}${String(int(0, 9_999_999)).padStart(10, '0')}` };
  } else {
    p.codiceFiscale = computeFiscalCode({ surname: cognome, name: nome, sex: sesso === '1' ? 'M' : 'F', birthDate: birth, birthPlace: luogoNascita });
  }
  p.cognome = cognome;
  p.nome = nome;
  p.sesso = sesso;
  if (chance(0.01)) p.identitaGenere = 'non binaria';
  p.dataNascita = birth;
  p.luogoNascita = luogoNascita;
  p.cittadinanza = { system: 'iso3166.numerico', version: 'esterno', code: foreign === null || chance(0.15) ? '380' : foreign.cittadinanza };
  if (foreign !== null && p.cittadinanza.code !== '380' && chance(0.1)) p.secondaCittadinanza = { system: 'iso3166.numerico', version: 'esterno', code: '380' };
  const abroad = !exportable && foreign !== null && chance(0.05);
  p.residenza = abroad
    ? { codiceNazione: foreign.cittadinanza }
    : { codiceComuneIstat: ente.istat, codiceRegione: ente.regione, codiceNazione: '380', indirizzo: `${pick(VIE)} ${int(1, 250)}` };
  if (chance(0.15)) p.domicilio = { codiceComuneIstat: ente.istat, codiceRegione: ente.regione, codiceNazione: '380', indirizzo: `${pick(VIE)} ${int(1, 250)}` };
  if (chance(0.6)) {
    const c = { cellulare: `+39 3${int(20, 99)} ${int(100, 999)} ${int(1000, 9999)}` };
    if (chance(0.4)) c.email = `utente${int(1, 999_999)}@example.org`;
    if (chance(0.1)) c.telefono = `0${int(10, 99)} ${int(100_000, 9_999_999)}`;
    if (chance(0.05)) c.note = 'Chiamare dopo le 14';
    p.contatti = c;
  }
  if (years >= 18 && chance(0.12)) {
    p.capacitaGiuridica = chance(0.7)
      ? { tipo: 'amministrazione-di-sostegno', rappresentante: `${pick(NOMI_M)} ${pick(COGNOMI)} (AdS)` }
      : { tipo: pick(['tutela', 'curatela']), rappresentante: `Avv. ${pick(NOMI_F)} ${pick(COGNOMI)}` };
  } else if (chance(0.2)) {
    p.capacitaGiuridica = { tipo: 'piena' };
  }
  if (deceased) {
    const died = Math.min(dayOf(today) - 1, created + int(30, 1500));
    p.dataDecesso = isoDay(died);
    updatedAt = instant(Math.max(died, created) + int(1, 20), int(8 * 3600, 18 * 3600));
    history.push({ status: 'deceduta', at: updatedAt, by, event: 'registra-decesso', reason: 'Comunicazione dell\'anagrafe' });
    p.status = 'deceduta';
    p.updatedAt = updatedAt;
    p.version = 2;
  }
  return p;
}

/**
 * Generates `count` (cartella + persona) pairs, deterministically from `seed`.
 *
 * @example
 * ```js
 * const pairs = generatePairs(1000, { seed: 1 });
 * pairs[0].cartella.persona === pairs[0].persona.id; // true
 * ```
 */
export function generatePairs(count, { seed = 0xc51, today = '2025-06-30' } = {}) {
  const t = randomTools(seed);
  const { int, chance, pick, uuid } = t;
  const ops = Array.from({ length: 300 }, () => uuid());
  const out = new Array(count);
  for (let i = 0; i < count; i++) {
    const ente = ENTI[i % 7 === 0 ? 0 : int(0, ENTI.length - 1)];
    const persona = makePersona(t, ops, { ente, today, exportable: false });
    const opened = Math.max(dayOf(persona.createdAt), dayOf(persona.dataNascita)) + int(0, 200);
    const apertaIl = isoDay(Math.min(opened, dayOf(today)));
    const by = pick(ops);
    const createdAt = instant(dayOf(apertaIl), int(8 * 3600, 18 * 3600));
    const cartella = {
      id: uuid(),
      ente: { ...persona.ente },
      createdAt,
      createdBy: by,
      updatedAt: createdAt,
      updatedBy: by,
      version: 1,
      status: 'aperta',
      history: [{ status: 'aperta', at: createdAt, by, event: 'crea' }],
      persona: persona.id,
      apertaIl,
      responsabile: pick(ops),
      minore: age(persona.dataNascita, apertaIl) < 18,
      tutelaAutoritaGiudiziaria: false,
    };
    if (cartella.minore && chance(0.12)) cartella.tutelaAutoritaGiudiziaria = true;
    if (persona.status === 'deceduta' || chance(0.12)) {
      const closed = Math.min(dayOf(today), dayOf(apertaIl) + int(60, 1500));
      let at = instant(closed, int(8 * 3600, 18 * 3600));
      // Opened and closed on the same day (recent cartelle, clamped to `today`): closed after it was created.
      if (Date.parse(at) <= Date.parse(createdAt)) at = instant(closed, (Date.parse(createdAt) / 1000) % 86_400 + int(600, 3600));
      cartella.chiusaIl = isoDay(closed);
      cartella.status = 'chiusa';
      cartella.history.push({ status: 'chiusa', at, by, event: 'chiudi', reason: persona.status === 'deceduta' ? 'Decesso' : 'Obiettivi raggiunti' });
      cartella.updatedAt = at;
      cartella.version = 2;
    }
    out[i] = { cartella: asRead(cartella), persona: asRead(persona) };
  }
  return out;
}

/**
 * The record as an application reads it (JSON from an API or a database): a JSON round trip, so its
 * strings are flat. Strings built here by concatenation and slicing are V8 cons/sliced strings, which
 * the first regular-expression check flattens in place — that would bill the model (not the bare peer)
 * for an artefact of the generator, and shrink the heap during the memory measurement.
 */
const asRead = (record) => JSON.parse(JSON.stringify(record));

// ---------------------------------------------------------------------------------------------
// Export: interventi and erogazioni

/**
 * Benefits by user area (SIUSS AreaUtenza 1 famiglia e minori, 2 disabilità e non autosufficienza,
 * 3 povertà): DM 206/2014 Tabella 1 code, name, carattere (1 periodic, 2 one-off, 0 either),
 * monthly/one-off amount range in cents, hours per month when the benefit is a service, and the
 * shares (E ente, U utente, S SSN).
 */
const PRESTAZIONI = {
  1: [
    { code: 'A2.02', nome: 'Educativa domiciliare per minori', carattere: '1', cents: [30_000, 90_000], ore: [8, 30], quote: 'EU' },
    { code: 'A1.07', nome: 'Integrazione della retta di asilo nido', carattere: '1', cents: [15_000, 45_000], quote: 'EU' },
    { code: 'A2.11', nome: 'Sostegno socio-educativo scolastico', carattere: '1', cents: [40_000, 120_000], ore: [20, 60], quote: 'E' },
    { code: 'A1.09', nome: 'Contributo per i servizi scolastici (mensa e trasporto)', carattere: '2', cents: [5_000, 40_000], quote: 'E' },
  ],
  2: [
    { code: 'A2.07', nome: 'Assistenza domiciliare socio-assistenziale (SAD)', carattere: '1', cents: [20_000, 90_000], ore: [6, 40], quote: 'EU' },
    { code: 'A2.08', nome: 'Assistenza domiciliare integrata con servizi sanitari (ADI)', carattere: '1', cents: [30_000, 120_000], ore: [8, 40], quote: 'EUS' },
    { code: 'A1.11', nome: 'Assegno di cura per la domiciliarità', carattere: '1', cents: [30_000, 80_000], quote: 'E' },
    { code: 'A1.14', nome: 'Integrazione della retta in struttura residenziale (RSA)', carattere: '1', cents: [40_000, 150_000], quote: 'EU' },
    { code: 'A3.01', nome: 'Centro diurno per persone con disabilità', carattere: '1', cents: [50_000, 140_000], quote: 'EUS' },
    { code: 'A1.16', nome: 'Contributo per il trasporto sociale', carattere: '2', cents: [5_000, 60_000], quote: 'E' },
  ],
  3: [
    { code: 'A1.04', nome: 'Contributo economico a integrazione del reddito', carattere: '0', cents: [10_000, 80_000], quote: 'E' },
    { code: 'A1.05', nome: "Contributo per il pagamento dell'affitto", carattere: '2', cents: [20_000, 150_000], quote: 'E' },
    { code: 'A1.06', nome: 'Buoni spesa alimentari', carattere: '2', cents: [5_000, 30_000], quote: 'E' },
    { code: 'A2.01', nome: 'Mensa sociale', carattere: '1', cents: [8_000, 25_000], quote: 'EU' },
  ],
};

const ENTI_GESTORI = ['Cooperativa Sociale Il Sorriso', 'Cooperativa Sociale La Rete', 'Fondazione Aiutare Insieme', 'Consorzio Servizi alla Persona', 'ASP Città di Milano'];

/** Lifecycle fields through `steps` ([status, event]), the first at `day`, the next ones a few days apart. */
function life(t, by, day, steps) {
  const history = [];
  let d = day;
  for (let k = 0; k < steps.length; k++) {
    if (k > 0) d += t.int(1, 10);
    history.push({ status: steps[k][0], at: instant(d, t.int(8 * 3600, 18 * 3600)), by, event: steps[k][1] });
  }
  const first = history[0].at;
  const last = history[history.length - 1].at;
  return { createdAt: first, createdBy: by, updatedAt: last, updatedBy: by, version: steps.length, status: steps[steps.length - 1][0], history };
}

/** Quotas of `total` cents (ente, utente, ssn) as the benefit's `quote` letters say; they add up to `total`. */
function quotas(t, total, letters) {
  const out = {};
  if (letters === 'E') {
    out.quotaEnteCents = total;
  } else if (letters === 'EU') {
    const utente = t.chance(0.2) ? 0 : Math.round((total * t.int(5, 40)) / 100);
    out.quotaEnteCents = total - utente;
    out.quotaUtenteCents = utente;
  } else {
    const ssn = Math.round((total * t.int(30, 50)) / 100);
    const utente = Math.round((total * t.int(0, 20)) / 100);
    out.quotaEnteCents = total - ssn - utente;
    out.quotaUtenteCents = utente;
    out.quotaSsnCents = ssn;
  }
  return out;
}

/**
 * Generates a PS-PSA-SINA export of one Ente: `persons` beneficiaries and exactly `erogazioni`
 * erogazioni, each with its intervento and (when there is one) the SINA assessment it relies on, in
 * the input shape of `toSiussFlow` (`beneficiari: [{ persona, erogazioni: [{ erogazione, intervento,
 * valutazione? }] }]`). Also returns `ente` (the flow's `SiussEnteInput`) and counts.
 *
 * @example
 * ```js
 * const x = generateExport({ erogazioni: 1000, persons: 200, seed: 1 });
 * x.beneficiari.length; // 200
 * ```
 */
export function generateExport({ erogazioni = 100_000, persons = 20_000, seed = 0xe59, today = '2026-01-20' } = {}) {
  if (erogazioni < persons) throw new RangeError('generateExport: at least one erogazione per person');
  const t = randomTools(seed);
  const { int, chance, pick, uuid } = t;
  const ops = Array.from({ length: 120 }, () => uuid());
  const ente = ENTI[0];
  const cfOperatore = computeFiscalCode({ surname: 'Bianchi', name: 'Laura', sex: 'F', birthDate: '1985-08-01', birthPlace: 'F205' });
  const beneficiari = [];
  /** Slots: every intervento, with how many more erogazioni it may take. */
  const slots = [];
  let sina = 0;
  for (let i = 0; i < persons; i++) {
    const persona = makePersona(t, ops, { ente, today: '2025-01-01', exportable: true });
    const years = age(persona.dataNascita, '2025-01-01');
    const area = years < 18 ? '1' : years >= 65 ? (chance(0.85) ? '2' : '3') : chance(0.25) ? '2' : '3';
    const b = { persona, erogazioni: [], interventi: [] };
    // A completed SINA assessment for most people in the disability area (SINA is their module).
    let valutazione;
    if (area === '2' && chance(0.7)) {
      const by = pick(ops);
      const day = dayOf('2023-06-01') + int(0, 180);
      const s = {
        mobilita: pick(['1', '2', '3']),
        attivitaVitaQuotidiana: pick(['1', '2', '3']),
        disturbiComportamentali: pick(['1', '2']),
        areaReddituale: pick(['1', '2', '3']),
        areaSupporto: pick(['1', '2', '3']),
        fonteDerivazioneValutazione: pick(['1', '2', '3', '4']),
        strumentoValutazione: pick(['1', '1', '1', '2', '7']),
      };
      if (chance(0.7)) s.disturbiAreaCognitiva = pick(['1', '2', '3']);
      if (chance(0.7)) s.necessitaCureSanitarie = pick(['1', '2', '3']);
      if (chance(0.5)) s.fonteDerivazioneInvalidita = pick(['1', '2']);
      if (chance(0.6)) s.necessitaInterventiSociali = chance(0.5) ? ['A2.07'] : ['A2.07', 'A1.11'];
      if (chance(0.6)) s.invaliditaCivile = chance(0.5) ? ['3'] : ['2', '6'];
      valutazione = {
        id: uuid(),
        ente: { ...persona.ente },
        ...life(t, by, day, [
          ['bozza', 'crea'],
          ['completata', 'completa'],
        ]),
        persona: persona.id,
        tipo: 'sina',
        data: isoDay(day),
        strumento: { system: 'siuss.sina.strumento-valutazione', version: 'PS_PSA_SINA201812', code: s.strumentoValutazione },
        fonte: { system: 'siuss.sina.fonte-derivazione', version: 'PS_PSA_SINA201812', code: s.fonteDerivazioneValutazione },
        sina: s,
        equipe: [by],
      };
      sina++;
    }
    const nInterventi = int(1, 3);
    const used = new Set();
    for (let k = 0; k < nInterventi; k++) {
      const kind = pick(PRESTAZIONI[area]);
      if (used.has(kind.code)) continue;
      used.add(kind.code);
      const carattere = kind.carattere === '0' ? pick(['1', '2']) : kind.carattere;
      const startMonth = int(0, 11); // months since 2024-01
      const dal = `${2024 + Math.floor(startMonth / 12)}-${pad2((startMonth % 12) + 1)}-01`;
      const by = pick(ops);
      const senza = chance(0.15);
      const intervento = {
        id: uuid(),
        ente: { ...persona.ente },
        ...life(t, by, dayOf(dal) - int(10, 40), [
          ['proposto', 'crea'],
          ['autorizzato', 'autorizza'],
          ['in-erogazione', 'avvia'],
        ]),
        persona: persona.id,
        senzaPresaInCarico: senza,
        prestazione: { system: 'siuss.prestazione', version: 'DM206-2014-T1', code: kind.code },
        denominazione: kind.nome,
        areaUtenza: { system: 'siuss.area-utenza', version: 'PS_PSA_SINA201812', code: area },
        carattere,
        provaMezzi: '4',
        dal,
        al: '2025-12-31',
      };
      if (!senza) intervento.presaInCarico = uuid();
      if (chance(0.6)) {
        const dsuDay = dayOf('2024-01-10') + int(0, 40);
        intervento.provaMezzi = '1';
        intervento.dsu = { numeroProtocollo: `INPS-ISEE-2024-${String(int(1, 99_999_999)).padStart(8, '0')}A-00`, anno: 2024, data: isoDay(dsuDay) };
        if (chance(0.5)) intervento.sogliaIseeCents = pick([600_000, 1_000_000, 1_500_000, 2_000_000]);
      } else if (chance(0.2)) {
        intervento.provaMezzi = pick(['2', '3']);
      }
      if (kind.ore !== undefined) intervento.quantitaOreMese = int(kind.ore[0], kind.ore[1]) + pick([0, 0, 0.5, 0.25]);
      if (kind.ore !== undefined || kind.code === 'A1.14' || kind.code === 'A3.01') intervento.enteGestore = pick(ENTI_GESTORI);
      intervento.attoAutorizzativo = { numero: `DD ${int(1, 9999)}/${dal.slice(0, 4)}`, data: isoDay(dayOf(dal) - int(1, 9)) };
      const slot = { b, intervento, kind, carattere, next: startMonth, months: 24 - startMonth, valutazione: area === '2' ? valutazione : undefined, taken: 0 };
      b.interventi.push(slot);
      slots.push(slot);
    }
    beneficiari.push(b);
  }

  /** Adds one erogazione to `slot`; false when the slot is full. */
  const addErogazione = (slot) => {
    const periodic = slot.carattere === '1';
    if (periodic && slot.taken >= slot.months) return false;
    const { b, intervento, kind, valutazione } = slot;
    let dal;
    let al;
    let dataErogazione;
    if (periodic) {
      const m = slot.next + slot.taken;
      const y = 2024 + Math.floor(m / 12);
      const mm = (m % 12) + 1;
      dal = `${y}-${pad2(mm)}-01`;
      al = `${y}-${pad2(mm)}-${pad2(lastDay(y, mm))}`;
    } else {
      dataErogazione = isoDay(Math.min(dayOf(intervento.dal) + int(0, 700), dayOf(intervento.al)));
      dal = dataErogazione;
    }
    const total = Math.round(int(kind.cents[0], kind.cents[1]) / 100) * 100 + pick([0, 0, 50, 37]);
    const by = pick(ops);
    const liquidata = chance(0.3);
    const e = {
      id: uuid(),
      ente: { ...b.persona.ente },
      ...life(t, by, dayOf(al ?? dal) + int(1, 15), liquidata ? [['registrata', 'crea'], ['validata', 'valida'], ['liquidata', 'liquida']] : [['registrata', 'crea'], ['validata', 'valida']]),
      intervento: intervento.id,
      persona: b.persona.id,
      dal,
      ...(al !== undefined ? { al } : {}),
      ...(dataErogazione !== undefined ? { dataErogazione } : {}),
      importoCents: total,
      ...(periodic ? { importoMensileCents: total } : {}),
      ...quotas(t, total, kind.quote),
    };
    if (intervento.quantitaOreMese !== undefined && periodic) e.oreErogate = Math.max(0, intervento.quantitaOreMese - pick([0, 0, 0, 1, 2]));
    const entry = { erogazione: e, intervento };
    if (valutazione !== undefined) {
      e.valutazione = valutazione.id;
      e.valutazioneData = valutazione.data;
      entry.valutazione = valutazione;
    }
    b.erogazioni.push(entry);
    slot.taken++;
    return true;
  };

  let made = 0;
  // Every intervento of every person gets one erogazione; then the rest go to random interventi.
  for (const slot of slots) if (made < erogazioni && addErogazione(slot)) made++;
  if (beneficiari.some((b) => b.erogazioni.length === 0)) throw new Error('generateExport: a person without erogazioni (increase erogazioni)');
  let guard = 0;
  while (made < erogazioni) {
    if (addErogazione(slots[int(0, slots.length - 1)])) made++;
    else if (++guard > 10 * erogazioni) throw new Error('generateExport: interventi full');
  }
  // Erogazioni of a person in date order (as an Ente would list them); every record as read from JSON
  // (see asRead), one object per intervento and valutazione shared by their erogazioni.
  const read = new Map();
  const once = (record) => {
    let r = read.get(record.id);
    if (r === undefined) read.set(record.id, (r = asRead(record)));
    return r;
  };
  for (const b of beneficiari) {
    b.erogazioni.sort((x, y) => (x.erogazione.dal < y.erogazione.dal ? -1 : x.erogazione.dal > y.erogazione.dal ? 1 : 0));
    delete b.interventi;
    b.persona = once(b.persona);
    for (const e of b.erogazioni) {
      e.erogazione = once(e.erogazione);
      e.intervento = once(e.intervento);
      if (e.valutazione !== undefined) e.valutazione = once(e.valutazione);
    }
  }
  return {
    ente: { codice: ente.belfiore, denominazione: `Comune di ${ente.nome}`, cfOperatore },
    beneficiari,
    counts: { persons, erogazioni: made, interventi: slots.length, sina, periodic: slots.filter((s) => s.carattere === '1').reduce((n, s) => n + s.taken, 0) },
  };
}
