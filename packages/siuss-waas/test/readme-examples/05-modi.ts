// SPDX-License-Identifier: BSD-3-Clause
import { createHash } from 'node:crypto';
import type { VoucherClaims, VoucherVerifier, WaasFetchHandler } from '@riuso-sociale/siuss-waas';

// Un controllo in più sul voucher, attorno a createVoucherVerifier (es. un elenco di finalità letto
// ogni volta da un archivio): un voucher valido che non lo supera riceve 403.
export function conControllo(base: VoucherVerifier, ammesso: (claims: VoucherClaims) => boolean): VoucherVerifier {
  return {
    async verify(authorization) {
      const check = await base.verify(authorization);
      if (!check.ok || ammesso(check.claims)) return check;
      return { ok: false, status: 403, reason: 'custom', claims: check.claims };
    },
  };
}

// Se un giorno servisse INTEGRITY_REST_01 (oggi nessun documento WaaS lo chiede): un involucro attorno
// al gestore che controlla l'header Digest (RFC 3230) del corpo di POST /esiti prima di passarlo oltre.
export function conDigest(handler: WaasFetchHandler, { obbligatorio = false } = {}): WaasFetchHandler {
  const problema = (status: number, title: string, detail: string): Response =>
    new Response(JSON.stringify({ status, title, detail }), { status, headers: { 'content-type': 'application/problem+json' } });
  return async (request) => {
    const digest = request.headers.get('digest');
    if (request.method !== 'POST' || (digest === null && !obbligatorio)) return handler(request);
    let body: Uint8Array;
    try {
      body = new Uint8Array(await request.arrayBuffer()); // il limite di serveWaas (maxBodyBytes) vale anche qui
    } catch {
      return problema(413, 'Content Too Large', 'Corpo troppo grande o interrotto / Body too large or cut');
    }
    if (digest !== `SHA-256=${createHash('sha256').update(body).digest('base64')}`) {
      return problema(400, 'Bad Request', 'Digest assente o diverso dal corpo / Digest missing or not matching the body');
    }
    return handler(new Request(request.url, { method: request.method, headers: request.headers, body }));
  };
}
