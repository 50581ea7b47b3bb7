// SPDX-License-Identifier: BSD-3-Clause
/**
 * The same table of command lines, run against every CLI of the suite: exit code, first line of
 * standard error, beginning of standard output. It was recorded with the hand-written parser before
 * the CLIs moved to Node's `util.parseArgs`, and the new parser must give the same results. The rows
 * that changed with the move say so in a comment with the old outcome: a value given to a switch is
 * now "--json non accetta un valore" instead of "opzione sconosciuta: --json"; an option followed by
 * another option or a `-x` word no longer takes it as its value ("manca il valore di --out (un valore
 * che inizia con "-" si scrive --out=--force)"); `--` ends the options instead of being unknown.
 *
 * Each CLI's source is bundled with esbuild (source export condition, so no build is needed) and its
 * `runCli` is called in-process with an injected I/O.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const CLIS = {
  'codice-fiscale': 'packages/fiscal-code/src',
  siuss: 'packages/siuss-schema/src',
  eligibility: 'packages/rei-eligibility/src',
  'csi-store': 'packages/csi-store/src',
  'siuss-waas': 'packages/siuss-waas/src',
} as const;
type CliName = keyof typeof CLIS;

/** What a row expects: exit code, first line of stderr (`''` when none), first line of stdout cut to 60 characters. */
interface Outcome {
  readonly code: number;
  readonly err: string;
  readonly out: string;
}

type RunCli = (argv: readonly string[], io: unknown) => Promise<number>;
const runners = new Map<CliName, RunCli>();
let dir = '';

beforeAll(async () => {
  const { build } = await import('esbuild');
  // Inside the repository, so that the dependencies left external resolve from its node_modules.
  dir = mkdtempSync(join(root, 'node_modules', '.cli-argument-table-'));
  for (const [name, src] of Object.entries(CLIS) as [CliName, string][]) {
    const result = await build({
      stdin: { contents: "export { runCli } from './cli.js';", resolveDir: join(root, src), loader: 'ts' },
      bundle: true, format: 'esm', platform: 'node', write: false, conditions: ['@riuso-sociale/source'], logLevel: 'silent',
      plugins: [{
        name: 'external-dependencies',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (a) => (a.path.startsWith('@riuso-sociale/') ? undefined : { path: a.path, external: true }));
        },
      }],
    });
    const file = join(dir, `${name}.mjs`);
    writeFileSync(file, result.outputFiles[0]?.text ?? '');
    runners.set(name, ((await import(pathToFileURL(file).href)) as { runCli: RunCli }).runCli);
  }
}, 120_000);

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

async function run(cli: CliName, argv: readonly string[]): Promise<Outcome> {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    out: (t: string) => out.push(t),
    err: (t: string) => err.push(t),
    env: { CODICE_FISCALE_TAG_KEY: 'argument-table-key-of-32-characters' },
    stdinLines: () => null,
    stdin: () => (async function* () {})(),
  };
  const code = await (runners.get(cli) as RunCli)(argv, io);
  const first = (lines: string[]): string => (lines.join('\n').split('\n')[0] ?? '').replaceAll(root, '');
  return { code, err: first(err), out: first(out).slice(0, 60) };
}

const fixture = (path: string): string => join(root, path);
const household = fixture('packages/rei-eligibility/src/fixtures/cli/adi-eligible.json');
const noFile = join(root, 'node_modules', '.cli-argument-table-missing', 'nope.xml');

/** The argument table: `[cli, argv, expected]`. */
const TABLE: readonly (readonly [CliName, readonly string[], Outcome])[] = [
  ["codice-fiscale", [], {"code":2,"err":"","out":"codice-fiscale — calcola, valida e decodifica codici fiscali"}],
  ["codice-fiscale", ["--help"], {"code":0,"err":"","out":"codice-fiscale — calcola, valida e decodifica codici fiscali"}],
  ["codice-fiscale", ["-h"], {"code":0,"err":"","out":"codice-fiscale — calcola, valida e decodifica codici fiscali"}],
  ["codice-fiscale", ["--version"], {"code":0,"err":"","out":"dev"}],
  ["codice-fiscale", ["--lang","en","--help"], {"code":0,"err":"","out":"codice-fiscale — calcola, valida e decodifica codici fiscali"}],
  ["codice-fiscale", ["--lang=en","--version"], {"code":0,"err":"","out":"dev"}],
  ["codice-fiscale", ["--lang","de","--version"], {"code":2,"err":"codice-fiscale: --lang it|en","out":""}],
  ["codice-fiscale", ["--lang"], {"code":2,"err":"codice-fiscale: manca il valore di --lang","out":""}],
  ["codice-fiscale", ["--bogus"], {"code":2,"err":"codice-fiscale: opzione sconosciuta: --bogus","out":""}],
  ["codice-fiscale", ["--bogus","--lang","en"], {"code":2,"err":"codice-fiscale: unknown option: --bogus","out":""}],
  ["codice-fiscale", ["--lang=en","-x"], {"code":2,"err":"codice-fiscale: unknown option: -x","out":""}],
  // changed with parseArgs — was: exit 2, 'codice-fiscale: opzione sconosciuta: --help'
  ["codice-fiscale", ["--help=yes"], {"code":2,"err":"codice-fiscale: --help non accetta un valore","out":""}],
  // changed with parseArgs — was: exit 2, 'codice-fiscale: unknown option: --version'
  ["codice-fiscale", ["--version=1","--lang","en"], {"code":2,"err":"codice-fiscale: --version takes no value","out":""}],
  ["codice-fiscale", ["--no-help"], {"code":2,"err":"codice-fiscale: opzione sconosciuta: --no-help","out":""}],
  ["codice-fiscale", ["nope"], {"code":2,"err":"codice-fiscale: comando sconosciuto: nope (comandi: validate, decode, compute)","out":""}],
  ["codice-fiscale", ["nope","--lang","en"], {"code":2,"err":"codice-fiscale: unknown command: nope (commands: validate, decode, compute)","out":""}],
  ["siuss", [], {"code":2,"err":"","out":"siuss — valida e converte flussi SIUSS (PS-PSA-SINA, SINBA) "}],
  ["siuss", ["--help"], {"code":0,"err":"","out":"siuss — valida e converte flussi SIUSS (PS-PSA-SINA, SINBA) "}],
  ["siuss", ["-h"], {"code":0,"err":"","out":"siuss — valida e converte flussi SIUSS (PS-PSA-SINA, SINBA) "}],
  ["siuss", ["--version"], {"code":0,"err":"","out":"dev"}],
  ["siuss", ["--lang","en","--help"], {"code":0,"err":"","out":"siuss — valida e converte flussi SIUSS (PS-PSA-SINA, SINBA) "}],
  ["siuss", ["--lang=en","--version"], {"code":0,"err":"","out":"dev"}],
  ["siuss", ["--lang","de","--version"], {"code":2,"err":"siuss: --lang it|en","out":""}],
  ["siuss", ["--lang"], {"code":2,"err":"siuss: manca il valore di --lang","out":""}],
  ["siuss", ["--bogus"], {"code":2,"err":"siuss: opzione sconosciuta: --bogus","out":""}],
  ["siuss", ["--bogus","--lang","en"], {"code":2,"err":"siuss: unknown option: --bogus","out":""}],
  ["siuss", ["--lang=en","-x"], {"code":2,"err":"siuss: unknown option: -x","out":""}],
  // changed with parseArgs — was: exit 2, 'siuss: opzione sconosciuta: --help'
  ["siuss", ["--help=yes"], {"code":2,"err":"siuss: --help non accetta un valore","out":""}],
  // changed with parseArgs — was: exit 2, 'siuss: unknown option: --version'
  ["siuss", ["--version=1","--lang","en"], {"code":2,"err":"siuss: --version takes no value","out":""}],
  ["siuss", ["--no-help"], {"code":2,"err":"siuss: opzione sconosciuta: --no-help","out":""}],
  ["siuss", ["nope"], {"code":2,"err":"siuss: comando sconosciuto: nope (comandi: validate, to-json, from-json, split-cooperazione)","out":""}],
  ["siuss", ["nope","--lang","en"], {"code":2,"err":"siuss: unknown command: nope (commands: validate, to-json, from-json, split-cooperazione)","out":""}],
  ["eligibility", [], {"code":2,"err":"","out":"eligibility — requisiti e importi di REI, RdC/PdC, ADI e SFL"}],
  ["eligibility", ["--help"], {"code":0,"err":"","out":"eligibility — requisiti e importi di REI, RdC/PdC, ADI e SFL"}],
  ["eligibility", ["-h"], {"code":0,"err":"","out":"eligibility — requisiti e importi di REI, RdC/PdC, ADI e SFL"}],
  ["eligibility", ["--version"], {"code":0,"err":"","out":"dev"}],
  ["eligibility", ["--lang","en","--help"], {"code":0,"err":"","out":"eligibility — requisiti e importi di REI, RdC/PdC, ADI e SFL"}],
  ["eligibility", ["--lang=en","--version"], {"code":0,"err":"","out":"dev"}],
  ["eligibility", ["--lang","de","--version"], {"code":2,"err":"eligibility: --lang it|en","out":""}],
  ["eligibility", ["--lang"], {"code":2,"err":"eligibility: manca il valore di --lang","out":""}],
  ["eligibility", ["--bogus"], {"code":2,"err":"eligibility: opzione sconosciuta: --bogus","out":""}],
  ["eligibility", ["--bogus","--lang","en"], {"code":2,"err":"eligibility: unknown option: --bogus","out":""}],
  ["eligibility", ["--lang=en","-x"], {"code":2,"err":"eligibility: unknown option: -x","out":""}],
  // changed with parseArgs — was: exit 2, 'eligibility: opzione sconosciuta: --help'
  ["eligibility", ["--help=yes"], {"code":2,"err":"eligibility: --help non accetta un valore","out":""}],
  // changed with parseArgs — was: exit 2, 'eligibility: unknown option: --version'
  ["eligibility", ["--version=1","--lang","en"], {"code":2,"err":"eligibility: --version takes no value","out":""}],
  ["eligibility", ["--no-help"], {"code":2,"err":"eligibility: opzione sconosciuta: --no-help","out":""}],
  ["eligibility", ["nope"], {"code":2,"err":"eligibility: comando sconosciuto: nope (comandi: evaluate, scale)","out":""}],
  ["eligibility", ["nope","--lang","en"], {"code":2,"err":"eligibility: unknown command: nope (commands: evaluate, scale)","out":""}],
  ["csi-store", [], {"code":2,"err":"","out":"csi-store — la Cartella Sociale Informatizzata su PostgreSQL"}],
  ["csi-store", ["--help"], {"code":0,"err":"","out":"csi-store — la Cartella Sociale Informatizzata su PostgreSQL"}],
  ["csi-store", ["-h"], {"code":0,"err":"","out":"csi-store — la Cartella Sociale Informatizzata su PostgreSQL"}],
  ["csi-store", ["--version"], {"code":0,"err":"","out":"dev"}],
  ["csi-store", ["--lang","en","--help"], {"code":0,"err":"","out":"csi-store — the Cartella Sociale Informatizzata on PostgreSQ"}],
  ["csi-store", ["--lang=en","--version"], {"code":0,"err":"","out":"dev"}],
  ["csi-store", ["--lang","de","--version"], {"code":2,"err":"csi-store: --lang it|en","out":""}],
  ["csi-store", ["--lang"], {"code":2,"err":"csi-store: manca il valore di --lang","out":""}],
  ["csi-store", ["--bogus"], {"code":2,"err":"csi-store: opzione sconosciuta: --bogus","out":""}],
  ["csi-store", ["--bogus","--lang","en"], {"code":2,"err":"csi-store: unknown option: --bogus","out":""}],
  ["csi-store", ["--lang=en","-x"], {"code":2,"err":"csi-store: unknown option: -x","out":""}],
  // changed with parseArgs — was: exit 2, 'csi-store: opzione sconosciuta: --help'
  ["csi-store", ["--help=yes"], {"code":2,"err":"csi-store: --help non accetta un valore","out":""}],
  // changed with parseArgs — was: exit 2, 'csi-store: unknown option: --version'
  ["csi-store", ["--version=1","--lang","en"], {"code":2,"err":"csi-store: --version takes no value","out":""}],
  ["csi-store", ["--no-help"], {"code":2,"err":"csi-store: opzione sconosciuta: --no-help","out":""}],
  ["csi-store", ["nope"], {"code":2,"err":"csi-store: comando sconosciuto: nope","out":""}],
  ["csi-store", ["nope","--lang","en"], {"code":2,"err":"csi-store: unknown command: nope","out":""}],
  ["siuss-waas", [], {"code":2,"err":"","out":"siuss-waas — l'endpoint WaaS del Comune che INPS chiama su P"}],
  ["siuss-waas", ["--help"], {"code":0,"err":"","out":"siuss-waas — l'endpoint WaaS del Comune che INPS chiama su P"}],
  ["siuss-waas", ["-h"], {"code":0,"err":"","out":"siuss-waas — l'endpoint WaaS del Comune che INPS chiama su P"}],
  ["siuss-waas", ["--version"], {"code":0,"err":"","out":"dev"}],
  ["siuss-waas", ["--lang","en","--help"], {"code":0,"err":"","out":"siuss-waas — the Comune's WaaS endpoint INPS calls on PDND ("}],
  ["siuss-waas", ["--lang=en","--version"], {"code":0,"err":"","out":"dev"}],
  ["siuss-waas", ["--lang","de","--version"], {"code":2,"err":"siuss-waas: --lang it|en","out":""}],
  ["siuss-waas", ["--lang"], {"code":2,"err":"siuss-waas: manca il valore di --lang","out":""}],
  ["siuss-waas", ["--bogus"], {"code":2,"err":"siuss-waas: opzione sconosciuta: --bogus","out":""}],
  ["siuss-waas", ["--bogus","--lang","en"], {"code":2,"err":"siuss-waas: unknown option: --bogus","out":""}],
  ["siuss-waas", ["--lang=en","-x"], {"code":2,"err":"siuss-waas: unknown option: -x","out":""}],
  // changed with parseArgs — was: exit 2, 'siuss-waas: opzione sconosciuta: --help'
  ["siuss-waas", ["--help=yes"], {"code":2,"err":"siuss-waas: --help non accetta un valore","out":""}],
  // changed with parseArgs — was: exit 2, 'siuss-waas: unknown option: --version'
  ["siuss-waas", ["--version=1","--lang","en"], {"code":2,"err":"siuss-waas: --version takes no value","out":""}],
  ["siuss-waas", ["--no-help"], {"code":2,"err":"siuss-waas: opzione sconosciuta: --no-help","out":""}],
  ["siuss-waas", ["nope"], {"code":2,"err":"siuss-waas: comando sconosciuto: nope","out":""}],
  ["siuss-waas", ["nope","--lang","en"], {"code":2,"err":"siuss-waas: unknown command: nope","out":""}],
  ["codice-fiscale", ["validate","RSSMRA80A01H501U","--reference-date","2026-11-27","--show-codes"], {"code":0,"err":"","out":"1\tOK\tRSSMRA80A01H501U"}],
  ["codice-fiscale", ["validate","RSSMRA80A01H501U","--reference-date=2026-11-27","--show-codes","--json"], {"code":0,"err":"1 codice: 1 valido (0 con avvisi), 0 non validi","out":"{\"line\":1,\"code\":\"RSSMRA80A01H501U\",\"valid\":true,\"kind\":\"per"}],
  ["codice-fiscale", ["validate","RSSMRA80A01H501U","--reference-date"], {"code":2,"err":"codice-fiscale: manca il valore di --reference-date","out":""}],
  // changed with parseArgs — was: exit 2, 'codice-fiscale: opzione sconosciuta: --json'
  ["codice-fiscale", ["validate","RSSMRA80A01H501U","--json=true"], {"code":2,"err":"codice-fiscale: --json non accetta un valore","out":""}],
  ["codice-fiscale", ["validate","RSSMRA80A01H501U","--no-json"], {"code":2,"err":"codice-fiscale: opzione sconosciuta: --no-json","out":""}],
  ["codice-fiscale", ["validate","RSSMRA80A01H501U","--strict-place","--show-codes","--lang","en"], {"code":0,"err":"","out":"1\tOK\tRSSMRA80A01H501U"}],
  ["codice-fiscale", ["validate"], {"code":2,"err":"codice-fiscale: nessun codice: passarli come argomenti o su stdin","out":""}],
  ["codice-fiscale", ["validate","--lang","en"], {"code":2,"err":"codice-fiscale: no codes: pass them as arguments or on stdin","out":""}],
  ["codice-fiscale", ["validate","-"], {"code":1,"err":"","out":"1\tERRORE\t*#cqfc2n\tcf.length: Il codice fiscale ha 1 caratter"}],
  ["codice-fiscale", ["decode"], {"code":2,"err":"codice-fiscale: decode vuole un codice","out":""}],
  ["codice-fiscale", ["decode","RSSMRA80A01H501U","--show-codes","--reference-date","2026-11-27"], {"code":0,"err":"","out":"codice:          RSSMRA80A01H501U"}],
  ["codice-fiscale", ["decode","RSSMRA80A01H501U","--show-codes","--json"], {"code":0,"err":"","out":"{"}],
  ["codice-fiscale", ["compute","--surname","Rossi","--name","Mario","--sex","M","--birth-date","1980-01-01","--birth-place","H501"], {"code":0,"err":"","out":"RSSMRA80A01H501U"}],
  ["codice-fiscale", ["compute","--surname=Rossi","--name=Mario","--sex=M","--birth-date=1980-01-01","--birth-place=Roma","--province=RM","--json"], {"code":0,"err":"","out":"{\"code\":\"RSSMRA80A01H501U\"}"}],
  ["codice-fiscale", ["compute","--surname","Rossi"], {"code":2,"err":"codice-fiscale: manca --birth-place","out":""}],
  ["codice-fiscale", ["compute","--birth-place","H501","--sex","X"], {"code":2,"err":"codice-fiscale: --sex: M o F, non \"X\"","out":""}],
  ["codice-fiscale", ["compute","--birth-place","H501","--sex"], {"code":2,"err":"codice-fiscale: manca il valore di --sex","out":""}],
  ["codice-fiscale", ["RSSMRA80A01H501U"], {"code":2,"err":"codice-fiscale: comando sconosciuto: RSSMRA******501U#9dykdz (comandi: validate, decode, compute)","out":""}],
  // changed with parseArgs — was: exit 2, 'codice-fiscale: opzione sconosciuta: --'
  ["codice-fiscale", ["validate","--","--json"], {"code":1,"err":"","out":"1\tERRORE\t--****#9jdegz\tcf.length: Il codice fiscale ha 6 car"}],
  // changed with parseArgs — was: exit 1, 'cf.input: Dati della persona mancanti o non validi: surname'
  ["codice-fiscale", ["compute","--birth-place","-x"], {"code":2,"err":"codice-fiscale: manca il valore di --birth-place (un valore che inizia con \"-\" si scrive --birth-place=-x)","out":""}],
  ["siuss", ["validate"], {"code":2,"err":"siuss: nessun file","out":""}],
  ["siuss", ["validate",noFile], {"code":2,"err":"node_modules/.cli-argument-table-missing/nope.xml: file non leggibile (ENOENT)","out":""}],
  ["siuss", ["validate","-"], {"code":1,"err":"","out":"-:1: errore siuss.xml.syntax — XML non ben formato alla riga"}],
  ["siuss", ["validate",noFile,"--mode","x"], {"code":2,"err":"siuss: --mode upload|cooperazione","out":""}],
  ["siuss", ["validate",noFile,"--mode=cooperazione","--max-issues","many"], {"code":2,"err":"siuss: --max-issues: un intero ≥ 0","out":""}],
  ["siuss", ["validate",noFile,"--max-issues"], {"code":2,"err":"siuss: manca il valore di --max-issues","out":""}],
  ["siuss", ["validate",noFile,"--out","x"], {"code":2,"err":"siuss: --out: non valida per validate","out":""}],
  ["siuss", ["validate",noFile,"--json","--strict","--xsd-only","--lang","en"], {"code":2,"err":"node_modules/.cli-argument-table-missing/nope.xml: cannot read the file (ENOENT)","out":""}],
  // changed with parseArgs — was: exit 2, 'siuss: opzione sconosciuta: --strict'
  ["siuss", ["validate",noFile,"--strict=1"], {"code":2,"err":"siuss: --strict non accetta un valore","out":""}],
  ["siuss", ["to-json"], {"code":2,"err":"siuss: to-json vuole un file","out":""}],
  ["siuss", ["to-json",noFile,"--mask-cf"], {"code":2,"err":"lettura o scrittura impossibile: node_modules/.cli-argument-table-missing/nope.xml: ENOENT","out":""}],
  ["siuss", ["to-json",noFile,"--json"], {"code":2,"err":"siuss: --json: non valida per to-json","out":""}],
  ["siuss", ["from-json",noFile,"--mask-cf"], {"code":2,"err":"siuss: --mask-cf: non valida per from-json","out":""}],
  ["siuss", ["split-cooperazione",noFile], {"code":2,"err":"siuss: manca --out DIR","out":""}],
  ["siuss", ["split-cooperazione",noFile,"--out"], {"code":2,"err":"siuss: manca il valore di --out","out":""}],
  ["siuss", ["split-cooperazione",noFile,"--out","/tmp","--start","0"], {"code":2,"err":"siuss: --start: un intero ≥ 1","out":""}],
  ["siuss", ["split-cooperazione",noFile,"--out","/tmp","--date","1.1.2025"], {"code":2,"err":"siuss: --date AAAA-MM-GG","out":""}],
  // changed with parseArgs — was: exit 2, 'lettura o scrittura impossibile: node_modules/.cli-argument-table-missing/nope.xml: ENOENT'
  ["siuss", ["split-cooperazione",noFile,"--out","--force"], {"code":2,"err":"siuss: manca il valore di --out (un valore che inizia con \"-\" si scrive --out=--force)","out":""}],
  // changed with parseArgs — was: exit 2, 'siuss: --max-issues: un intero ≥ 0'
  ["siuss", ["validate",noFile,"--max-issues","-1"], {"code":2,"err":"siuss: manca il valore di --max-issues (un valore che inizia con \"-\" si scrive --max-issues=-1)","out":""}],
  ["siuss", ["validate",noFile,"--max-issues=-1"], {"code":2,"err":"siuss: --max-issues: un intero ≥ 0","out":""}],
  ["eligibility", ["evaluate"], {"code":2,"err":"eligibility: evaluate vuole un file NUCLEO.json (o \"-\")","out":""}],
  ["eligibility", ["evaluate",household], {"code":2,"err":"eligibility: manca --date AAAA-MM-GG: la data è obbligatoria (nessun \"oggi\" implicito)","out":""}],
  ["eligibility", ["evaluate",household,"--date","2025-03-01"], {"code":2,"err":"eligibility: manca --measure (o --all)","out":""}],
  ["eligibility", ["evaluate",household,"--date","2025-02-30","--measure","adi"], {"code":2,"err":"eligibility: --date: data non valida, atteso AAAA-MM-GG","out":""}],
  ["eligibility", ["evaluate",household,"--date","2025-03-01","--measure","xyz"], {"code":2,"err":"eligibility: --measure: misura sconosciuta, una tra rei|rdc|pdc|adi|sfl","out":""}],
  ["eligibility", ["evaluate",household,"--date","2025-03-01","--measure","ADI"], {"code":0,"err":"","out":"Misura: Assegno di inclusione (ADI)"}],
  ["eligibility", ["evaluate",household,"--date=2025-03-01","--measure=adi","--json"], {"code":0,"err":"","out":"{"}],
  ["eligibility", ["evaluate",household,"--date","2025-03-01","--all"], {"code":0,"err":"","out":"Misure in vigore il 1° marzo 2025: ADI, SFL"}], // dates in words since issue 16 §1,
  ["eligibility", ["evaluate",household,"--date","2025-03-01","--all","--lang","en"], {"code":0,"err":"","out":"Measures in force on 1 March 2025: ADI, SFL"}], // dates in words since issue 16 §1,
  ["eligibility", ["evaluate",household,"--date","2025-03-01","--all","--measure","adi"], {"code":2,"err":"eligibility: --all e --measure insieme: indicane uno solo","out":""}],
  ["eligibility", ["evaluate",household,"--date","2025-03-01","--scale","adi"], {"code":2,"err":"eligibility: --scale: non valida per evaluate","out":""}],
  ["eligibility", ["evaluate",household,"--date"], {"code":2,"err":"eligibility: manca il valore di --date","out":""}],
  // changed with parseArgs — was: exit 2, 'eligibility: opzione sconosciuta: --all'
  ["eligibility", ["evaluate",household,"--date","2025-03-01","--all=yes"], {"code":2,"err":"eligibility: --all non accetta un valore","out":""}],
  ["eligibility", ["evaluate","-","--date","2025-03-01","--all"], {"code":2,"err":"-: JSON non valido (il testo finisce troppo presto)","out":""}],
  ["eligibility", ["scale",household,"--date","2025-03-01"], {"code":0,"err":"","out":"Scale di equivalenza al 1° marzo 2025"}], // dates in words since issue 16 §1,
  ["eligibility", ["scale",household,"--date","2025-03-01","--scale","rdc","--lang","en"], {"code":0,"err":"","out":"Equivalence scales on 1 March 2025"}], // dates in words since issue 16 §1,
  ["eligibility", ["scale",household,"--date","2025-03-01","--scale","nope"], {"code":2,"err":"eligibility: --scale isee|rei|rdc|adi|all","out":""}],
  ["eligibility", ["scale",household,"--date","2025-03-01","--all"], {"code":2,"err":"eligibility: --all: non valida per scale","out":""}],
  ["eligibility", ["scale",household,household,"--date","2025-03-01"], {"code":2,"err":"eligibility: scale vuole un file NUCLEO.json (o \"-\")","out":""}],
  ["csi-store", ["migrate"], {"code":2,"err":"csi-store: manca il database: --database-url (o DATABASE_URL) oppure --data-dir","out":""}],
  ["csi-store", ["migrate","extra"], {"code":2,"err":"csi-store: migrate non accetta argomenti posizionali","out":""}],
  ["csi-store", ["migrate","--ente","A944"], {"code":2,"err":"csi-store: --ente: non valida per migrate","out":""}],
  ["csi-store", ["migrate","--data-dir"], {"code":2,"err":"csi-store: manca il valore di --data-dir","out":""}],
  ["csi-store", ["migrate","--data-dir","dati-csi","--database-url","postgres://h/db"], {"code":2,"err":"csi-store: --database-url e --data-dir insieme: indicane uno solo","out":""}],
  ["csi-store", ["migrate","--database-url=mysql://h/db","--lang","en"], {"code":2,"err":"csi-store: --database-url/DATABASE_URL: a postgres://user@host:port/database URL is required","out":""}],
  ["csi-store", ["verify-audit","--data-dir","dati-csi"], {"code":2,"err":"csi-store: manca --ente (codice Belfiore dell'Ente, es. A944)","out":""}],
  ["csi-store", ["verify-audit","--data-dir","dati-csi","--ente","a944"], {"code":2,"err":"csi-store: --ente: serve un codice Belfiore (una lettera maiuscola e tre cifre, es. A944)","out":""}],
  ["csi-store", ["verify-audit","--data-dir","dati-csi","--ente","A944"], {"code":2,"err":"csi-store: manca la chiave di audit: la variabile d'ambiente CSI_STORE_AUDIT_KEY non è impostata","out":""}],
  ["csi-store", ["audit-head","--data-dir",noFile,"--ente","A944","--json"], {"code":2,"err":"csi-store: nessun archivio in node_modules/.cli-argument-table-missing/nope.xml","out":""}],
  ["csi-store", ["export-siuss","--data-dir","dati-csi","--ente","A944"], {"code":2,"err":"csi-store: manca --operatore (UUID dell'operatore che esporta)","out":""}],
  ["csi-store", ["export-siuss","--data-dir","dati-csi","--ente","A944","--operatore","00000000-0000-4000-8000-000000000000","--ruolo","sistema","--kind","PS","--up-to","2025-13-01"], {"code":2,"err":"csi-store: --up-to: una data AAAA-MM-GG","out":""}],
  ["csi-store", ["export-siuss","--data-dir","dati-csi","--ente","A944","--operatore","00000000-0000-4000-8000-000000000000","--ruolo","sistema","--kind","PS","--up-to","2025-03-31","--mode"], {"code":2,"err":"csi-store: manca il valore di --mode","out":""}],
  // changed with parseArgs — was: exit 2, 'csi-store: opzione sconosciuta: --json'
  ["csi-store", ["export-siuss","--json=1"], {"code":2,"err":"csi-store: --json non accetta un valore","out":""}],
  ["siuss-waas", ["serve"], {"code":2,"err":"siuss-waas: manca il database: --database-url (o DATABASE_URL) oppure --data-dir","out":""}],
  ["siuss-waas", ["serve","extra"], {"code":2,"err":"siuss-waas: serve non accetta argomenti posizionali","out":""}],
  ["siuss-waas", ["serve","--data-dir","dati-csi"], {"code":2,"err":"siuss-waas: manca --ente (codice Belfiore dell'Ente, es. A944)","out":""}],
  ["siuss-waas", ["serve","--data-dir","dati-csi","--database-url","postgres://h/db"], {"code":2,"err":"siuss-waas: --database-url e --data-dir insieme: indicane uno solo","out":""}],
  ["siuss-waas", ["serve","--data-dir","dati-csi","--ente","A944","--denominazione","Comune","--operatore","u","--issuer","i","--audience","a"], {"code":2,"err":"siuss-waas: serve uno e uno solo tra --jwks-url e --jwks-file","out":""}],
  ["siuss-waas", ["serve","--data-dir","dati-csi","--ente","A944","--denominazione","Comune","--operatore","u","--issuer","i","--audience","a","--jwks-url","https://x","--client-id",",","--lang","en"], {"code":2,"err":"siuss-waas: --client-id: empty list","out":""}],
  ["siuss-waas", ["serve","--data-dir","dati-csi","--port","99999"], {"code":2,"err":"siuss-waas: manca --ente (codice Belfiore dell'Ente, es. A944)","out":""}],
  ["siuss-waas", ["serve","--port"], {"code":2,"err":"siuss-waas: manca il valore di --port","out":""}],
  ["siuss-waas", ["serve","--json"], {"code":2,"err":"siuss-waas: opzione sconosciuta: --json","out":""}],
];

/** The command lines of the table (recorded against the hand-written parser). */
export const CASES: readonly (readonly [CliName, readonly string[]])[] = [
  // common options, every CLI
  ...(Object.keys(CLIS) as CliName[]).flatMap((cli): [CliName, string[]][] => [
    [cli, []],
    [cli, ['--help']],
    [cli, ['-h']],
    [cli, ['--version']],
    [cli, ['--lang', 'en', '--help']],
    [cli, ['--lang=en', '--version']],
    [cli, ['--lang', 'de', '--version']],
    [cli, ['--lang']],
    [cli, ['--bogus']],
    [cli, ['--bogus', '--lang', 'en']],
    [cli, ['--lang=en', '-x']],
    [cli, ['--help=yes']],
    [cli, ['--version=1', '--lang', 'en']],
    [cli, ['--no-help']],
    [cli, ['nope']],
    [cli, ['nope', '--lang', 'en']],
  ]),
  // codice-fiscale
  ['codice-fiscale', ['validate', 'RSSMRA80A01H501U', '--reference-date', '2026-11-27', '--show-codes']],
  ['codice-fiscale', ['validate', 'RSSMRA80A01H501U', '--reference-date=2026-11-27', '--show-codes', '--json']],
  ['codice-fiscale', ['validate', 'RSSMRA80A01H501U', '--reference-date']],
  ['codice-fiscale', ['validate', 'RSSMRA80A01H501U', '--json=true']],
  ['codice-fiscale', ['validate', 'RSSMRA80A01H501U', '--no-json']],
  ['codice-fiscale', ['validate', 'RSSMRA80A01H501U', '--strict-place', '--show-codes', '--lang', 'en']],
  ['codice-fiscale', ['validate']],
  ['codice-fiscale', ['validate', '--lang', 'en']],
  ['codice-fiscale', ['validate', '-']],
  ['codice-fiscale', ['decode']],
  ['codice-fiscale', ['decode', 'RSSMRA80A01H501U', '--show-codes', '--reference-date', '2026-11-27']],
  ['codice-fiscale', ['decode', 'RSSMRA80A01H501U', '--show-codes', '--json']],
  ['codice-fiscale', ['compute', '--surname', 'Rossi', '--name', 'Mario', '--sex', 'M', '--birth-date', '1980-01-01', '--birth-place', 'H501']],
  ['codice-fiscale', ['compute', '--surname=Rossi', '--name=Mario', '--sex=M', '--birth-date=1980-01-01', '--birth-place=Roma', '--province=RM', '--json']],
  ['codice-fiscale', ['compute', '--surname', 'Rossi']],
  ['codice-fiscale', ['compute', '--birth-place', 'H501', '--sex', 'X']],
  ['codice-fiscale', ['compute', '--birth-place', 'H501', '--sex']],
  ['codice-fiscale', ['RSSMRA80A01H501U']],
  ['codice-fiscale', ['validate', '--', '--json']],
  ['codice-fiscale', ['compute', '--birth-place', '-x']],
  // siuss
  ['siuss', ['validate']],
  ['siuss', ['validate', noFile]],
  ['siuss', ['validate', '-']],
  ['siuss', ['validate', noFile, '--mode', 'x']],
  ['siuss', ['validate', noFile, '--mode=cooperazione', '--max-issues', 'many']],
  ['siuss', ['validate', noFile, '--max-issues']],
  ['siuss', ['validate', noFile, '--out', 'x']],
  ['siuss', ['validate', noFile, '--json', '--strict', '--xsd-only', '--lang', 'en']],
  ['siuss', ['validate', noFile, '--strict=1']],
  ['siuss', ['to-json']],
  ['siuss', ['to-json', noFile, '--mask-cf']],
  ['siuss', ['to-json', noFile, '--json']],
  ['siuss', ['from-json', noFile, '--mask-cf']],
  ['siuss', ['split-cooperazione', noFile]],
  ['siuss', ['split-cooperazione', noFile, '--out']],
  ['siuss', ['split-cooperazione', noFile, '--out', '/tmp', '--start', '0']],
  ['siuss', ['split-cooperazione', noFile, '--out', '/tmp', '--date', '1.1.2025']],
  ['siuss', ['split-cooperazione', noFile, '--out', '--force']],
  ['siuss', ['validate', noFile, '--max-issues', '-1']],
  ['siuss', ['validate', noFile, '--max-issues=-1']],
  // eligibility
  ['eligibility', ['evaluate']],
  ['eligibility', ['evaluate', household]],
  ['eligibility', ['evaluate', household, '--date', '2025-03-01']],
  ['eligibility', ['evaluate', household, '--date', '2025-02-30', '--measure', 'adi']],
  ['eligibility', ['evaluate', household, '--date', '2025-03-01', '--measure', 'xyz']],
  ['eligibility', ['evaluate', household, '--date', '2025-03-01', '--measure', 'ADI']],
  ['eligibility', ['evaluate', household, '--date=2025-03-01', '--measure=adi', '--json']],
  ['eligibility', ['evaluate', household, '--date', '2025-03-01', '--all']],
  ['eligibility', ['evaluate', household, '--date', '2025-03-01', '--all', '--lang', 'en']],
  ['eligibility', ['evaluate', household, '--date', '2025-03-01', '--all', '--measure', 'adi']],
  ['eligibility', ['evaluate', household, '--date', '2025-03-01', '--scale', 'adi']],
  ['eligibility', ['evaluate', household, '--date']],
  ['eligibility', ['evaluate', household, '--date', '2025-03-01', '--all=yes']],
  ['eligibility', ['evaluate', '-', '--date', '2025-03-01', '--all']],
  ['eligibility', ['scale', household, '--date', '2025-03-01']],
  ['eligibility', ['scale', household, '--date', '2025-03-01', '--scale', 'rdc', '--lang', 'en']],
  ['eligibility', ['scale', household, '--date', '2025-03-01', '--scale', 'nope']],
  ['eligibility', ['scale', household, '--date', '2025-03-01', '--all']],
  ['eligibility', ['scale', household, household, '--date', '2025-03-01']],
  // csi-store
  ['csi-store', ['migrate']],
  ['csi-store', ['migrate', 'extra']],
  ['csi-store', ['migrate', '--ente', 'A944']],
  ['csi-store', ['migrate', '--data-dir']],
  ['csi-store', ['migrate', '--data-dir', 'dati-csi', '--database-url', 'postgres://h/db']],
  ['csi-store', ['migrate', '--database-url=mysql://h/db', '--lang', 'en']],
  ['csi-store', ['verify-audit', '--data-dir', 'dati-csi']],
  ['csi-store', ['verify-audit', '--data-dir', 'dati-csi', '--ente', 'a944']],
  ['csi-store', ['verify-audit', '--data-dir', 'dati-csi', '--ente', 'A944']],
  ['csi-store', ['audit-head', '--data-dir', noFile, '--ente', 'A944', '--json']],
  ['csi-store', ['export-siuss', '--data-dir', 'dati-csi', '--ente', 'A944']],
  ['csi-store', ['export-siuss', '--data-dir', 'dati-csi', '--ente', 'A944', '--operatore', '00000000-0000-4000-8000-000000000000', '--ruolo', 'sistema', '--kind', 'PS', '--up-to', '2025-13-01']],
  ['csi-store', ['export-siuss', '--data-dir', 'dati-csi', '--ente', 'A944', '--operatore', '00000000-0000-4000-8000-000000000000', '--ruolo', 'sistema', '--kind', 'PS', '--up-to', '2025-03-31', '--mode']],
  ['csi-store', ['export-siuss', '--json=1']],
  // siuss-waas
  ['siuss-waas', ['serve']],
  ['siuss-waas', ['serve', 'extra']],
  ['siuss-waas', ['serve', '--data-dir', 'dati-csi']],
  ['siuss-waas', ['serve', '--data-dir', 'dati-csi', '--database-url', 'postgres://h/db']],
  ['siuss-waas', ['serve', '--data-dir', 'dati-csi', '--ente', 'A944', '--denominazione', 'Comune', '--operatore', 'u', '--issuer', 'i', '--audience', 'a']],
  ['siuss-waas', ['serve', '--data-dir', 'dati-csi', '--ente', 'A944', '--denominazione', 'Comune', '--operatore', 'u', '--issuer', 'i', '--audience', 'a', '--jwks-url', 'https://x', '--client-id', ',', '--lang', 'en']],
  ['siuss-waas', ['serve', '--data-dir', 'dati-csi', '--port', '99999']],
  ['siuss-waas', ['serve', '--port']],
  ['siuss-waas', ['serve', '--json']],
];

describe('the argument table', () => {
  it('has a row for each case', () => {
    expect(TABLE.map(([cli, argv]) => [cli, argv])).toEqual(CASES.map(([cli, argv]) => [cli, argv]));
  });
  it.each(TABLE.map(([cli, argv, expected]) => ({ name: `${cli} ${argv.join(' ')}`, cli, argv, expected })))('$name', async ({ cli, argv, expected }) => {
    expect(await run(cli, argv)).toEqual(expected);
  });
});

/** `CLI_TABLE_RECORD=1`: prints the outcomes of {@link CASES} as table rows instead of checking. */
if (process.env.CLI_TABLE_RECORD === '1') {
  it('records', async () => {
    const rows: string[] = [];
    for (const [cli, argv] of CASES) rows.push(`  [${JSON.stringify(cli)}, ${JSON.stringify(argv)}, ${JSON.stringify(await run(cli, argv))}],`);
    writeFileSync(join(root, 'node_modules', '.cli-argument-table.rows'), `${rows.join('\n')}\n`);
  });
}
