// SPDX-License-Identifier: BSD-3-Clause
import Fastify, { type FastifyInstance } from 'fastify';
import { waasFastifyPlugin, type WaasFetchHandler } from '@riuso-sociale/siuss-waas';

// Dentro un'applicazione Fastify esistente: il prefisso è il basePath del gestore (non viene tolto).
export async function appFastify(handler: WaasFetchHandler, basePath: string): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(waasFastifyPlugin, { prefix: basePath, handler, maxBodyBytes: 1_048_576 });
  return app;
}
