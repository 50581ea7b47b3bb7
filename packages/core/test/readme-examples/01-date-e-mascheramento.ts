// SPDX-License-Identifier: BSD-3-Clause
import { addDays, ageOn, isIsoDate, makeIsoDate, maskFiscalCode, todayInItaly } from '@riuso-sociale/core';

const d: string = '2024-02-28'; // una stringa qualunque, per esempio da un modulo
console.log(isIsoDate('2023-02-29')); // false
if (isIsoDate(d)) {
  // date di calendario, mai spostate dal fuso orario della macchina
  console.log(addDays(d, 1)); // '2024-02-29'
  console.log(ageOn(d, makeIsoDate(2025, 2, 28)!)); // 1
}
// la data di oggi a Roma, qualunque sia il fuso della macchina
console.log(isIsoDate(todayInItaly())); // true
console.log(maskFiscalCode('RSSMRA80A01H501U')); // 'RSSMRA******501U'
