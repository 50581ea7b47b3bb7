// SPDX-License-Identifier: BSD-3-Clause
/**
 * The esito the simulated INPS of the WaaS benchmark returns for a flow: a pure function of its
 * `id_flusso` (FNV-1a 32-bit hash), so that every client sends the SAME esito for the same flow — a
 * second client's esito is a redelivery, as INPS's are — and the correctness check of bench/run.mjs
 * knows, for every flow, which code the store must hold. About 90 % `OK` (with an
 * `id_acquisizione_siuss` derived from the hash), 10 % `RICHIESTA_INVALIDA` (with a descrizione).
 */

/** Share of flows answered `RICHIESTA_INVALIDA`, in percent. */
export const SCARTO_PERCENT = 10;

/** FNV-1a, 32 bits, of a string's UTF-16 code units (ids are ASCII). */
export function fnv1a(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The esito of a flow: `{ codice, idAcquisizione?, descrizione? }`. */
export function esitoFor(idFlusso) {
  const h = fnv1a(idFlusso);
  if (h % 100 < SCARTO_PERCENT) return { codice: 'RICHIESTA_INVALIDA', descrizione: 'Beneficiario non riconosciuto (esito simulato dal benchmark)' };
  return { codice: 'OK', idAcquisizione: `BENCH-${h.toString(16).padStart(8, '0')}` };
}

/** The OpenAPI `EsitoFlusso` of an `elenco_flussi` entry (ts_acquisizione: a fixed day after ts_flusso). */
export function esitoBody(entry) {
  const e = esitoFor(entry.id_flusso);
  return {
    id_flusso: entry.id_flusso,
    tipo: entry.tipo,
    ts_flusso: entry.ts_flusso,
    ts_acquisizione: new Date(Date.parse(entry.ts_flusso) + 86_400_000).toISOString(),
    codice_esito: e.codice,
    ...(e.descrizione === undefined ? {} : { descrizione_esito: e.descrizione }),
    ...(e.idAcquisizione === undefined ? {} : { id_acquisizione_siuss: e.idAcquisizione }),
  };
}
