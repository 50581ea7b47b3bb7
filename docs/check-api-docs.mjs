#!/usr/bin/env node
// SPDX-License-Identifier: BSD-3-Clause
/**
 * Fails the docs build when a public export lacks documentation. TypeDoc 0.28's own
 * `validation.notDocumented` reports nothing (TypeStrong/typedoc#3046), so we read its JSON output:
 * every exported function, class, interface, type alias and variable needs a summary; functions,
 * classes and object-valued variables (schemas, tables) also need an `@example`. Constants whose type
 * is a literal, a primitive, a tuple or an array of literals (limits, code lists) need no example.
 * Every parameter typed `unknown` or `any` needs a `@param` description.
 */
import { readFileSync } from 'node:fs';

const KIND = { Module: 2, Variable: 32, Function: 64, Class: 128, Interface: 256, TypeAlias: 2097152, Reference: 4194304 };
const file = process.argv[2] ?? 'api/api.json';
const project = JSON.parse(readFileSync(file, 'utf8'));

const hasSummary = (c) => Boolean(c?.summary?.some((part) => (part.text ?? '').trim() !== ''));
const hasExample = (c) => Boolean(c?.blockTags?.some((t) => t.tag === '@example'));
const problems = [];
let checked = 0;

function visit(node, where) {
  for (const child of node.children ?? []) {
    const name = `${where}${child.name}`;
    if (child.kind === KIND.Module) {
      visit(child, `${child.name}: `);
      continue;
    }
    const comment = child.kind === KIND.Function ? child.signatures?.[0]?.comment ?? child.comment : child.comment;
    const plainConstant = child.kind === KIND.Variable && ['literal', 'intrinsic', 'tuple', 'typeOperator', 'array'].includes(child.type?.type);
    if ([KIND.Function, KIND.Class, KIND.Variable].includes(child.kind) && !plainConstant) {
      checked++;
      if (!hasSummary(comment)) problems.push(`${name}: no summary / manca la descrizione`);
      else if (!hasExample(comment)) problems.push(`${name}: no @example / manca l'esempio`);
    } else if ([KIND.Interface, KIND.TypeAlias, KIND.Variable].includes(child.kind)) {
      checked++;
      if (!hasSummary(comment)) problems.push(`${name}: no summary / manca la descrizione`);
    }
  }
}

visit(project, '');

/**
 * A parameter typed `unknown` (or `any`) says nothing by its type: the reference page showed
 * `input: unknown` and no words. Every such parameter of every signature (functions, methods, also in
 * interfaces) needs a `@param` description.
 */
let opaque = 0;
function visitParameters(node, where) {
  const name = node.kind === KIND.Module ? '' : `${where}${node.name}`;
  for (const sig of node.signatures ?? []) {
    for (const p of sig.parameters ?? []) {
      if (p.type?.type !== 'intrinsic' || !['unknown', 'any'].includes(p.type.name)) continue;
      opaque++;
      if (!hasSummary(p.comment)) problems.push(`${name}(${p.name}: ${p.type.name}): no @param description / manca la descrizione del parametro`);
    }
  }
  const prefix = node.kind === KIND.Module ? `${node.name}: ` : name === '' ? where : `${name}.`;
  for (const child of node.children ?? []) visitParameters(child, prefix);
  if (node.type?.declaration) visitParameters(node.type.declaration, name === '' ? where : `${name}.`);
}
visitParameters(project, '');
if (checked === 0) {
  console.error(`check-api-docs: no exports found in ${file}`);
  process.exit(1);
}
if (problems.length > 0) {
  console.error(`check-api-docs: ${problems.length} undocumented exports / export non documentati:`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log(`check-api-docs: ${checked} exports documented, with examples where required; ${opaque} parameters typed unknown/any described`);
