// SPDX-License-Identifier: BSD-3-Clause
/**
 * Documentation generated from the machines: the Mermaid `stateDiagram-v2` of a machine's table and the
 * Markdown page of a lifecycle (docs/lifecycles/<kind>.md, written by scripts/lifecycle-docs.mjs and
 * checked by a test so that the pages cannot drift from the code).
 * @module
 */
import type { LifecycleKind } from '../states.js';
import { STATES } from '../states.js';
import type { LocalizedText } from '@riuso-sociale/core';
import type { LifecycleRule } from './define.js';

const ENTERED_IN_ERROR = 'entered-in-error';

const node = (state: string): string => state.replaceAll('-', '_');

/**
 * One event of a machine's table, as the documentation reads it.
 *
 * @example
 * ```ts
 * import { diarioMachine, type MachineTableEvent } from '@riuso-sociale/csi-model';
 * const firma: MachineTableEvent = diarioMachine.spec.firma;
 * ```
 */
export interface MachineTableEvent {
  /** States the event may start from. */
  readonly from: readonly string[];
  /** State it leads to. */
  readonly to: string;
  /** A reason is mandatory. */
  readonly reasonRequired?: boolean | undefined;
  /** Name of the event, Italian and English. */
  readonly label: LocalizedText;
}

/**
 * What the documentation reads of a machine: kind, initial state, events and their table (any
 * `Machine` is one).
 *
 * @example
 * ```ts
 * import { diarioMachine, type MachineTable } from '@riuso-sociale/csi-model';
 * const t: MachineTable = diarioMachine;
 * ```
 */
export interface MachineTable {
  /** The entity kind. */
  readonly kind: LifecycleKind;
  /** The state of a new entity. */
  readonly initial: string;
  /** The events, in table order. */
  readonly events: readonly string[];
  /** The table: each event's starting states, target state, reason requirement and name. */
  readonly spec: Readonly<Record<string, MachineTableEvent>>;
}

/**
 * What the documentation page reads of a lifecycle (any `LifecycleDefinition` is one).
 *
 * @example
 * ```ts
 * import { LIFECYCLES, type LifecycleDoc } from '@riuso-sociale/csi-model';
 * const d: LifecycleDoc = LIFECYCLES.diario;
 * ```
 */
export interface LifecycleDoc {
  /** The entity kind. */
  readonly kind: LifecycleKind;
  /** The machine's table. */
  readonly machine: MachineTable;
  /** Title of the page, Italian and English. */
  readonly title: LocalizedText;
  /** What the lifecycle covers, Italian and English. */
  readonly summary: LocalizedText;
  /** Sources of the states and events. */
  readonly sources: readonly string[];
  /** Rules enforced by the guards. */
  readonly rules: readonly LifecycleRule[];
  /** Notes (design choices, limits), Italian and English. */
  readonly notes?: readonly LocalizedText[] | undefined;
}

/**
 * The Mermaid `stateDiagram-v2` of a machine, generated from its table: one arrow per (from, to) pair
 * labelled with its events, `[*]` into the initial state, and `[*]` out of every state left only by
 * `segna-errore` (or by events that stay in it). State names with hyphens get an alias (`in_lista_attesa`).
 *
 * @example
 * ```ts
 * import { toMermaid, diarioMachine } from '@riuso-sociale/csi-model';
 * toMermaid(diarioMachine).split('\n')[0]; // 'stateDiagram-v2'
 * ```
 */
export function toMermaid(machine: MachineTable): string {
  const states = STATES[machine.kind] as readonly string[];
  const lines = ['stateDiagram-v2'];
  for (const s of states) if (s.includes('-')) lines.push(`    state "${s}" as ${node(s)}`);
  lines.push(`    [*] --> ${node(machine.initial)}`);
  const edges = new Map<string, { from: string; to: string; events: string[] }>();
  const spec = machine.spec as Readonly<Record<string, MachineTableEvent | undefined>>;
  for (const event of machine.events) {
    const e = spec[event];
    if (e === undefined) continue;
    for (const from of e.from) {
      const key = `${from}\u0000${e.to}`;
      const edge = edges.get(key) ?? { from, to: e.to, events: [] };
      edge.events.push(event);
      edges.set(key, edge);
    }
  }
  const ordered = [...edges.values()].sort((a, b) => {
    const aErr = a.to === ENTERED_IN_ERROR ? 1 : 0;
    const bErr = b.to === ENTERED_IN_ERROR ? 1 : 0;
    return aErr - bErr || states.indexOf(a.from) - states.indexOf(b.from) || states.indexOf(a.to) - states.indexOf(b.to);
  });
  for (const e of ordered) lines.push(`    ${node(e.from)} --> ${node(e.to)}: ${e.events.join(', ')}`);
  for (const s of states) {
    const out = [...edges.values()].filter((e) => e.from === s && e.to !== ENTERED_IN_ERROR && e.to !== s);
    if (out.length === 0) lines.push(`    ${node(s)} --> [*]`);
  }
  return lines.join('\n');
}

const cell = (s: string): string => s.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** The marker at the top of every generated page. */
const GENERATED = '<!-- Generato da packages/csi-model/scripts/lifecycle-docs.mjs dalle macchine: non modificare a mano. / Generated from the machines: do not edit by hand. -->';

/**
 * The Markdown page of a lifecycle (Italian first, English after): summary, the Mermaid diagram of
 * {@link toMermaid}, the events table (event, from, to, reason required, guard rules), the rules with
 * their sources, notes and sources.
 *
 * @example
 * ```ts
 * import { lifecycleMarkdown, LIFECYCLES } from '@riuso-sociale/csi-model';
 * lifecycleMarkdown(LIFECYCLES.diario).includes('```mermaid'); // true
 * ```
 */
export function lifecycleMarkdown(def: LifecycleDoc): string {
  const m = def.machine;
  const spec = m.spec as Readonly<Record<string, MachineTableEvent | undefined>>;
  const out: string[] = [];
  out.push(GENERATED, '');
  out.push(`# Ciclo di vita: ${def.title.it}`, '', `*Lifecycle: ${def.title.en}*`, '');
  out.push(def.summary.it, '', `*${def.summary.en}*`, '');
  out.push(
    `Stato iniziale: \`${m.initial}\`. Stati: ${(STATES[def.kind] as readonly string[]).map((s) => `\`${s}\``).join(', ')}. Nessun record si cancella: \`segna-errore\` (con motivo) porta da ogni stato a \`entered-in-error\`, da cui non si esce.`,
    '',
    `*Initial state: \`${m.initial}\`. Nothing is deleted: \`segna-errore\` (with a reason) leads from every state to \`entered-in-error\`, which has no way out.*`,
    '',
  );
  out.push('## Diagramma / Diagram', '', '```mermaid', toMermaid(m), '```', '');
  out.push('## Eventi / Events', '');
  out.push('| evento / event | nome / name | da / from | a / to | motivo obbligatorio / reason required | regole / rules |', '|---|---|---|---|---|---|');
  for (const event of m.events) {
    const e = spec[event];
    if (e === undefined) continue;
    const rules = def.rules.filter((r) => r.events.includes(event)).map((r) => `\`${r.id}\``);
    out.push(
      `| \`${event}\` | ${cell(e.label.it)} / ${cell(e.label.en)} | ${e.from.map((s) => `\`${s}\``).join(', ')} | \`${e.to}\` | ${e.reasonRequired ? 'sì / yes' : 'no'} | ${rules.length > 0 ? rules.join(', ') : '—'} |`,
    );
  }
  out.push('');
  out.push('## Regole / Rules', '');
  if (def.rules.length === 0) out.push('Nessuna regola oltre alla tabella degli eventi. / *No rule besides the events table.*', '');
  for (const r of def.rules) {
    out.push(`### \`${r.id}\``, '');
    const where = r.events.map((e) => (e === 'crea' ? '`crea` (controllo alla creazione / creation check)' : `\`${e}\``));
    if (where.length > 0) out.push(`Eventi / events: ${where.join(', ')}`, '');
    if (r.helpers !== undefined && r.helpers.length > 0) out.push(`Funzioni / functions: ${r.helpers.map((h) => `\`${h}\``).join(', ')}`, '');
    out.push(r.text.it, '', `*${r.text.en}*`, '', `Fonte / source: ${r.source}`, '');
  }
  if (def.notes !== undefined && def.notes.length > 0) {
    out.push('## Note / Notes', '');
    for (const n of def.notes) out.push(`- ${n.it}`, `  *${n.en}*`);
    out.push('');
  }
  out.push('## Fonti / Sources', '');
  for (const s of def.sources) out.push(`- ${s}`);
  out.push('');
  return out.join('\n');
}

/**
 * The Mermaid block of a generated page (the text between "```mermaid" and "```"), or `null`.
 *
 * @example
 * ```ts
 * import { mermaidBlock } from '@riuso-sociale/csi-model';
 * mermaidBlock('# x\n```mermaid\nstateDiagram-v2\n```\n'); // 'stateDiagram-v2'
 * ```
 */
export function mermaidBlock(markdown: string): string | null {
  const m = /```mermaid\n([\s\S]*?)\n```/.exec(markdown);
  return m === null ? null : (m[1] ?? null);
}
