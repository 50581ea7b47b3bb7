// SPDX-License-Identifier: BSD-3-Clause
/**
 * The import graph of the package's sources has no cycle (type-only imports included): the model
 * (`model.ts`) and the context (`engine/context.ts`) import no rule, the rules never import the engine
 * (`engine/run.ts`) nor `evaluate.ts`, and the CLI uses only the public API (`index.ts`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : sources(p);
    return /\.ts$/.test(e.name) && !/\.test(-d)?\.ts$/.test(e.name) ? [p] : [];
  });
}

/** Relative imports and re-exports of a file (`import`, `import type`, `export … from`, `import('…')`), resolved to `.ts` files. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out = new Set<string>();
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]|\bimport\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)) {
    const spec = m[1] ?? m[2];
    if (spec !== undefined) out.add(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
  }
  return [...out];
}

const files = sources(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const name = (f: string): string => relative(SRC, f);

/** Every cycle found by a depth-first walk, as a list of file names. */
function cycles(): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string): void => {
    state.set(f, 'open');
    stack.push(f);
    for (const g of graph.get(f) ?? []) {
      if (state.get(g) === 'open') found.push([...stack.slice(stack.indexOf(g)), g].map(name));
      else if (state.get(g) === undefined && graph.has(g)) visit(g);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of files) if (state.get(f) === undefined) visit(f);
  return found;
}

describe('import graph of src', () => {
  it('reads the sources it checks (the walk is not vacuous)', () => {
    expect(files.map(name)).toEqual(expect.arrayContaining(['evaluate.ts', 'model.ts', 'engine/run.ts', 'engine/context.ts', 'rules/sfl.ts', 'cli.ts', 'index.ts']));
    expect(graph.get(join(SRC, 'engine/run.ts'))?.map(name)).toEqual(expect.arrayContaining(['rules/sfl.ts', 'engine/context.ts']));
    // Every relative import resolves to a source file.
    for (const [f, deps] of graph) for (const d of deps) expect(graph.has(d), `${name(f)} → ${name(d)}`).toBe(true);
  });

  it('has no cycle, type-only imports included', () => {
    expect(cycles()).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    graph.set(join(SRC, 'model.ts'), [...(graph.get(join(SRC, 'model.ts')) ?? []), join(SRC, 'engine/run.ts')]);
    try {
      expect(cycles().length).toBeGreaterThan(0);
    } finally {
      graph.set(join(SRC, 'model.ts'), importsOf(join(SRC, 'model.ts')));
    }
  });

  it('rules import neither the engine nor evaluate; the CLI imports only the public API', () => {
    for (const f of files.filter((x) => name(x).startsWith('rules/'))) {
      expect(graph.get(f)?.map(name), name(f)).not.toEqual(expect.arrayContaining(['engine/run.ts']));
      expect(graph.get(f)?.map(name), name(f)).not.toEqual(expect.arrayContaining(['evaluate.ts']));
    }
    expect(graph.get(join(SRC, 'cli.ts'))?.map(name)).toEqual(['index.ts']);
  });
});
