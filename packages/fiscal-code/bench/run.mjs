// SPDX-License-Identifier: BSD-3-Clause
/**
 * Throughput of @riuso-sociale/fiscal-code against its peers, measured in the same run, reported
 * as ratios (never asserted): validate, decode, compute; then bundle sizes and import time
 * (bench/bundle-size.mjs, in a child process).
 *
 * Usage (after `npm run build` at the root): `node packages/fiscal-code/bench/run.mjs`
 * Prints only; writes nothing. Exit code 0 even when a target is missed; non-zero only on a crash.
 *
 * Inputs: a pool of ~2,000 valid codes computed with our computeFiscalCode from random people
 * (seeded PRNG; surnames and names with accents, apostrophes and spaces; birth dates 1920–2020;
 * birthplaces from listPlaces(), ~10 % foreign states; ~5 % omocodic variants) plus ~10 % invalid
 * codes of known kinds. Every task walks the pool (or a peer-supported subset of it, the same for
 * ours and the peer); "ops/s" are codes (or people) per second: pool size ÷ median time of a pass.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { Bench } from 'tinybench';
import {
  computeFiscalCode,
  decodeFiscalCode,
  listPlaces,
  omocodeVariants,
  validateFiscalCode as validateFull,
} from '@riuso-sociale/fiscal-code';
import { validateFiscalCode as validateLite } from '@riuso-sociale/fiscal-code/lite';
import { CodiceFiscaleUtils } from '@marketto/codice-fiscale-utils';
import { belfioreConnector } from '@marketto/belfiore-connector-embedded';

const require = createRequire(import.meta.url);
// codice-fiscale-js 2.4.0: CJS, module.exports = { CodiceFiscale } (its documented default is broken).
const { CodiceFiscale } = require('codice-fiscale-js');
const marketto = new CodiceFiscaleUtils(belfioreConnector);

const here = dirname(fileURLToPath(import.meta.url));
const t0 = performance.now();

// ---------------------------------------------------------------------------------------------
// Seeded PRNG and the pool
// ---------------------------------------------------------------------------------------------

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(0xc0d1ce);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));

const SURNAMES = [
  'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco',
  'Bruno', 'Gallo', 'Conti', 'De Luca', 'Mancini', 'Costa', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti',
  "D'Angelo", "Dell'Acqua", "D'Amico", 'Lo Presti', 'La Rosa', 'Di Stefano', 'De Santis', 'Nicolò',
  'Mazzà', 'Perù', 'Cantù', 'Forlì', 'Papà', 'Sciarrà', 'Caffè', 'Bò', 'Fo', 'Xu', 'Ng', 'Li', 'Oe',
  'Müller', 'Núñez', 'García-López', 'Ødegaard', 'Çelik', 'Dvořák', 'Žák', "O'Connor", 'Ahmed',
  'Popescu', 'Kowalski', 'Nguyen', 'Hoxha', 'Ben Ali', 'Sánchez', 'Lefèvre', 'Strauß', 'Æbelø', 'Iaia',
];
const NAMES = [
  'Mario', 'Giuseppe', 'Francesco', 'Antonio', 'Giovanni', 'Luca', 'Marco', 'Andrea', 'Alessandro',
  'Giulia', 'Anna', 'Maria', 'Francesca', 'Sara', 'Chiara', 'Laura', 'Valentina', 'Federica', 'Martina',
  'Niccolò', 'Nicolò', 'Mattia', 'Noè', 'Gioele', 'Zoë', 'José', 'François', 'Renée', 'Chloé', 'Ana',
  'Gian Luca', 'Anna Maria', 'Maria Teresa', 'Pier Paolo', 'Ugo', 'Eva', 'Ida', 'Ali', 'Bo', 'Yu',
  'Jürgen', 'Søren', 'Łukasz', 'Agnieszka', 'Mohamed', 'Fatima', 'Aurelio', 'Ettore', 'Ilaria', 'Oscar',
];

const places = listPlaces();
const foreign = places.filter((p) => p.kind === 'stato-estero');
const comuni = places.filter((p) => p.kind === 'comune');
const validOn = (p, d) => (p.validFrom === null || p.validFrom <= d) && (p.validTo === null || d <= p.validTo);

function randomDate() {
  const y = int(1920, 2020);
  const m = int(1, 12);
  const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const d = int(1, dim);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function randomPlace(date) {
  const list = rand() < 0.1 ? foreign : comuni;
  let p = pick(list);
  for (let i = 0; i < 20 && !validOn(p, date); i++) p = pick(list); // mostly existing on the birth date
  return p;
}

const VALID_COUNT = 2000;
const people = [];
const valid = []; // { code, person }
while (valid.length < VALID_COUNT) {
  const birthDate = randomDate();
  const place = randomPlace(birthDate);
  const person = {
    surname: rand() < 0.15 ? `${pick(SURNAMES)} ${pick(SURNAMES)}` : pick(SURNAMES),
    name: pick(NAMES),
    sex: rand() < 0.5 ? 'M' : 'F',
    birthDate,
    birthPlace: place.code,
  };
  const code = computeFiscalCode(person);
  people.push({ person, place });
  let issued = code;
  if (rand() < 0.05) {
    const variants = omocodeVariants(code);
    issued = rand() < 0.8 ? variants[int(0, 6)] : variants[int(7, 126)];
  }
  valid.push({ code: issued, kind: issued === code ? 'valid' : 'valid-omocode', truthLite: true, truthFull: true });
}

// Invalid codes of known kinds (ground truth for format + check character + date, and for places).
const ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
function check(c15) {
  let s = 0;
  for (let i = 0; i < 15; i++) {
    const c = c15.charCodeAt(i);
    const v = c <= 57 ? c - 48 : c - 65;
    s += i % 2 === 0 ? ODD[v] : v;
  }
  return String.fromCharCode(65 + (s % 26));
}
const withCheck = (c15) => c15 + check(c15);
const setAt = (s, i, str) => s.slice(0, i) + str + s.slice(i + str.length);

const INVALID_KINDS = {
  // kind: [make(validBaseCode) → code, truth lite (format+check+date), truth full (+ place known)]
  'bad-check': [(c) => setAt(c, 15, c[15] === 'A' ? 'B' : 'A'), false, false],
  'bad-day': [(c) => withCheck(setAt(c.slice(0, 15), 9, pick(['00', '32', '35', '39', '40', '72', '80', '99']))), false, false],
  'bad-date': [(c) => withCheck(setAt(setAt(c.slice(0, 15), 8, pick(['B', 'D', 'H', 'P', 'S'])), 9, pick(['31', '71']))), false, false],
  'feb-30': [(c) => withCheck(setAt(setAt(c.slice(0, 15), 8, 'B'), 9, pick(['30', '70']))), false, false],
  'bad-month': [(c) => withCheck(setAt(c.slice(0, 15), 8, pick(['F', 'G', 'I', 'O', 'Z']))), false, false],
  'bad-format': [(c) => withCheck(setAt(c.slice(0, 15), int(0, 5), pick(['1', '7']))), false, false],
  'bad-length': [(c) => c.slice(0, int(10, 15)), false, false],
  'unknown-place': [(c) => withCheck(setAt(c.slice(0, 15), 11, pick(['Z999', 'Z000', 'Y123', 'Z899']))), true, false],
};
const kinds = Object.keys(INVALID_KINDS);
const invalid = [];
const INVALID_COUNT = Math.round(VALID_COUNT / 9); // ~10 % of the pool
for (let i = 0; i < INVALID_COUNT; i++) {
  const kind = kinds[i % kinds.length];
  const [make, truthLite, truthFull] = INVALID_KINDS[kind];
  const base = computeFiscalCode(pick(people).person);
  invalid.push({ code: make(base), kind, truthLite, truthFull });
}

// Shuffle valid + invalid together.
const pool = [...valid, ...invalid];
for (let i = pool.length - 1; i > 0; i--) {
  const j = Math.floor(rand() * (i + 1));
  [pool[i], pool[j]] = [pool[j], pool[i]];
}
// Fresh flat strings, as codes arrive from a form, a file or a database (computeFiscalCode's
// results are concatenations, i.e. V8 cons strings).
const flat = (s) => Buffer.from(s, 'latin1').toString('latin1');
for (const e of pool) e.code = flat(e.code); // also updates `valid` (same objects)
const codes = pool.map((e) => e.code);

// ---------------------------------------------------------------------------------------------
// Agreement checks (correctness before speed)
// ---------------------------------------------------------------------------------------------

function safe(fn) {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    return { ok: false, error: e };
  }
}
const fold = (s) => String(s).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/[^A-Z0-9]/g, '');

console.log(`# @riuso-sociale/fiscal-code benchmark — node ${process.version}, ${process.platform}/${process.arch}`);
console.log(`pool: ${pool.length} codes = ${valid.length} valid (${valid.filter((v) => v.kind === 'valid-omocode').length} omocodic) + ${invalid.length} invalid (${kinds.join(', ')}); seed 0xc0d1ce`);

// Validate: ours (lite, full) and codice-fiscale-js check vs the ground truth of each code.
{
  let liteWrong = 0, fullWrong = 0, peerWrong = 0, disagree = 0, disagreePeerRight = 0;
  const peerWrongByKind = {};
  for (const e of pool) {
    const lite = validateLite(e.code).ok;
    const full = validateFull(e.code).ok;
    const peer = CodiceFiscale.check(e.code);
    if (lite !== e.truthLite) liteWrong++;
    if (full !== e.truthFull) fullWrong++;
    if (peer !== e.truthLite) {
      peerWrong++;
      peerWrongByKind[e.kind] = (peerWrongByKind[e.kind] ?? 0) + 1;
    }
    if (lite !== peer) {
      disagree++;
      if (peer === e.truthLite) disagreePeerRight++;
    }
  }
  console.log('\n## Agreement\n');
  console.log(`validate: ours lite wrong ${liteWrong}, ours full wrong ${fullWrong} (of ${pool.length}, vs the kind each code was built as)`);
  console.log(`validate: ours lite vs codice-fiscale-js check disagree on ${disagree} codes; where the peer is right: ${disagreePeerRight}; peer wrong by kind: ${JSON.stringify(peerWrongByKind)} (check() reads no date)`);
}

// Decode subset: valid codes every decoder accepts (the peers' place tables differ from ours).
const validCodes = valid.map((v) => v.code);
const decodeSet = [];
{
  let cfjsFail = 0, mkFail = 0, cfjsDisagree = 0, cfjsPlaceName = 0, mkDisagree = 0;
  const examples = [];
  for (const code of validCodes) {
    const ours = decodeFiscalCode(code);
    const yy = Number(ours.canonical.slice(6, 8));
    const peer = safe(() => CodiceFiscale.computeInverse(code));
    const mk = await marketto.parser.cfDecode(code).then((v) => ({ ok: v?.place != null, value: v }), (e) => ({ ok: false, error: e }));
    if (!peer.ok) cfjsFail++;
    if (!mk.ok) mkFail++;
    const [, m, d] = (ours.birthDate ?? ours.birthDateCandidates[0] ?? '0000-00-00').split('-').map(Number);
    if (peer.ok) {
      const p = peer.value;
      const same = p.gender === ours.sex && p.day === d && p.month === m && p.year % 100 === yy;
      if (!same) {
        cfjsDisagree++;
        if (examples.length < 3) examples.push(`${code}: ours ${ours.sex} ${ours.birthDate} / cfjs ${p.gender} ${p.birthday}`);
      } else if (fold(p.birthplace) !== fold(ours.birthPlace?.name)) cfjsPlaceName++;
    }
    if (mk.ok) {
      const v = mk.value;
      const same = v.gender === ours.sex && v.day === d && v.month + 1 === m && v.year % 100 === yy && v.place.belfioreCode === ours.birthPlace?.code;
      if (!same) {
        mkDisagree++;
        if (examples.length < 6) examples.push(`${code}: ours ${ours.sex} ${ours.birthDate} ${ours.birthPlace?.code} / marketto ${v.gender} ${v.year}-${v.month + 1}-${v.day} ${v.place.belfioreCode}`);
      }
    }
    if (peer.ok && mk.ok) decodeSet.push(code);
  }
  console.log(`decode: ${decodeSet.length}/${validCodes.length} valid codes decoded by both peers (codice-fiscale-js threw on ${cfjsFail}: place code missing from its table; Marketto gave no place/threw on ${mkFail})`);
  console.log(`decode: sex/day/month/yy disagreements — codice-fiscale-js ${cfjsDisagree}, Marketto (also place code) ${mkDisagree}; codice-fiscale-js birthplace name differs (same date) on ${cfjsPlaceName} (source naming: e.g. bilingual names, renamed comuni)`);
  for (const x of examples) console.log(`  e.g. ${x}`);
}

// Compute subset: people every encoder accepts, by Belfiore code and by name.
const computeSet = [];
{
  let oursNameFail = 0, cfjsNameFail = 0, cfjsCodeFail = 0, mkFail = 0, cfjsDiff = 0, mkDiff = 0;
  const examples = [];
  for (const { person, place } of people) {
    const ours = computeFiscalCode(person);
    const [year, month, day] = person.birthDate.split('-').map(Number);
    const byName = { ...person, birthPlace: place.province === null ? { name: place.name } : { name: place.name, province: place.province } };
    const oursByName = safe(() => computeFiscalCode(byName));
    const cfjsName = { name: person.name, surname: person.surname, gender: person.sex, day, month, year, birthplace: place.name, birthplaceProvincia: place.province ?? 'EE' };
    const cfjsCode = { ...cfjsName, birthplace: place.code, birthplaceProvincia: undefined };
    const mkInput = { lastName: person.surname, firstName: person.name, year, month: month - 1, day, gender: person.sex, place: place.code };
    const pName = safe(() => CodiceFiscale.compute(cfjsName));
    const pCode = safe(() => CodiceFiscale.compute(cfjsCode));
    const mk = await marketto.parser.encodeCf(mkInput).then((v) => ({ ok: typeof v === 'string', value: v }), (e) => ({ ok: false, error: e }));
    const nameOk = oursByName.ok && oursByName.value === ours;
    if (!nameOk) oursNameFail++;
    if (!pName.ok) cfjsNameFail++;
    if (!pCode.ok) cfjsCodeFail++;
    if (!mk.ok) mkFail++;
    if (pCode.ok && pCode.value !== ours) {
      cfjsDiff++;
      if (examples.length < 3) examples.push(`${person.surname} / ${person.name}: ours ${ours}, codice-fiscale-js ${pCode.value}`);
    }
    if (mk.ok && mk.value !== ours) {
      mkDiff++;
      if (examples.length < 6) examples.push(`${person.surname} / ${person.name}: ours ${ours}, Marketto ${mk.value}`);
    }
    if (nameOk && pName.ok && pCode.ok && mk.ok) computeSet.push({ ours, byCode: person, byName, cfjsName, cfjsCode, mkInput });
  }
  console.log(`compute: ${computeSet.length}/${people.length} people computed by all (ours by name failed/differed ${oursNameFail} [name+province ambiguous or renamed]; codice-fiscale-js threw by name ${cfjsNameFail}, by code ${cfjsCodeFail}; Marketto null/threw ${mkFail})`);
  console.log(`compute: different codes — codice-fiscale-js ${cfjsDiff} (it drops letters outside A–Z instead of folding them: Łukasz → KSZ, Çelik → LK…, Dvořák → DVK), Marketto ${mkDiff}`);
  for (const x of examples) console.log(`  e.g. ${x}`);
}

// ---------------------------------------------------------------------------------------------
// Throughput
// ---------------------------------------------------------------------------------------------

let sink = 0;
const bench = new Bench({ time: 700, warmupTime: 150, iterations: 5, warmupIterations: 3, throws: true });

// One op = one pass over `items` (or, for slow async peers, the next `chunk` items, cycling).
const tasks = [];
function add(name, items, fn, { chunk = items.length, async = false } = {}) {
  let cursor = 0;
  const n = Math.min(chunk, items.length);
  const op = async
    ? async () => {
        for (let i = 0; i < n; i++) {
          const r = await fn(items[cursor]);
          if (r) sink++;
          if (++cursor === items.length) cursor = 0;
        }
      }
    : () => {
        for (let i = 0; i < n; i++) {
          const r = fn(items[cursor]);
          if (r) sink++;
          if (++cursor === items.length) cursor = 0;
        }
      };
  bench.add(name, op);
  tasks.push({ name, perOp: n });
}

add('ours lite validateFiscalCode', codes, (c) => validateLite(c).ok);
add('ours full validateFiscalCode', codes, (c) => validateFull(c).ok);
add('cfjs CodiceFiscale.check', codes, (c) => CodiceFiscale.check(c));
add('ours decodeFiscalCode', decodeSet, (c) => decodeFiscalCode(c).birthPlace);
add('cfjs CodiceFiscale.computeInverse', decodeSet, (c) => CodiceFiscale.computeInverse(c).birthplace);
add('marketto parser.cfDecode (awaited)', decodeSet, (c) => marketto.parser.cfDecode(c), { chunk: 40, async: true });
add('ours computeFiscalCode (place by name)', computeSet, (p) => computeFiscalCode(p.byName));
add('cfjs CodiceFiscale.compute (place by name)', computeSet, (p) => CodiceFiscale.compute(p.cfjsName));
add('ours computeFiscalCode (place by code)', computeSet, (p) => computeFiscalCode(p.byCode));
add('cfjs CodiceFiscale.compute (place by code)', computeSet, (p) => CodiceFiscale.compute(p.cfjsCode));
add('marketto parser.encodeCf (awaited, by code)', computeSet, (p) => marketto.parser.encodeCf(p.mkInput), { chunk: 40, async: true });

await bench.run();

const rate = {};
console.log('\n## Raw tasks (ops/s = codes or people per second, from the median time of one op)\n');
for (const [i, task] of bench.tasks.entries()) {
  const r = task.result;
  if (r.state !== 'completed') throw new Error(`${task.name}: ${r.state} ${r.error ?? ''}`);
  const perSec = (tasks[i].perOp * 1000) / r.latency.p50;
  rate[task.name] = perSec;
  console.log(`${task.name.padEnd(46)} ${fmt(perSec).padStart(12)} /s  (${tasks[i].perOp} per op, ${r.latency.samplesCount ?? r.latency.df + 1} samples, ±${r.latency.rme.toFixed(1)} %)`);
}

function fmt(n) {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : n.toFixed(0);
}

const rows = [
  ['validate (lite) vs cfjs check', 'ours lite validateFiscalCode', 'cfjs CodiceFiscale.check', 5],
  ['validate (full, places) vs cfjs check', 'ours full validateFiscalCode', 'cfjs CodiceFiscale.check', 2],
  ['decode vs cfjs computeInverse', 'ours decodeFiscalCode', 'cfjs CodiceFiscale.computeInverse', 100],
  ['decode vs Marketto cfDecode (async)', 'ours decodeFiscalCode', 'marketto parser.cfDecode (awaited)', null],
  ['compute by name vs cfjs compute', 'ours computeFiscalCode (place by name)', 'cfjs CodiceFiscale.compute (place by name)', 20],
  ['compute by code vs cfjs compute', 'ours computeFiscalCode (place by code)', 'cfjs CodiceFiscale.compute (place by code)', 20],
  ['compute by code vs Marketto encodeCf (async)', 'ours computeFiscalCode (place by code)', 'marketto parser.encodeCf (awaited, by code)', null],
];
console.log(`\n## Results (pool: validate ${codes.length} codes, decode ${decodeSet.length} codes, compute ${computeSet.length} people)\n`);
const head = `${'task'.padEnd(46)} ${'ours ops/s'.padStart(12)} ${'peer ops/s'.padStart(12)} ${'ratio'.padStart(9)} ${'target'.padStart(8)}  result`;
console.log(head);
console.log('-'.repeat(head.length));
let misses = 0;
for (const [label, ours, peer, target] of rows) {
  const ratio = rate[ours] / rate[peer];
  const verdict = target === null ? 'info' : ratio >= target ? 'PASS' : 'MISS';
  if (verdict === 'MISS') misses++;
  console.log(
    `${label.padEnd(46)} ${fmt(rate[ours]).padStart(12)} ${fmt(rate[peer]).padStart(12)} ${(ratio.toFixed(1) + '×').padStart(9)} ${(target === null ? '—' : `≥ ${target}×`).padStart(8)}  ${verdict}`,
  );
}
console.log(`\n${misses === 0 ? 'all throughput targets met' : `${misses} throughput target(s) missed`} (sink ${sink % 1000}); bench time ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// ---------------------------------------------------------------------------------------------
// Bundle size and import time, in a fresh process
// ---------------------------------------------------------------------------------------------
const child = spawnSync(process.execPath, [join(here, 'bundle-size.mjs')], { stdio: 'inherit' });
if (child.status !== 0) {
  console.error(`bundle-size.mjs failed (status ${child.status}, signal ${child.signal})`);
  process.exit(1);
}
console.log(`\ntotal time ${((performance.now() - t0) / 1000).toFixed(1)} s`);
