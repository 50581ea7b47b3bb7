// SPDX-License-Identifier: BSD-3-Clause
/**
 * The one-record PS-PSA-SINA flow that the siuss-schema README and guide blocks read as
 * `flusso.xml`: their tests (packages/siuss-schema/test/readme.test.ts,
 * test/docs-guide-blocks.test.ts) write it with `buildFlow` before the blocks run.
 */
export const GUIDE_FLOW = {
  kind: 'PS_PSA_SINA',
  IdentificazioneFlusso: {
    Nome: 'H501.PS.20260410.0000001',
    Ente: { Codice: 'H501', Denominazione: 'Comune di Roma', Indirizzo: 'H501', CFOperatore: 'BNCLRA75M41H501X' },
  },
  Beneficiario: [{
    CodiceFiscale: 'RSSMRA80A01H501U',
    Anagrafica: { Cognome: 'ROSSI', Nome: 'MARIO', AnnoNascita: '1980', LuogoNascita: 'H501', Genere: '1', CodiceCittadinanza: '380' },
    Indirizzo: [{ CodiceNazione: '380', CodiceRegione: '12', CodiceComune: '058091' }],
    PrestazioniSociali: [{
      PresenzaProvaMezzi: '4', CaratterePrestazione: '2', CodicePrestazione: 'A1.16',
      DenominazionePrestazione: 'Contributo economico una tantum per utenze', ProtocolloDomanda: 'PG/2026/0000456',
      DataErogazionePrestazione: '2026-02-20', ImportoPrestazione: '150.00', PresaCarico: '2',
    }],
  }],
} as const;
