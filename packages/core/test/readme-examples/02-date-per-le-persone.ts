// SPDX-License-Identifier: BSD-3-Clause
import { formatDate, makeIsoDate } from '@riuso-sociale/core';

// date per chi legge: il primo del mese come ordinale, la preposizione nella forma giusta
const inizio = makeIsoDate(2024, 1, 1)!;
console.log(formatDate(inizio, { preposition: 'from' })); // 'dal 1° gennaio 2024'
console.log(formatDate(makeIsoDate(2024, 3, 8)!, { preposition: 'on' })); // "l'8 marzo 2024"
console.log(formatDate(inizio, { lang: 'en' })); // '1 January 2024'
console.log(formatDate(inizio, { style: 'numeric' })); // '01/01/2024'
