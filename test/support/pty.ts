// SPDX-License-Identifier: BSD-3-Clause
/**
 * Runs a command on a real pseudo-terminal, for the tests of what a CLI shows only on a terminal
 * (the progress line on stderr). It uses util-linux `script` (`script -qfec CMD /dev/null`): the
 * command's stdin, stdout and stderr are the pty unless the command line redirects them, and
 * everything written to the pty comes back as `terminal` (the pty turns `\n` into `\r\n`).
 */
import { spawnSync } from 'node:child_process';

/** Whether util-linux `script` can run a command on a pty here (see {@link SKIP_PTY}). */
export const HAS_SCRIPT: boolean = (() => {
  try {
    const r = spawnSync('script', ['-qfec', 'test -t 2', '/dev/null'], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 });
    return r.status === 0;
  } catch {
    return false;
  }
})();

/**
 * Whether the pty tests are skipped: only outside CI when `script` is missing (loudly). Under
 * `CI=true` they run anyway and fail, as every missing component must (.ci/run installs bsdutils).
 */
export const SKIP_PTY: boolean = !HAS_SCRIPT && process.env.CI !== 'true';

/** Quotes one word for `sh`. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** What a command wrote on the terminal, and its exit status. */
export interface PtyRun {
  /** Everything written to the pty (stdout and stderr unless redirected), as bytes decoded in UTF-8. */
  readonly terminal: string;
  /** The command's exit status (`script -e`). */
  readonly status: number | null;
}

/**
 * Runs `command` (a `sh` command line: redirections such as `> out.txt`, `2> err.txt` or `< in.txt`
 * apply inside the pty) on a pseudo-terminal of `columns` columns (default: the pty's width 0,
 * which programs read as "unknown").
 */
export function runInPty(command: string, options: { cwd: string; env?: NodeJS.ProcessEnv; columns?: number }): PtyRun {
  const line = options.columns === undefined ? command : `stty cols ${options.columns} rows 24; ${command}`;
  const r = spawnSync('script', ['-qfec', line, '/dev/null'], {
    cwd: options.cwd,
    env: { ...process.env, TERM: 'xterm-256color', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { terminal: r.stdout, status: r.status };
}

/** The progress renderings in a transcript: each `\r…ESC[K` with text (the clearing `\rESC[K` excluded). */
export function progressLines(terminal: string): string[] {
  return [...terminal.matchAll(/\r([^\r\n\x1b]+)\x1b\[K/g)].map((m) => m[1] as string);
}

/** A transcript without progress: renderings and clearings removed, `\r\n` back to `\n`. */
export function withoutProgress(terminal: string): string {
  return terminal.replace(/\r[^\r\n\x1b]*\x1b\[K/g, '').replace(/\r\n/g, '\n');
}

/**
 * A module prelude for a bundled CLI that makes `performance.now` run `factor` times faster: the
 * progress line's throttle (one rendering per 250 ms) then lets a small input produce several
 * renderings, and the tests stay fast. No test asserts on time.
 */
export function fastClock(factor: number): string {
  return `const __now = performance.now.bind(performance); performance.now = () => __now() * ${factor};\n`;
}
