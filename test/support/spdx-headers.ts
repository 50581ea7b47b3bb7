// SPDX-License-Identifier: BSD-3-Clause
/**
 * SPDX header rules for the repository (AgID guidelines, Allegato A: an SPDX identifier at the top
 * of every source file; REUSE style).
 *
 * - Source files: extensions .ts .mts .cts .js .mjs .cjs .sh, plus `.ci/run` and every file under a
 *   `bin/` folder. Each needs `SPDX-License-Identifier:` in its first 3 lines.
 * - Allowed identifiers: `BSD-3-Clause` for code; generated data modules
 *   (`packages/<pkg>/src/internal/<name>-data.ts`) may instead carry the data licences
 *   `CC-BY-4.0 AND CC-BY-3.0-IT`.
 * - Documentation (markdown under docs/) is CC-BY-4.0, stated once in docs/README.md, not in headers.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const CODE_LICENSE = 'BSD-3-Clause';
export const DATA_LICENSE = 'CC-BY-4.0 AND CC-BY-3.0-IT';

const SOURCE_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.sh'];
const DATA_MODULE = /^packages\/[^/]+\/src\/internal\/[^/]+-data\.ts$/;
/** Folders skipped when git is not available (mirrors .gitignore). */
const WALK_SKIP = new Set(['.git', 'node_modules', 'dist', 'coverage', '.artifacts', 'tmp']);
const WALK_SKIP_PATHS = ['docs/.vitepress/cache', 'docs/.vitepress/dist', 'docs/api'];

export interface HeaderProblem {
  file: string;
  problem: string;
}

/** Whether `path` (repo-relative, forward slashes) is a source file that needs an SPDX header. */
export function needsSpdxHeader(path: string): boolean {
  if (path === '.ci/run') return true;
  if (/(^|\/)bin\//.test(path)) return true;
  return SOURCE_EXTENSIONS.some((ext) => path.endsWith(ext));
}

/** The SPDX identifiers a file may declare. */
export function allowedIdentifiers(path: string): string[] {
  return DATA_MODULE.test(path) ? [CODE_LICENSE, DATA_LICENSE] : [CODE_LICENSE];
}

/** The `SPDX-License-Identifier` value in the first 3 lines, or null. */
export function spdxIdentifier(text: string): string | null {
  for (const line of text.split(/\r?\n/, 3)) {
    const m = /SPDX-License-Identifier:\s*(.*?)\s*(?:\*\/|-->)?\s*$/.exec(line);
    if (m) return m[1] ?? '';
  }
  return null;
}

/** Checks every given file; returns one problem per offending file. */
export function checkSpdxHeaders(files: ReadonlyArray<{ path: string; text: string }>): HeaderProblem[] {
  const problems: HeaderProblem[] = [];
  for (const { path, text } of files) {
    if (!needsSpdxHeader(path)) continue;
    const id = spdxIdentifier(text);
    const allowed = allowedIdentifiers(path);
    if (id === null) {
      problems.push({ file: path, problem: `no "SPDX-License-Identifier:" in the first 3 lines (expected ${allowed.join(' or ')})` });
    } else if (!allowed.includes(id)) {
      problems.push({ file: path, problem: `SPDX-License-Identifier is "${id}", allowed here: ${allowed.join(' or ')}` });
    }
  }
  return problems;
}

function walk(root: string, dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const abs = join(dir, entry.name);
    const rel = relative(root, abs).split(sep).join('/');
    if (entry.isDirectory()) {
      if (WALK_SKIP.has(entry.name) || WALK_SKIP_PATHS.includes(rel)) continue;
      walk(root, abs, out);
    } else if (entry.isFile()) {
      out.push(rel);
    }
  }
}

/**
 * Files of the working tree that git would consider: tracked plus untracked-but-not-ignored
 * (`git ls-files --cached --others --exclude-standard`), without files deleted from the work tree.
 * Without git (e.g. an unpacked release archive) it walks the tree, skipping the ignored folders.
 */
export function repositoryFiles(root: string): { files: string[]; source: 'git' | 'walk' } {
  let files: string[];
  let source: 'git' | 'walk' = 'git';
  try {
    const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
    });
    files = [...new Set(out.split('\0').filter((f) => f !== ''))];
  } catch {
    source = 'walk';
    files = [];
    walk(root, root, files);
  }
  return { files: files.filter((f) => existsSync(join(root, f)) && statSync(join(root, f)).isFile()).sort(), source };
}

/** Reads the first few hundred bytes of every file that needs a header and checks it. */
export function checkRepositoryHeaders(root: string): { checked: string[]; problems: HeaderProblem[]; source: 'git' | 'walk' } {
  const { files, source } = repositoryFiles(root);
  const checked = files.filter(needsSpdxHeader);
  const problems = checkSpdxHeaders(
    checked.map((path) => ({ path, text: readFileSync(join(root, path), 'utf8').slice(0, 2000) })),
  );
  return { checked, problems, source };
}
