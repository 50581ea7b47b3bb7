// SPDX-License-Identifier: BSD-3-Clause
import {
  computeFiscalCode, validateFiscalCode, decodeFiscalCode, matchFiscalCode,
} from '@riuso-sociale/fiscal-code';

// birthPlace anche per nome: { name: 'Roma' }, { name: 'Paternò', province: 'CT' }
console.log(computeFiscalCode({ surname: 'Rossi', name: 'Mario', sex: 'M', birthDate: '1980-01-01', birthPlace: 'H501' })); // 'RSSMRA80A01H501U'

const r = validateFiscalCode(' rssmra80a32h501c ');
// con il messaggio in italiano (message) e inglese (messageEn)
if (!r.ok) console.log(r.issues[0].code); // 'cf.day'

const cf = decodeFiscalCode('MCHFDA07A01D877A');
console.log(cf.sex, cf.birthDate, cf.birthDateCandidates); // 'M' '1907-01-01' [ '2007-01-01', '1907-01-01' ]
// Gallico è stato soppresso nel 1927: il secolo giusto è il 1900.
console.log(cf.birthPlace?.code, cf.birthPlace?.name, cf.birthPlace?.province, cf.birthPlace?.validTo); // 'D877' 'Gallico' 'RC' '1927-08-02'

console.log(matchFiscalCode('RSSMRA80A01H50MM', { surname: 'Rossi', name: 'Mario', birthDate: '1980-01-01' }).consistent); // true
