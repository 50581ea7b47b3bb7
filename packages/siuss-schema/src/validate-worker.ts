// SPDX-License-Identifier: BSD-3-Clause
/**
 * The worker thread of a parallel validation (`src/parallel.ts`): receives the validation's
 * context first, then validates the pieces it is sent, one at a time, and posts each result back.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { notClean, runPiece, type PieceContext } from './internal/pieces.js';
import type { WorkerMessage } from './parallel.js';

const port = parentPort;
if (port === null) throw new Error('validate-worker: not started as a worker thread');
let context: PieceContext | null = null;
port.on('message', (message: WorkerMessage) => {
  if ('context' in message) {
    context = message.context;
    return;
  }
  let result;
  try {
    // No context: a bug of the caller; "not clean" makes it read the flow single-threaded.
    result = context === null ? notClean(message.piece) : runPiece(message, context);
  } catch {
    // A bug, not the content (runPiece turns every content problem into "not clean"): the caller
    // reads the flow single-threaded.
    result = notClean(message.piece);
  }
  port.postMessage(result);
});
