// SPDX-License-Identifier: BSD-3-Clause
import { createReadStream } from 'node:fs';
import { readFlowRecords, validateFlowStream } from '@riuso-sociale/siuss-schema';

const summary = await validateFlowStream(createReadStream('flusso-1GB.xml'));
// { kind, errors, warnings, records, errorCount, warningCount, truncated } — memoria limitata (un record alla volta)
console.log(summary.kind, summary.errorCount, summary.truncated); // 'PS_PSA_SINA' 0 false

for await (const event of readFlowRecords(createReadStream('flusso.xml'))) {
  if (event.type === 'record') console.log(event.index, event.issues.length, event.warnings.length); // 0 0 0
}
