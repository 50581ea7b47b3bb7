// SPDX-License-Identifier: BSD-3-Clause
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { MAIN_ONCE, withBundledCli } from '../../../test/support/bundled-cli.js';
import { runCli, type CliIo } from './cli.js';
import { evaluate } from './evaluate.js';
import { householdSchema } from './household.js';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const fixture = (name: string): string => join(pkg, 'src', 'fixtures', 'cli', name);
const ADI = fixture('adi-eligible.json');
const NEEDS_INFO = fixture('needs-info.json');
const adiHousehold = householdSchema.parse(JSON.parse(readFileSync(ADI, 'utf8')));

const dir = mkdtempSync(join(tmpdir(), 'eligibility-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function run(args: string[], stdin: string | Uint8Array | null = null, withStdin = true) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    ...(stdin === null || !withStdin
      ? {}
      : {
          stdin: () =>
            (async function* () {
              // In chunks of 64 KiB, as a pipe delivers them.
              const bytes = typeof stdin === 'string' ? new TextEncoder().encode(stdin) : stdin;
              for (let i = 0; i < bytes.length; i += 65536) yield bytes.subarray(i, i + 65536);
            })(),
        }),
  };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const ADI_ARGS = ['--measure', 'adi', '--date', '2025-03-01'];

describe('eligibility evaluate: warnings', () => {
  it('a date after the verified period prints the warning with its code, in the chosen language', async () => {
    const it2030 = await run(['evaluate', ADI, '--measure', 'adi', '--date', '2030-03-01']);
    expect(it2030.code, it2030.err).toBe(0);
    expect(it2030.out).toMatch(/Avvisi \(\d+\)/);
    expect(it2030.out).toContain('[eligibility.parameters_unverified_after]');
    expect(it2030.out).toContain('1° marzo 2030');
    const en = await run(['evaluate', ADI, '--measure', 'adi', '--date', '2030-03-01', '--lang', 'en']);
    expect(en.out).toMatch(/Warnings \(\d+\)/);
    expect(en.out).toContain('1 March 2030');
  });
  it('no warnings, no section', async () => {
    const r = await run(['evaluate', ADI, ...ADI_ARGS]);
    expect(r.out).not.toContain('Avvisi');
  });
});

describe('eligibility evaluate: the explained table', () => {
  it('an eligible ADI household: status, every requirement with mark, act and article, the benefit line by line', async () => {
    const r = await run(['evaluate', ADI, ...ADI_ARGS]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('Misura: Assegno di inclusione (ADI)');
    expect(r.out).toContain('Data: 1° marzo 2025');
    expect(r.out).toContain('Esito: AMMESSO');
    const lines = r.out.split('\n');
    const e = evaluate({ measure: 'adi', date: '2025-03-01', household: adiHousehold });
    if (!e.ok) throw new Error('fixture');
    expect(e.value.requirements.length).toBeGreaterThan(5);
    for (const q of e.value.requirements) {
      const line = lines.find((l) => l.startsWith(`  ✓ ${q.id} `));
      expect(line, q.id).toBeDefined();
      expect(line).toContain(q.message.it);
      expect(line).toContain(`${q.ref.act}, ${q.ref.article}`);
      // The verification status is shown only when the rule was not read in the law text itself.
      expect(line?.includes('[verifica: '), q.id).toBe(q.status !== 'confirmed-primary');
    }
    expect(r.out).toContain('Dati mancanti: nessuno');
    expect(r.out).toContain('Scala di equivalenza: 1,55');
    expect(r.out).toMatch(/^ {4}\+0,40 {2}Un componente maggiorenne con carichi di cura · componente 1 — D\.L\. 4 maggio 2023, n\. 48/m);
    expect(r.out).toMatch(/^ {4}7\.075,00 € all'anno {2}Integrazione del reddito: 6\.500,00 € × 1,55 − reddito 3\.000,00 €/m);
    expect(r.out).toMatch(/^ {4}3\.640,00 € all'anno {2}Quota affitto/m);
    expect(r.out).toContain('Importo annuo: 10.715,00 €');
    expect(r.out).toContain('Importo mensile: 892,92 €');
    expect(r.out).toContain('Pagamento: mensile');
    const b = e.value.benefit;
    if (b === null) throw new Error('fixture');
    const rounding = lines.find((l) => l.startsWith('  Arrotondamento: '));
    expect(rounding).toContain(b.rounding.rule.it);
    expect(rounding?.includes('[verifica: ')).toBe(b.rounding.status !== 'confirmed-primary');
    expect(r.out).toContain(`  Durata: ${b.duration.months} mensilità pagabili. ${b.duration.note.it} — ${b.duration.ref.act}, ${b.duration.ref.article}`);
    expect(r.out).toContain("Valutazione indicativa: la decisione spetta all'INPS.");
    // No birth date is printed.
    expect(r.out).not.toContain('1990-04-02');
    expect(r.out).not.toContain('2023-05-10');
  });

  it('--measure in any case (ADI, Adi)', async () => {
    const lower = await run(['evaluate', ADI, ...ADI_ARGS]);
    for (const m of ['ADI', 'Adi']) {
      const r = await run(['evaluate', ADI, '--measure', m, '--date', '2025-03-01']);
      expect(r.code).toBe(0);
      expect(r.out).toBe(lower.out);
    }
  });

  it('--json: the Evaluation object, 2-space indented, equal to evaluate()', async () => {
    const r = await run(['evaluate', ADI, ...ADI_ARGS, '--json']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\{\n {2}"measure": "adi",/);
    const parsed = JSON.parse(r.out) as { status: string; benefit: { monthlyCents: number; annualCents: number } };
    expect(parsed.status).toBe('eligible');
    expect(parsed.benefit.monthlyCents).toBe(89292);
    expect(parsed.benefit.annualCents).toBe(1071500);
    const e = evaluate({ measure: 'adi', date: '2025-03-01', household: adiHousehold });
    expect(parsed).toEqual(JSON.parse(JSON.stringify(e.ok ? e.value : null)));
  });

  it('--lang en: the same table in English, money as €1,234.56', async () => {
    const r = await run(['evaluate', ADI, ...ADI_ARGS, '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Measure: Inclusion allowance (ADI)');
    expect(r.out).toContain('Outcome: ELIGIBLE');
    expect(r.out).toContain('Requirements (✓ met, ✗ not met, ? fact missing)');
    expect(r.out).toContain('Missing facts: none');
    expect(r.out).toContain('Equivalence scale: 1.55');
    expect(r.out).toMatch(/^ {4}€7,075\.00 per year {2}Income top-up/m);
    expect(r.out).toContain('Annual amount: €10,715.00');
    expect(r.out).toContain('Monthly amount: €892.92');
    expect(r.out).toContain('Payment: monthly');
    expect(r.out).toContain('[verification: law text quoted by a third party]');
    expect(r.out).not.toMatch(/Importo|Esito|Requisiti|all'anno|verifica:/);
  });

  it('a household with facts missing: SERVONO DATI, ? marks, the missing facts listed, no amount', async () => {
    const r = await run(['evaluate', NEEDS_INFO, ...ADI_ARGS]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Esito: SERVONO DATI');
    const e = evaluate({ measure: 'adi', date: '2025-03-01', household: householdSchema.parse(JSON.parse(readFileSync(NEEDS_INFO, 'utf8'))) });
    if (!e.ok) throw new Error('fixture');
    expect(e.value.missing.length).toBeGreaterThan(3);
    expect(r.out).toContain(`Dati mancanti (${e.value.missing.length})\n${e.value.missing.map((m) => `  - ${m}`).join('\n')}\n`);
    for (const q of e.value.requirements.filter((x) => x.outcome === 'unknown')) expect(r.out).toContain(`  ? ${q.id} `);
    expect(r.out).toContain('Importo: non calcolabile finché mancano dati');
    const en = await run(['evaluate', NEEDS_INFO, ...ADI_ARGS, '--lang', 'en']);
    expect(en.out).toContain('Outcome: MORE INFORMATION NEEDED');
    expect(en.out).toContain(`Missing facts (${e.value.missing.length})\n  - `);
    expect(en.out).toContain('Benefit: not computable until the missing facts are given');
  });

  it('a household not eligible: NON AMMESSO, ✗ on the failed requirement, no amount', async () => {
    const rich = { ...JSON.parse(readFileSync(ADI, 'utf8')), isee: { valueCents: 1_100_000 } } as Record<string, unknown>;
    const r = await run(['evaluate', file('rich.json', JSON.stringify(rich)), ...ADI_ARGS]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Esito: NON AMMESSO');
    expect(r.out).toMatch(/^ {2}✗ adi\.isee +ISEE.*11\.000,00 € > 10\.140,00 €/m);
    expect(r.out).toContain('Importo: nessuno (requisiti non soddisfatti)');
    const en = await run(['evaluate', file('rich.json', JSON.stringify(rich)), ...ADI_ARGS, '--lang', 'en']);
    expect(en.out).toContain('Outcome: NOT ELIGIBLE');
  });

  it('a date outside the measure: not eligible with the reason, exit 0', async () => {
    const r = await run(['evaluate', NEEDS_INFO, '--measure', 'rei', '--date', '2025-03-01']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Esito: NON AMMESSO');
    expect(r.out).toMatch(/^ {2}✗ rei\.period +.*non più in vigore/m);
  });

  it('--all: every measure in force on the date, table and JSON', async () => {
    const r = await run(['evaluate', ADI, '--all', '--date', '2025-03-01']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('Misure in vigore il 1° marzo 2025: ADI, SFL');
    expect(r.out).toContain('═══ 1/2 ═══\nMisura: Assegno di inclusione (ADI)');
    expect(r.out).toContain('═══ 2/2 ═══\nMisura: Supporto per la formazione e il lavoro (SFL)');
    const json = await run(['evaluate', ADI, '--all', '--date', '2025-03-01', '--json']);
    const list = JSON.parse(json.out) as { measure: string; status: string }[];
    expect(list.map((e) => e.measure)).toEqual(['adi', 'sfl']);
    expect(list[0]?.status).toBe('eligible');
    const none = await run(['evaluate', ADI, '--all', '--date', '2010-01-01', '--lang', 'en']);
    expect(none.code).toBe(2); // members born after 2010: the input is wrong for that date
    expect(none.err).toContain('  members.1.birthDate: Member 2 is born after the evaluation date');
    const old = await run(['evaluate', file('empty.json', '{}'), '--all', '--date', '2010-01-01', '--lang', 'en']);
    expect(old.code).toBe(0);
    expect(old.out.split('\n')[0]).toBe('No measure in force on 1 January 2010');
  });
});

describe('eligibility evaluate: usage and input errors (exit 2)', () => {
  it('invalid JSON: the place, never the text', async () => {
    const path = file('broken.json', '{\n  "members": [{ "nome": "Mario Rossi", }]\n}');
    const r = await run(['evaluate', path, ...ADI_ARGS]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/broken\.json: JSON non valido \(riga 2, colonna \d+\)$/);
    expect(r.err).not.toContain('Mario');
    const en = await run(['evaluate', path, ...ADI_ARGS, '--lang', 'en']);
    expect(en.err).toMatch(/broken\.json: invalid JSON \(line 2, column \d+\)$/);
    // V8's "Unexpected token" message quotes the input: it must not come through.
    const token = await run(['evaluate', file('token.json', '{"nome": Mario}'), ...ADI_ARGS]);
    expect(token.code).toBe(2);
    expect(token.err).toContain('JSON non valido');
    expect(token.err).not.toContain('Mario');
    const truncated = await run(['evaluate', file('truncated.json', '{"members": ['), ...ADI_ARGS]);
    expect(truncated.err).toContain('JSON non valido (il testo finisce troppo presto)');
    const empty = await run(['evaluate', file('empty-file.json', ''), ...ADI_ARGS]);
    expect(empty.code).toBe(2);
  });

  it('an invalid household: one line per problem with its path, in Italian or English, no values', async () => {
    const household = {
      members: [{ birthDate: '1990-02-30', relation: 'richiedente', nome: 'Mario Rossi' }, { relation: 'nonno' }],
      isee: { valueCents: -5 },
      codiceFiscale: 'RSSMRA80A01H501U',
    };
    const path = file('invalid.json', JSON.stringify(household));
    const r = await run(['evaluate', path, ...ADI_ARGS]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.split('\n')).toEqual([
      `${path}: nucleo familiare non valido (5 problemi)`,
      '  members.0.birthDate: Data di nascita: data non valida (AAAA-MM-GG)',
      '  members.0.nome: campo non previsto (vedi il modello del nucleo)',
      '  members.1.relation: Relazione con il richiedente: uno tra richiedente, coniuge, unito-civilmente, convivente, figlio, genitore, altro-parente, altro',
      "  isee.valueCents: Valore ISEE: l'importo non può essere negativo",
      '  codiceFiscale: campo non previsto (vedi il modello del nucleo)',
    ]);
    for (const secret of ['1990-02-30', 'Mario', 'nonno', '-5', 'RSSMRA80A01H501U']) expect(r.err).not.toContain(secret);
    const en = await run(['evaluate', path, ...ADI_ARGS, '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.err).toContain(`${path}: invalid household (5 problems)`);
    expect(en.err).toContain('  members.0.birthDate: Birth date: invalid date (YYYY-MM-DD)');
    expect(en.err).toContain('  members.0.nome: unexpected field (see the household model)');
  });

  it('wrong types say what was expected; the root has a name; key names are masked and capped', async () => {
    const r = await run(['evaluate', file('list.json', '[1, 2]'), ...ADI_ARGS]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('  (radice): Nucleo: campo non previsto o valore non valido (atteso un oggetto {…})');
    const members = await run(['evaluate', file('members.json', '{"members": "two"}'), ...ADI_ARGS, '--lang', 'en']);
    expect(members.err).toContain('  members: Members: list (expected a list […])');
    const keys = await run(['evaluate', file('keys.json', JSON.stringify({ RSSMRA80A01H501U: 1, ['x'.repeat(500)]: 2, 'a b': 3 })), ...ADI_ARGS]);
    expect(keys.code).toBe(2);
    expect(keys.err).toContain('  RSSMRA******501U: campo non previsto');
    expect(keys.err).toContain(`  ${'x'.repeat(40)}…: campo non previsto`);
    expect(keys.err).toContain('  "a b": campo non previsto');
    expect(keys.err).not.toContain('x'.repeat(41));
    const proto = await run(['evaluate', file('proto.json', '{"__proto__": {"members": []}}'), ...ADI_ARGS]);
    expect(proto.code).toBe(2);
    expect(proto.err).toContain('  __proto__: campo non previsto');
  });

  it('a member born after the date: exit 2 with the path', async () => {
    const r = await run(['evaluate', ADI, '--measure', 'adi', '--date', '2023-01-01']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('  members.1.birthDate: Il componente 2 nasce dopo la data della valutazione');
    expect(r.err).not.toContain('2023-05-10');
  });

  it('--date is required and must be a real date', async () => {
    const missing = await run(['evaluate', ADI, '--measure', 'adi']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('manca --date AAAA-MM-GG: la data è obbligatoria');
    expect(missing.err).toBe(`eligibility: manca --date AAAA-MM-GG: la data è obbligatoria (nessun "oggi" implicito)\neligibility --help per l'uso`);
    for (const bad of ['2025-02-30', '01/03/2025', '2025-3-1', 'oggi']) {
      const r = await run(['evaluate', ADI, '--measure', 'adi', '--date', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.err).toContain('--date: data non valida');
    }
    expect((await run(['scale', ADI])).code).toBe(2);
  });

  it('--measure: unknown, missing, or together with --all', async () => {
    const unknown = await run(['evaluate', ADI, '--measure', 'bonus', '--date', '2025-03-01']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('misura sconosciuta');
    expect(unknown.err).toContain('rei|rdc|pdc|adi|sfl');
    const missing = await run(['evaluate', ADI, '--date', '2025-03-01']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('manca --measure (o --all)');
    const both = await run(['evaluate', ADI, '--all', '--measure', 'adi', '--date', '2025-03-01']);
    expect(both.code).toBe(2);
  });

  it('other usage errors: no file, two files, unknown command or option, option of another command, bad --lang', async () => {
    for (const args of [
      ['evaluate', ...ADI_ARGS],
      ['evaluate', ADI, ADI, ...ADI_ARGS],
      ['decide', ADI, ...ADI_ARGS],
      ['evaluate', ADI, ...ADI_ARGS, '--verbose'],
      ['evaluate', ADI, ...ADI_ARGS, '--scale', 'adi'],
      ['scale', ADI, '--date', '2025-03-01', '--measure', 'adi'],
      ['scale', ADI, '--date', '2025-03-01', '--scale', 'irpef'],
      ['evaluate', ADI, ...ADI_ARGS, '--lang', 'de'],
      ['evaluate', ADI, '--measure'],
      [],
    ]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.out === '' || args.length === 0, args.join(' ')).toBe(true);
    }
  });

  it.each([
    [['evaluate', ADI, '--measure', 'adi', '--date', '2025-03-01', '--x'], 'opzione sconosciuta: --x', 'unknown option: --x'],
    [['evaluate', ADI, '--date'], 'manca il valore di --date', 'missing value for --date'],
    [['decide', ADI], 'comando sconosciuto: decide (comandi: evaluate, scale)', 'unknown command: decide (commands: evaluate, scale)'],
    [['evaluate', '--measure', 'adi', '--date', '2025-03-01'], 'evaluate vuole un file NUCLEO.json (o "-")', 'evaluate takes one HOUSEHOLD.json file (or "-")'],
    [['evaluate', ADI, '--measure', 'adi'], 'manca --date AAAA-MM-GG: la data è obbligatoria (nessun "oggi" implicito)', 'missing --date YYYY-MM-DD: the date is required (no implicit "today")'],
    [['evaluate', ADI, '--measure', 'adi', '--date', 'oggi'], '--date: data non valida, atteso AAAA-MM-GG', '--date: invalid date, expected YYYY-MM-DD'],
    [['evaluate', ADI, '--date', '2025-03-01'], 'manca --measure (o --all)', 'missing --measure (or --all)'],
    [['evaluate', ADI, '--measure', 'bonus', '--date', '2025-03-01'], '--measure: misura sconosciuta, una tra rei|rdc|pdc|adi|sfl', '--measure: unknown measure, one of rei|rdc|pdc|adi|sfl'],
    [['evaluate', ADI, '--all', '--measure', 'adi', '--date', '2025-03-01'], '--all e --measure insieme: indicane uno solo', '--all and --measure together: give only one'],
    [['scale', ADI, '--date', '2025-03-01', '--scale', 'irpef'], '--scale isee|rei|rdc|adi|all', '--scale isee|rei|rdc|adi|all'],
    [['scale', ADI, '--date', '2025-03-01', '--measure', 'adi'], '--measure: non valida per scale', '--measure: not valid for scale'],
    [['evaluate', ADI, '--lang', 'de'], '--lang it|en', '--lang it|en'],
  ])('%j: one line in the chosen language and a hint, not the help', async (args, it, en) => {
    expect(await run(args)).toMatchObject({ code: 2, out: '', err: `eligibility: ${it}\neligibility --help per l'uso` });
    if (args.includes('--lang')) return;
    expect(await run(['--lang', 'en', ...args])).toMatchObject({ code: 2, out: '', err: `eligibility: ${en}\neligibility --help for usage` });
  });

  it('an unreadable file: exit 2 with the system code', async () => {
    const missing = await run(['evaluate', join(dir, 'nope.json'), ...ADI_ARGS]);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe(`${join(dir, 'nope.json')}: file non leggibile (ENOENT)`);
    const directory = await run(['evaluate', dir, ...ADI_ARGS, '--lang', 'en']);
    expect(directory.code).toBe(2);
    expect(directory.err).toBe(`${dir}: cannot read the file (EISDIR)`);
  });
});

describe('eligibility evaluate: standard input and hostile input', () => {
  it('reads stdin for "-" (and says so when there is no stdin)', async () => {
    const r = await run(['evaluate', '-', ...ADI_ARGS], readFileSync(ADI, 'utf8'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('Importo mensile: 892,92 €');
    const bom = await run(['evaluate', '-', ...ADI_ARGS, '--json'], `\uFEFF${readFileSync(ADI, 'utf8')}`);
    expect((JSON.parse(bom.out) as { status: string }).status).toBe('eligible');
    const none = await run(['evaluate', '-', ...ADI_ARGS], '{}', false);
    expect(none.code).toBe(2);
    expect(none.err).toBe("eligibility: stdin non disponibile\neligibility --help per l'uso");
  });

  it('a 5 MB JSON array (file or stdin): refused cleanly, nothing parsed', async () => {
    const big = `[${Array.from({ length: 1_000_000 }, () => '1234').join(',')}]`;
    expect(big.length).toBeGreaterThan(4_900_000);
    const fromFile = await run(['evaluate', file('big.json', big), ...ADI_ARGS]);
    expect(fromFile.code).toBe(2);
    expect(fromFile.err).toMatch(/big\.json: file troppo grande \(oltre 1 MiB\): non è un nucleo familiare$/);
    const fromStdin = await run(['scale', '-', '--date', '2025-03-01', '--lang', 'en'], big);
    expect(fromStdin.code).toBe(2);
    expect(fromStdin.err).toBe('-: file too large (more than 1 MiB): not a household');
  });

  it('a large array just under the limit: parsed, rejected by the schema', async () => {
    const array = `[${Array.from({ length: 200_000 }, () => '1').join(',')}]`;
    const r = await run(['evaluate', file('array.json', array), ...ADI_ARGS]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('(radice)');
  });

  it('deeply nested JSON (100 000+ levels) as members, inside a member, under an unknown key, as the root: exit 2, no crash', async () => {
    const nested = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const deepObject = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    for (const [name, text] of [
      ['deep-members', `{"members": ${nested}}`],
      ['deep-member', `{"members": [{"relation": ${deepObject}}]}`],
      ['deep-unknown', `{"x": ${deepObject}}`],
      ['deep-root', nested],
    ] as const) {
      const r = await run(['evaluate', file(`${name}.json`, text), ...ADI_ARGS]);
      expect(r.code, name).toBe(2);
      expect(r.err, name).toContain('nucleo familiare non valido');
      expect(r.err.length, name).toBeLessThan(2000);
    }
  });

  it('thousands of problems: the first 50 shown, the count always given', async () => {
    const members = Array.from({ length: 3000 }, () => ({ age: -1 }));
    const r = await run(['evaluate', file('many.json', JSON.stringify({ members })), ...ADI_ARGS]);
    expect(r.code).toBe(2);
    const lines = r.err.split('\n');
    expect(lines[0]).toMatch(/nucleo familiare non valido \(3000 problemi\)$/);
    expect(lines).toHaveLength(52);
    expect(lines[51]).toBe('  … e altri 2950');
  });

  it('bytes that are not UTF-8: exit 2', async () => {
    const r = await run(['evaluate', file('latin1.json', new Uint8Array([0x7b, 0x22, 0xe8, 0x22, 0x3a, 0x31, 0x7d])), ...ADI_ARGS]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/latin1\.json: non è testo UTF-8$/);
  });
});

describe('eligibility scale', () => {
  it('all four scales by default; one not in force on the date says so', async () => {
    const r = await run(['scale', ADI, '--date', '2025-03-01']);
    expect(r.code, r.err).toBe(0);
    expect(r.out.split('\n')[0]).toBe('Scale di equivalenza al 1° marzo 2025');
    expect(r.out).toContain('Scala ISEE (DPCM 159/2013): 1,87\n  +1,57  Parametro base per 2 componenti: 1,57 — DPCM 5 dicembre 2013, n. 159, Allegato 1\n');
    expect(r.out).toContain('Scala RdC/PdC (D.L. 4/2019): Il parametro rdc.scale non è in vigore il 1° marzo 2025 (in vigore dal 1° aprile 2019 al 31 dicembre 2023)');
    expect(r.out).toContain('Scala ADI (D.L. 48/2023): 1,55\n');
    expect(r.out).toMatch(/^ {2}\+1,00 {2}Parametro 1 \(componente di riferimento\) · componente 1 — D\.L\. 4 maggio 2023, n\. 48.*art\. 2 c\.4/m);
    expect(r.out).toMatch(/^ {2}\+0,40 {2}Un componente maggiorenne con carichi di cura · componente 1/m);
    expect(r.out).not.toContain('2023-05-10');
  });

  it('ADI: the same scale evaluate uses (care duties derived from the composition)', async () => {
    const r = await run(['scale', ADI, '--date', '2025-03-01', '--scale', 'ADI', '--json']);
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.out) as { date: string; scales: { scale: string; ok: boolean; value: unknown }[] };
    expect(parsed.date).toBe('2025-03-01');
    expect(parsed.scales).toHaveLength(1);
    expect(parsed.scales[0]).toMatchObject({ scale: 'adi', ok: true, value: { hundredths: 155, value: 1.55 } });
    const e = evaluate({ measure: 'adi', date: '2025-03-01', household: adiHousehold });
    expect(parsed.scales[0]?.value).toEqual(JSON.parse(JSON.stringify(e.ok ? e.value.benefit?.scale : null)));
  });

  it('RdC: the first month paid, in words ("dal 1° febbraio 2020"; the JSON keeps YYYY-MM)', async () => {
    const { householdOf } = await import('./fixtures/support.js');
    const h = file('rdc-single.json', JSON.stringify(householdOf('single-adult-renting')));
    const it_ = await run(['evaluate', h, '--measure', 'rdc', '--date', '2020-01-15']);
    expect(it_.out).toContain('Data: 15 gennaio 2020');
    expect(it_.out).toMatch(/^ {2}Durata: 18 mensilità pagabili, dal 1° febbraio 2020\. /m);
    const en = await run(['evaluate', h, '--measure', 'rdc', '--date', '2020-01-15', '--lang', 'en']);
    expect(en.out).toMatch(/^ {2}Duration: 18 payable months, from 1 February 2020\. /m);
    const json = await run(['evaluate', h, '--measure', 'rdc', '--date', '2020-01-15', '--json']);
    expect(JSON.parse(json.out)).toMatchObject({ date: '2020-01-15', benefit: { duration: { firstMonth: '2020-02' } } });
  });

  it('--lang en, --scale rdc on a date in its period', async () => {
    const h = { members: [{ age: 40, relation: 'richiedente', disability: 'none' }, { age: 38, relation: 'coniuge' }, { age: 10, relation: 'figlio' }] };
    const r = await run(['scale', file('rdc.json', JSON.stringify(h)), '--date', '2020-01-15', '--scale', 'rdc', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Equivalence scales on 15 January 2020');
    expect(r.out).toContain('RdC/PdC scale (D.L. 4/2019): 1.60');
    expect(r.out).not.toContain('ISEE scale');
  });

  it('facts missing or no members: the reason, not a crash (exit 0)', async () => {
    const partial = { members: [{ age: 30 }, { age: 2 }] };
    // The reason and the facts are those of evaluate's adi.scale requirement.
    const e = evaluate({ measure: 'adi', date: '2025-03-01', household: partial });
    const req = e.ok ? e.value.requirements.find((q) => q.id === 'adi.scale') : undefined;
    expect(req?.outcome).toBe('unknown');
    expect(req?.missing).toContain('members.0.disability');
    const noDisability = await run(['scale', file('nodis.json', JSON.stringify(partial)), '--date', '2025-03-01', '--scale', 'adi']);
    expect(noDisability.code).toBe(0);
    expect(noDisability.out).toContain(`Scala ADI (D.L. 48/2023): ${req?.message.it ?? ''}\n  Dati mancanti: ${req?.missing.join(', ') ?? ''}`);
    const json = await run(['scale', file('nodis.json', JSON.stringify(partial)), '--date', '2025-03-01', '--scale', 'adi', '--json']);
    expect(JSON.parse(json.out)).toEqual({
      date: '2025-03-01',
      scales: [{ scale: 'adi', ok: false, missing: req?.missing, issues: [{ code: 'rei.cli.scale_not_computable', severity: 'error', path: [], message: req?.message.it, messageEn: req?.message.en, params: {} }] }],
    });
    const empty = await run(['scale', file('empty.json', '{}'), '--date', '2025-03-01', '--lang', 'en']);
    expect(empty.code).toBe(0);
    expect(empty.out).toContain('ISEE scale (DPCM 159/2013): The household has no members');
    expect(empty.out).toContain('ADI scale (D.L. 48/2023): The household has no members');
  });

  it('invalid household or member born after the date: exit 2', async () => {
    const invalid = await run(['scale', file('invalid-scale.json', '{"members": [{"eta": 3}]}'), '--date', '2025-03-01']);
    expect(invalid.code).toBe(2);
    expect(invalid.err).toContain('  members.0.eta: campo non previsto');
    const unborn = await run(['scale', ADI, '--date', '2022-01-01']);
    expect(unborn.code).toBe(2);
    expect(unborn.err).toContain('  members.1.birthDate: Il componente 2 nasce dopo la data della valutazione');
  });
});

describe('eligibility --help, --version', () => {
  it('--help: bilingual, exit 0; the date is documented as required', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Uso / Usage:');
    expect(r.out).toContain('data della domanda, OBBLIGATORIA');
    expect(r.out).toContain('date of the application, REQUIRED');
    expect(r.out).toContain('Uscita / exit: 0');
    expect((await run(['evaluate', '-h'])).code).toBe(0);
  });

  it('--version prints one line', async () => {
    const r = await run(['--version']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\S+$/);
  });
});

// Under CI=true the packages are built before the tests (.ci/run): a missing build fails, never skips.
describe.skipIf(!existsSync(join(pkg, 'dist', 'cli.cjs')) && process.env.CI !== 'true')('the built bin', () => {
  it('bin/eligibility.cjs runs: --version, evaluate from a file and from stdin, exit codes', () => {
    const bin = join(pkg, 'bin', 'eligibility.cjs');
    const version = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { version: string }).version);
    const ok = spawnSync(process.execPath, [bin, 'evaluate', ADI, ...ADI_ARGS], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('Esito: AMMESSO');
    expect(ok.stdout).toContain('Importo mensile: 892,92 €');
    const stdin = spawnSync(process.execPath, [bin, 'evaluate', '-', ...ADI_ARGS, '--json'], { encoding: 'utf8', input: readFileSync(ADI, 'utf8') });
    expect(stdin.status).toBe(0);
    expect((JSON.parse(stdin.stdout) as { benefit: { monthlyCents: number } }).benefit.monthlyCents).toBe(89292);
    const bad = spawnSync(process.execPath, [bin, 'evaluate', ADI, '--measure', 'adi'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(spawnSync(process.execPath, [bin, 'scale', join(dir, 'missing.json'), '--date', '2025-03-01'], { encoding: 'utf8' }).status).toBe(2);
  });
});

describe('eligibility: the real process', () => {
  it('a reader that closes early (| head -1, | grep -q) ends it quietly: no EPIPE stack trace', async () => {
    // Also the same main run many times in one process, so the pipe closes while it still writes.
    const scripts = { 'cli.mjs': MAIN_ONCE, 'loop.mjs': "import { main } from './cli.js'; for (let i = 0; i < 300; i++) await main();" };
    await withBundledCli(new URL('.', import.meta.url), scripts, (work) => {
      for (const reader of ['head -1', 'grep -q Misura']) {
        const once = spawnSync('sh', ['-c', `"$0" "$1" evaluate "$2" --all --date 2025-03-01 | ${reader}`, process.execPath, join(work, 'cli.mjs'), ADI], { encoding: 'utf8' });
        expect(once.stderr, reader).toBe('');
        const many = spawnSync('sh', ['-c', `"$0" "$1" evaluate "$2" --all --date 2025-03-01 | ${reader}`, process.execPath, join(work, 'loop.mjs'), ADI], { encoding: 'utf8' });
        expect(many.stderr, reader).toBe('');
        if (reader === 'head -1') expect(many.stdout).toMatch(/^Misure in vigore il 1° marzo 2025: /);
      }
    });
  }, 60_000);
});
