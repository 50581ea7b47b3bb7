// SPDX-License-Identifier: BSD-3-Clause
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { serveWaas, type WaasFetchHandler } from '@riuso-sociale/siuss-waas';

// HTTPS direttamente da Node.js (senza proxy): chiave e certificato del server dell'Ente.
export function serviInHttps(handler: WaasFetchHandler, tls: { key: string; cert: string; port: number }): Promise<Server> {
  return serveWaas(handler, {
    host: '0.0.0.0',
    port: tls.port,
    https: { key: readFileSync(tls.key), cert: readFileSync(tls.cert), minVersion: 'TLSv1.2' },
  });
}
