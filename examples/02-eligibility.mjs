// SPDX-License-Identifier: BSD-3-Clause
/**
 * Esempio 2 — misure contro la povertà: per ogni nucleo di examples/data/households.json, la tabella
 * spiegata di REI (domanda del 2018), Reddito di cittadinanza (2019) e Assegno di inclusione (2025):
 * esito, ogni requisito con il suo messaggio e il riferimento di legge, i dati mancanti, l'importo voce
 * per voce (scala, annuo, mensile, arrotondamento, durata). Poi che cosa succede quando manca un fatto,
 * e un riepilogo. Dati di fantasia; valutazione indicativa: la decisione spetta all'INPS.
 *
 * Di norma stampa solo la tabella degli importi mensili, il caso del fatto mancante e un riepilogo;
 * la tabella spiegata di ogni valutazione (circa 350 righe) con `--detail` o `EXAMPLES_DETAIL=1`.
 *
 * Example 2 — anti-poverty measures: for each household of data/households.json, REI (2018), RdC (2019)
 * and ADI (2025); then a missing fact; then a summary. By default a compact table of monthly amounts;
 * the explained evaluation of each (requirements with their legal references, the amount item by item,
 * ~350 lines) with `--detail` or `EXAMPLES_DETAIL=1`.
 * Run: `npm run examples` (detail: `npm run examples -- --detail`), or after `npm run build`
 * `node examples/02-eligibility.mjs [--detail]`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { evaluate, MEASURES } from '@riuso-sociale/rei-eligibility';
import { formatCents, formatDate } from '@riuso-sociale/core';

/** The measures and the date of the (fictitious) application for each. */
export const MEASURE_DATES = [
  { measure: 'rei', label: 'REI', date: '2018-09-01' },
  { measure: 'rdc', label: 'RdC', date: '2019-06-01' },
  { measure: 'adi', label: 'ADI', date: '2025-03-01' },
];

const STATUS = { eligible: 'AMMESSO', ineligible: 'NON AMMESSO', 'needs-info': 'SERVONO DATI' };
const MARK = { pass: '✓', fail: '✗', unknown: '?' };
const VERIFICATION = {
  'confirmed-primary': '',
  'confirmed-quoted': ' [verifica: testo di legge citato da terzi]',
  secondary: ' [verifica: solo fonti secondarie]',
  unverified: ' [verifica: NON VERIFICATO]',
};

/** Integer cents → `1.234,56 €` (exact: no floating point). */
export const euro = (cents) => formatCents(cents);

/** Scale hundredths → `1,55` (signed: `+0,15`). */
function scale(hundredths, signed = false) {
  const sign = hundredths < 0 ? '-' : signed ? '+' : '';
  const abs = Math.abs(hundredths);
  return `${sign}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

const source = (ref, status) => ` — ${ref.act}, ${ref.article}${VERIFICATION[status] ?? ''}`;

/** The explained table of one evaluation, as lines. */
function evaluationLines(e) {
  const lines = [`Esito: ${STATUS[e.status]}`, 'Requisiti (✓ soddisfatto, ✗ non soddisfatto, ? dato mancante)'];
  const width = Math.max(...e.requirements.map((r) => r.id.length));
  for (const r of e.requirements) lines.push(`  ${MARK[r.outcome]} ${r.id.padEnd(width)}  ${r.message.it}${source(r.ref, r.status)}`);
  lines.push(e.missing.length === 0 ? 'Dati mancanti: nessuno' : `Dati mancanti (${e.missing.length}): ${e.missing.join(', ')}`);
  const b = e.benefit;
  if (b === null) {
    lines.push(e.status === 'needs-info' ? 'Importo: non calcolabile finché mancano dati' : 'Importo: nessuno (requisiti non soddisfatti)');
    return lines;
  }
  lines.push('Importo');
  if (b.scale !== null) {
    lines.push(`  Scala di equivalenza: ${scale(b.scale.hundredths)}${b.scale.capped ? ' (al massimo)' : ''}`);
    for (const c of b.scale.components) {
      const member = c.member === undefined ? '' : ` · componente ${c.member + 1}`;
      lines.push(`    ${scale(c.hundredths, true).padStart(6)}  ${c.reason.it}${member}`);
    }
  }
  for (const c of b.components) lines.push(`  ${`${euro(c.cents)} ${c.per === 'year' ? "all'anno" : 'al mese'}`.padStart(22)}  ${c.label.it}${source(c.ref, c.status)}`);
  lines.push(`  Importo annuo: ${euro(b.annualCents)}`);
  lines.push(`  Importo mensile: ${euro(b.monthlyCents)}`);
  lines.push(`  Pagamento: ${b.payment === 'monthly' ? 'mensile' : "un'unica rata annua anticipata"}`);
  lines.push(`  Arrotondamento: ${b.rounding.rule.it}${VERIFICATION[b.rounding.status] ?? ''}`);
  const d = b.duration;
  lines.push(`  Durata: ${d.months} mensilità${d.firstMonth === undefined ? '' : `, ${formatDate(`${d.firstMonth}-01`, { preposition: 'from' })}`}. ${d.note.it}${source(d.ref, d.status)}`);
  if (d.firstRenewalMonthCents !== undefined) lines.push(`  Prima mensilità del rinnovo: ${euro(d.firstRenewalMonthCents)}`);
  return lines;
}

/** One evaluation reduced to what the summary and the tests need. */
function outcome(household, measure, date, e) {
  return {
    household,
    measure,
    date,
    status: e.status,
    monthlyCents: e.benefit?.monthlyCents ?? null,
    annualCents: e.benefit?.annualCents ?? null,
    failed: e.requirements.filter((r) => r.outcome === 'fail').map((r) => r.id),
    missing: [...e.missing],
  };
}

/**
 * Runs the example, printing through `print`; returns every outcome. `detail`: print the explained
 * evaluation of every household and measure (the CLI: `--detail` or `EXAMPLES_DETAIL=1`); otherwise only
 * the table of monthly amounts, the missing fact and the summary.
 */
export async function main(print = console.log, { file = new URL('./data/households.json', import.meta.url), detail = false } = {}) {
  const { households } = JSON.parse(readFileSync(fileURLToPath(file), 'utf8'));
  const results = [];

  if (!detail) {
    print(`Nuclei: ${households.length} (examples/data/households.json); misure: ${MEASURE_DATES.map(({ label, date }) => `${label} ${formatDate(date, { style: 'numeric' })}`).join(', ')}`);
    print('Dettaglio di ogni valutazione (requisiti con i riferimenti di legge, importo voce per voce): --detail o EXAMPLES_DETAIL=1');
  }
  for (const { id, nome, household } of households) {
    const n = household.members.length;
    if (detail) print(`\n════ ${nome} [${id}], ${n} ${n === 1 ? 'componente' : 'componenti'} ════`);
    for (const { measure, date } of MEASURE_DATES) {
      const r = evaluate({ measure, date, household });
      if (!r.ok) throw new Error(`${id}/${measure}: ${r.issues.map((i) => `${i.code} ${i.message}`).join('; ')}`);
      if (detail) {
        print(`\n── ${MEASURES[measure].description.it}, domanda presentata ${formatDate(date, { preposition: 'on' })} ──`);
        for (const line of evaluationLines(r.value)) print(line);
        print(`Traccia per l'audit: ${r.value.trace.format}, ${r.value.trace.parameters.length} parametri datati letti`);
      }
      results.push(outcome(id, measure, date, r.value));
    }
  }

  // A fact left out: the engine never guesses it, it says which one to ask for.
  const single = households.find((h) => h.id === 'adulto-solo-in-affitto');
  const withoutFact = structuredClone(single.household);
  delete withoutFact.members[0].certifiedCareProgramme;
  const unknown = evaluate({ measure: 'adi', date: '2025-03-01', household: withoutFact });
  if (!unknown.ok) throw new Error(unknown.issues[0].message);
  const needsInfo = { status: unknown.value.status, missing: [...unknown.value.missing] };
  if (detail) {
    print('\n════ Se manca un fatto / a missing fact ════');
    print(`Adulto solo, ADI 2025-03-01, senza dire se è in un programma di cura certificato: ${STATUS[unknown.value.status]}`);
    for (const r of unknown.value.requirements.filter((q) => q.outcome !== 'pass')) print(`  ${MARK[r.outcome]} ${r.id}  ${r.message.it}`);
    print(`  Da chiedere: ${unknown.value.missing.join(', ')}`);
  }

  print('\n════ Importo mensile / monthly amount ════');
  const header = ['nucleo'.padEnd(26), ...MEASURE_DATES.map(({ label, date }) => `${label} ${date}`.padEnd(30))].join('');
  print(header.trimEnd());
  for (const { id } of households) {
    const cells = MEASURE_DATES.map(({ measure }) => {
      const o = results.find((x) => x.household === id && x.measure === measure);
      const text = o.status === 'eligible' ? euro(o.monthlyCents) : o.status === 'ineligible' ? `no (${o.failed.join(', ')})` : `dati: ${o.missing.join(', ')}`;
      return text.padEnd(30);
    });
    print(`${id.padEnd(26)}${cells.join('')}`.trimEnd());
  }

  const count = (status) => results.filter((o) => o.status === status).length;
  const best = results.filter((o) => o.monthlyCents !== null).reduce((a, o) => (o.monthlyCents > a.monthlyCents ? o : a));
  print('\n== Riepilogo / summary ==');
  print(`  ${households.length} nuclei × ${MEASURE_DATES.length} misure = ${results.length} valutazioni: ${count('eligible')} ammesse, ${count('ineligible')} non ammesse, ${count('needs-info')} con dati mancanti`);
  print(`  Importo mensile più alto: ${euro(best.monthlyCents)} (${best.household}, ${best.measure.toUpperCase()}); senza un fatto: ${STATUS[needsInfo.status]}, da chiedere ${needsInfo.missing.join(', ')}`);
  print("  Valutazione indicativa: la decisione spetta all'INPS.");
  return { results, needsInfo };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(console.log, { detail: process.argv.slice(2).includes('--detail') || process.env.EXAMPLES_DETAIL === '1' });
}
