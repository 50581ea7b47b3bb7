// SPDX-License-Identifier: BSD-3-Clause
/**
 * Every ```ts / ```js block of the docs' guide and concept pages (docs/guida, docs/en/guide,
 * docs/concetti, docs/en/concepts) is a checked example: extracted, type-checked and run.
 *
 * A block whose whole body is an `<!--@include: …-->` of a package README example
 * (`packages/<pkg>/test/readme-examples/NN-name.ts`) is checked through that package's readme.test.ts:
 * here the included file only has to exist. Every other block is written, as it stands, to a file under
 * `tmp/` at the repository root (ignored by git), so its `@riuso-sociale/*` imports resolve like the
 * packages' own tests do, through the `@riuso-sociale/source` export condition; the TypeScript compiler
 * checks it with the strict settings of tsconfig.base.json; then it runs (a Vite module runner with the
 * same condition) and what it prints — each `console.log` argument as `util.inspect` shows it — must be
 * what its `console.log(x); // expected` comments say, in order ({@link expectedLogs}). Blocks run in a
 * folder holding the files they name ({@link FIXTURES}, a valid SIUSS flow as `flusso.xml`); a block that
 * defines a function is also called, in {@link EXERCISES}.
 *
 * No block is excluded: {@link EXCLUDED} names the ones that would be, with the reason, and is empty.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { inspect } from 'node:util';
import ts from 'typescript';
import { createServer, createServerModuleRunner, defaultServerConditions, type ViteDevServer } from 'vite';
import type { ModuleRunner } from 'vite/module-runner';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectedLogs } from './support/readme-examples.js';
import { GUIDE_FLOW } from './support/siuss-guide-flow.js';

const ROOT = resolve(import.meta.dirname, '..');
const DIRS = ['docs/guida', 'docs/en/guide', 'docs/concetti', 'docs/en/concepts'];
const SOURCE_CONDITION = '@riuso-sociale/source';

/** Blocks left out, by name (`page#n`), with the reason. None today; a new entry needs a reason a reviewer accepts. */
const EXCLUDED: Record<string, string> = {};

/** The files the blocks read, by name: the one-record PS-PSA-SINA flow of the siuss-schema guide, as XML. */
const FIXTURES = ['flusso.xml', 'flusso-1GB.xml'];
const FLOW = GUIDE_FLOW;

type Samples = typeof import('../packages/csi-model/src/entities/samples.js');
type StartIntervento = typeof import('../packages/csi-model/test/readme-examples/01-avvia-intervento.js').avviaIntervento;

/** Blocks that define a function, and the calls that check it (with the package's sample entities). */
const EXERCISES: Record<string, (mod: Record<string, unknown>, import_: (path: string) => Promise<unknown>) => Promise<void>> = {
  'docs/en/guide/csi-model.md#2': async (mod, import_) => {
    const start = mod['startIntervento'] as StartIntervento;
    const { sample, SAMPLE_ACTOR } = (await import_('packages/csi-model/src/entities/samples.ts')) as Samples;
    const delivered = sample('intervento'); // proposto → autorizzato → in-erogazione
    const autorizzato = sample('intervento', { status: 'autorizzato', history: delivered.history.slice(0, 2) });
    const presa = sample('presa-in-carico');
    expect(presa.status).toBe('attiva');
    const r = start(autorizzato, presa, SAMPLE_ACTOR, '2025-04-02T09:00:00Z');
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.entity.status).toBe('in-erogazione');
      expect(r.value.audit).toMatchObject({ action: 'transition', transition: { event: 'avvia', from: 'autorizzato', to: 'in-erogazione' }, actor: SAMPLE_ACTOR, at: '2025-04-02T09:00:00Z' });
    }
    const refused = start(autorizzato, { ...presa, status: 'sospesa' }, SAMPLE_ACTOR, '2025-04-02T09:00:00Z');
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.issues[0].code).toBe('csi.lifecycle.guard');
      expect(refused.issues[0].params?.['rule']).toBe('intervento.presa-in-carico-attiva');
    }
    expect(() => start(autorizzato, presa, SAMPLE_ACTOR, '2025-04-02 09:00')).toThrow(RangeError);
  },
};

interface Block {
  /** `docs/guida/core.md#2`: the page and the block's rank among its ts/js blocks. */
  name: string;
  page: string;
  line: number;
  lang: 'ts' | 'js';
  body: string;
  /** The file it includes, when the block is only an `<!--@include: …-->`. */
  include?: string;
}

function pages(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(join(ROOT, path)).isDirectory()) return pages(path);
    return entry.endsWith('.md') ? [path] : [];
  });
}

function blocksOf(page: string): Block[] {
  const text = readFileSync(join(ROOT, page), 'utf8');
  return [...text.matchAll(/^```(ts|js|typescript|javascript)\b[^\n]*\n([\s\S]*?)^```$/gm)].map((m, i) => {
    const body = m[2] as string;
    const line = text.slice(0, m.index).split('\n').length;
    const lang = m[1] === 'js' || m[1] === 'javascript' ? 'js' : 'ts';
    const inc = /^<!--\s*@include:\s*(\S+?)(?:\{[^}]*\})?\s*-->\n$/.exec(body);
    const block: Block = { name: `${page}#${i + 1}`, page, line, lang, body };
    if (inc) block.include = relative(ROOT, resolve(ROOT, dirname(page), inc[1] as string));
    return block;
  });
}

const ALL = DIRS.flatMap(pages).sort().flatMap(blocksOf);
const INCLUDED = ALL.filter((b) => b.include !== undefined);
const CHECKED = ALL.filter((b) => b.include === undefined && !(b.name in EXCLUDED));

const WORK = join(ROOT, 'tmp', `guide-blocks-${process.pid}`);
/** The working directory of the blocks while they run: it holds the {@link FIXTURES}. */
const CWD = join(WORK, 'cwd');
const fileOf = (b: Block): string =>
  join(WORK, `${b.name.replace(/^docs\//, '').replace(/[^a-z0-9]+/gi, '-')}.${b.lang === 'ts' ? 'ts' : 'mjs'}`);

let server: ViteDevServer | undefined;
let runner: ModuleRunner | undefined;
/** Type errors per block file, from one program over all of them. */
const diagnostics = new Map<string, string[]>();

beforeAll(async () => {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  for (const b of CHECKED) writeFileSync(fileOf(b), b.body);

  const base = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.base.json'), { noEmit: true, allowJs: true, checkJs: true }, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!base) throw new Error('tsconfig.base.json unreadable');
  const files = CHECKED.map(fileOf);
  const program = ts.createProgram(files, { ...base.options, declaration: false, sourceMap: false });
  for (const f of files) {
    const sf = program.getSourceFile(f);
    const ds = sf ? [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)] : [];
    diagnostics.set(
      f,
      ds.map((d) => {
        const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
        return `${pos ? `line ${pos.line + 1}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      }),
    );
  }

  server = await createServer({
    root: ROOT,
    configFile: false,
    logLevel: 'silent',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, watch: null, ws: false },
    resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] },
    ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions], externalConditions: [SOURCE_CONDITION] } },
  });
  runner = createServerModuleRunner(server.environments.ssr, { hmr: false });

  const { buildFlow } = (await runner.import(join(ROOT, 'packages/siuss-schema/src/index.ts'))) as typeof import('../packages/siuss-schema/src/index.js');
  mkdirSync(CWD);
  for (const name of FIXTURES) writeFileSync(join(CWD, name), buildFlow(FLOW));
}, 120_000);

afterAll(async () => {
  await runner?.close();
  await server?.close();
  rmSync(WORK, { recursive: true, force: true });
});

/**
 * Runs a block's file in {@link CWD} and returns its exports and what it printed, each `console.log`
 * argument as `util.inspect` shows it.
 */
async function run(file: string): Promise<{ mod: Record<string, unknown>; logs: string[] }> {
  const logs: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    logs.push(args.map((a) => inspect(a)).join(' '));
  });
  const cwd = process.cwd();
  process.chdir(CWD);
  try {
    return { mod: (await runner!.import(file)) as Record<string, unknown>, logs };
  } finally {
    process.chdir(cwd);
    spy.mockRestore();
  }
}

describe('docs guide and concept pages: ts/js blocks', () => {
  it('are found (a change in the pages or in the fences would otherwise pass unnoticed)', () => {
    expect(ALL.length).toBeGreaterThanOrEqual(40);
    expect(CHECKED.length).toBeGreaterThanOrEqual(23);
  });

  it('excluded blocks exist and say why', () => {
    for (const [name, reason] of Object.entries(EXCLUDED)) {
      expect(ALL.map((b) => b.name), name).toContain(name);
      expect(reason.length, name).toBeGreaterThan(20);
    }
  });

  it.each(INCLUDED.map((b) => [b.name, b] as const))('%s includes a README example checked by its package', (_, b) => {
    expect(b.include, b.name).toMatch(/^packages\/[a-z-]+\/test\/readme-examples\/\d\d-[a-z0-9-]+\.ts$/);
    expect(statSync(join(ROOT, b.include as string)).isFile()).toBe(true);
  });

  it.each(CHECKED.map((b) => [`${b.name} (line ${b.line})`, b] as const))('%s type-checks and prints what it says', async (_, b) => {
    expect(diagnostics.get(fileOf(b)), `type errors in ${b.name}`).toEqual([]);
    const { mod, logs } = await run(fileOf(b));
    // a block with `// expected` comments prints exactly those; one without any may print what it likes
    const expected = expectedLogs(b.body);
    if (expected.length > 0) expect(logs, `what ${b.name} prints`).toEqual(expected);
    const exportsFunction = Object.values(mod).some((v) => typeof v === 'function');
    expect(b.name in EXERCISES, `${b.name} exports a function: call it in EXERCISES`).toBe(exportsFunction);
    await EXERCISES[b.name]?.(mod, (path) => runner!.import(join(ROOT, path)));
  });

  it('every exercise names a block', () => {
    for (const name of Object.keys(EXERCISES)) expect(CHECKED.map((b) => b.name), name).toContain(name);
  });
});
