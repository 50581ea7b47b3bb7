// SPDX-License-Identifier: BSD-3-Clause
import { readFileSync } from 'node:fs';
import { buildFlow, parseFlow } from '@riuso-sociale/siuss-schema';

const flow = parseFlow(readFileSync('flusso.xml'));
const { xml, validation } = buildFlow(flow, { validate: true, mode: 'cooperazione' });
console.log(validation); // { kind: 'PS_PSA_SINA', errors: [], warnings: [], records: 1 }
console.log(xml.startsWith('<?xml')); // true

// Le regole INPS, alla gravità scelta: un CFOperatore con il carattere di controllo sbagliato
const wrong = parseFlow(readFileSync('flusso.xml', 'utf8').replace('BNCLRA75M41H501X', 'BNCLRA75M41H501K'));
const built = buildFlow(wrong, { validate: true, severity: { 'siuss.rule.codice_fiscale_check': 'error' } });
console.log(built.validation.errors.map((e) => e.code)); // [ 'siuss.rule.codice_fiscale_check' ]
console.log(buildFlow(wrong) === built.xml); // true
