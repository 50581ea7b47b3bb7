// SPDX-License-Identifier: BSD-3-Clause
/**
 * Esempio 3 — SIUSS: costruisce un flusso PS-PSA-SINA e un flusso SINBA, li valida, scrive l'XML
 * in examples/output/ e valida i file scritti con il comando `siuss`. Dati di fantasia.
 *
 * Example 3 — SIUSS: build a PS-PSA-SINA and a SINBA flow, validate them, write the XML to
 * examples/output/ and validate the written files with the `siuss` CLI.
 * Run: `npm run examples` (or `node examples/03-siuss.mjs` after `npm run build`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatDate } from '@riuso-sociale/core';
import { computeFiscalCode } from '@riuso-sociale/fiscal-code';
import { buildFlow, formatFlowName, parseFlow, splitByYear, validateFlow } from '@riuso-sociale/siuss-schema';

const ente = { Codice: 'H501', Denominazione: 'Comune di Roma', Indirizzo: 'H501', CFOperatore: 'BNCLRA75M41H501X' };

/** Runs the example; returns what it wrote and found. */
export async function main(print = console.log, { cli = true } = {}) {
  const cf = computeFiscalCode({ surname: 'Esposito', name: 'Anna', sex: 'F', birthDate: '1948-03-12', birthPlace: 'F839' });
  // A periodic home-care benefit from September 2025 to March 2026: SIUSS wants one record per year.
  const periodic = {
    TipoOperazione: 'I', PresenzaProvaMezzi: '1', CaratterePrestazione: '1',
    NumeroProtocolloDSU: 'INPS-ISEE-2025-00000000X-00', AnnoProtocolloDSU: '2025', DataDSU: '2025-01-15',
    CodicePrestazione: 'A2.02', DenominazionePrestazione: 'Assistenza domiciliare socio-assistenziale',
    ProtocolloDomanda: 'PG/2025/0012345', DataInizioPrestazione: '2025-09-01', DataFinePrestazione: '2026-03-31',
    PeriodoErogazione: '7', ImportoMensile: '320.00', ImportoQuotaEnte: '280.00', ImportoQuotaUtente: '40.00',
    OreServizioMensile: '20', PresaCarico: '1', AreaUtenza: '2',
    SINA: {
      Mobilita: '2', AttivitaVitaQuotidiana: '2', DisturbiAreaCognitiva: '1', DisturbiComportamentali: '1',
      NecessitaCureSanitarie: '2', AreaReddituale: '2', AreaSupporto: '2', FonteDerivazioneValutazione: '1',
      StrumentoValutazione: '1', FonteDerivazioneInvalidita: '1',
      NecessitaInterventiSociali: { CodicePrestazione: ['A2.02'] }, InvaliditaCivile: { InvCiv: ['2'] },
    },
  };
  const split = splitByYear(periodic);
  if (!split.ok) throw new Error(split.issues[0].message);
  const perYear = split.value;
  print(`Prestazione periodica ${formatDate(periodic.DataInizioPrestazione, { preposition: 'from' })} ${formatDate(periodic.DataFinePrestazione, { preposition: 'to' })} divisa per anno: ${perYear.map((p) => `${formatDate(p.DataInizioPrestazione, { style: 'numeric' })}–${formatDate(p.DataFinePrestazione, { style: 'numeric' })} (${p.PeriodoErogazione} mesi)`).join(', ')}`);

  const ps = {
    kind: 'PS_PSA_SINA',
    IdentificazioneFlusso: { Nome: formatFlowName({ codiceEnte: 'H501', tipo: 'PS', date: '2026-04-10', progressivo: 1 }), Ente: ente },
    Beneficiario: [{
      CodiceFiscale: cf,
      Anagrafica: { Cognome: 'ESPOSITO', Nome: 'ANNA', AnnoNascita: '1948', LuogoNascita: 'F839', Genere: '2', CodiceCittadinanza: '380' },
      Indirizzo: [{ CodiceNazione: '380', CodiceRegione: '12', CodiceComune: '058091' }],
      PrestazioniSociali: [
        ...perYear,
        {
          PresenzaProvaMezzi: '1', CaratterePrestazione: '2', CodicePrestazione: 'A1.16',
          DenominazionePrestazione: 'Contributo economico una tantum per utenze', ProtocolloDomanda: 'PG/2026/0000456',
          NumeroProtocolloDSU: 'INPS-ISEE-2025-00000000X-00', AnnoProtocolloDSU: '2025', DataDSU: '2025-01-15',
          DataErogazionePrestazione: '2026-02-20', ImportoPrestazione: '150.00', PresaCarico: '1', AreaUtenza: '3',
        },
      ],
    }],
  };
  const sinba = {
    kind: 'SINBA',
    IdentificazioneFlusso: { Nome: formatFlowName({ codiceEnte: 'H501', tipo: 'SINBA', date: '2026-04-10', progressivo: 2 }), Ente: ente },
    SINBA: [{
      IDBeneficiario: 'H501-2026-000117', MinoreStranieroNoAcc: '2', CondizioneMinore: '1', LuogoVita: '1', ScuolaFrequentata: '5',
      CondizioneLavoro: '1', Disabilita: '2', DataPrimaSegnalazione: '01/2026', FonteSegnalazione: '3', ValutazioneMinore: '2',
      ValutazioneFamigliaMinore: '4', SegnalazioneAutoritaGiudiziaria: '2', ProvvedimentoGiudiziario: '2', FasciaEtaBeneficiario: '3',
      AnnoNascita: '2017', CodiceNazioneResidenza: '380', CodiceRegioneResidenza: '12', NumeroComponentiISEE: '4', FasciaISEEBeneficiario: '3',
      Prestazioni: { CodicePrestazione: ['A2.04', 'A1.01'] },
      Famiglia: { ComposizioneFamiglia: ['1', '3'] },
    }],
  };

  const outDir = fileURLToPath(new URL('./output/', import.meta.url));
  mkdirSync(outDir, { recursive: true });
  const written = [];
  for (const flow of [ps, sinba]) {
    const check = validateFlow(flow);
    print(`${flow.kind}: ${check.errors.length} errori XSD, ${check.warnings.length} avvisi${check.warnings.map((w) => ` — ${w.code}`).join('')}`);
    const xml = buildFlow(flow);
    const file = `${outDir}${flow.IdentificazioneFlusso.Nome}.xml`;
    writeFileSync(file, xml);
    written.push(file);
    const back = parseFlow(xml);
    print(`  scritto ${flow.IdentificazioneFlusso.Nome}.xml (${xml.length} byte); riletto senza perdite: ${JSON.stringify(back) === JSON.stringify(parseFlow(buildFlow(back)))}`);
  }

  // A typical mistake: an amount with a decimal comma. Caught before anything is sent.
  const broken = structuredClone(ps);
  broken.Beneficiario[0].PrestazioniSociali[2].ImportoPrestazione = '150,00';
  const found = validateFlow(broken);
  print(`\nCon ImportoPrestazione="150,00": ${found.errors.map((e) => `${e.code}: ${e.message}`).join('; ')}`);

  const bin = fileURLToPath(new URL('../packages/siuss-schema/bin/siuss.cjs', import.meta.url));
  const dist = fileURLToPath(new URL('../packages/siuss-schema/dist/cli.cjs', import.meta.url));
  let cliExit = null;
  if (cli && existsSync(dist)) {
    const r = spawnSync(process.execPath, [bin, 'validate', ...written], { encoding: 'utf8' });
    cliExit = r.status;
    print(`\n$ siuss validate ${written.map((f) => f.slice(outDir.length)).join(' ')}\n${r.stdout.trim()}`);
    print(`uscita del comando siuss: ${r.status}`);
  }

  print('\n== Riepilogo / summary ==');
  print(`  ${written.length} flussi scritti in examples/output/ (${[ps, sinba].map((f) => f.kind).join(', ')}), validi per l'XSD e riletti senza perdite`);
  print(`  Errore tipico rilevato prima dell'invio: ${found.errors.map((e) => e.code).join(', ')}${cliExit === null ? '' : `; siuss validate sui file scritti: uscita ${cliExit}`}`);
  return { written, cliExit, brokenErrors: found.errors.map((e) => e.code) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { cliExit } = await main();
  if (cliExit !== 0) process.exit(1);
}
