// SPDX-License-Identifier: BSD-3-Clause
import { readFileSync } from 'node:fs';
import { parseFlow, buildFlow, validateFlow } from '@riuso-sociale/siuss-schema';

const xml = readFileSync('flusso.xml');
const { errors, warnings } = validateFlow(xml);
// errors: ciò che l'XSD ufficiale rifiuta, con riga, percorso (Beneficiario[3]/PrestazioniSociali[1]) e attributo
// warnings: le regole INPS che l'XSD non controlla (date e importi obbligatori per carattere, somma delle quote, …)

const flow = parseFlow(xml);          // tipizzato; i valori restano stringhe come scritte ("0.0" resta "0.0")
if (flow.kind === 'PS_PSA_SINA') flow.Beneficiario[0]?.PrestazioniSociali[0]?.CodicePrestazione;
const out = buildFlow(flow);          // XML che l'XSD accetta; mai un file non valido
console.log(validateFlow(out).errors); // []
