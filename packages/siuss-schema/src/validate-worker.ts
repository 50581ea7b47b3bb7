// SPDX-License-Identifier: BSD-3-Clause
/**
 * The worker thread of a parallel validation (`src/parallel.ts`): validates the pieces it is sent,
 * one at a time, in the context it was started with, and posts each result back.
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { notClean, runPiece, type PieceContext, type PieceTask } from './internal/pieces.js';

const context = workerData as PieceContext;
const port = parentPort;
if (port === null) throw new Error('validate-worker: not started as a worker thread');
port.on('message', (task: PieceTask) => {
  let result;
  try {
    result = runPiece(task, context);
  } catch {
    // A bug, not the content (runPiece turns every content problem into "not clean"): the caller
    // reads the flow single-threaded.
    result = notClean(task.piece);
  }
  port.postMessage(result);
});
