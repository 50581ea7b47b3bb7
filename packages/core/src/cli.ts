// SPDX-License-Identifier: BSD-3-Clause
/**
 * `@riuso-sociale/core/cli`: the command-line kit the suite's CLIs share — argument parsing on
 * Node's `util.parseArgs`, usage errors in Italian and English, common options, quiet exit on a closed
 * pipe. Node.js only: it imports `node:` modules, so it lives apart from the main entry, which any
 * browser bundle can take.
 *
 * @example
 * ```ts
 * import { countOf } from '@riuso-sociale/core/cli';
 * countOf(1, 'codice', 'codici'); // '1 codice'
 * ```
 * @packageDocumentation
 */
export {
  COMMON_OPTIONS,
  countOf,
  exitQuietlyOnEpipe,
  handleCommonOptions,
  langOfArgv,
  parseCommandLine,
  UsageError,
  usageText,
  type CommandLine,
  type CommonOptions,
  type CommonOptionsSpec,
  type ErrorEventSource,
  type OptionSpec,
  type OptionsSpec,
  type OptionValues,
} from './command-line.js';
export { createProgress, formatBytes, formatCount, formatDuration, inputSize, trackBytes, type Progress, type ProgressOptions, type ProgressStream, type ProgressUnit } from './progress.js';
