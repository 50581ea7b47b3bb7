#!/usr/bin/env node
// SPDX-License-Identifier: BSD-3-Clause
/**
 * Writes the sample citizen views that the guide pages docs/guida/fascicolo.md and
 * docs/en/guide/fascicolo.md show in an iframe: the real output of `renderHtml` of
 * `@riuso-sociale/fascicolo`, for views that `buildCitizenView` makes from csi-model's sample record
 * (Mario Rossi: a request taken in charge, an assessment, a personal plan, home care and its payment,
 * a diary note, a confidential document, a consent, a support network, an ISEE household, an
 * appointment). Both purposes, in Italian and in English:
 *
 *   docs/public/fascicolo/area-personale.html        portal, Italian
 *   docs/public/fascicolo/richiesta-di-accesso.html  access request (the operator's draft), Italian
 *   docs/public/fascicolo/portal.html                portal, English
 *   docs/public/fascicolo/access-request.html        access request, English
 *
 * Generated at every `npm run build` / `npm run dev` (docs/), so the pages can never drift from the
 * code; not versioned (docs/.gitignore). The package's TypeScript sources are read through the
 * `@riuso-sociale/source` export condition, bundled with esbuild (a devDependency of the repository
 * root), so no build of the packages is needed, as for the rest of the site.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'public', 'fascicolo');

/** The day of the sample views (the record's events are of 2025). */
export const SAMPLE_AS_OF = '2026-03-01';

/** The files, by purpose and language. */
export const FILES = {
  portal: { it: 'area-personale.html', en: 'portal.html' },
  'access-request': { it: 'richiesta-di-accesso.html', en: 'access-request.html' },
};

// The module bundled and run: csi-model's sample record (its records about Mario only: the sample
// court order is about his daughter), the view of each purpose, and `renderHtml`.
const ENTRY = `
import { buildCitizenView, renderHtml } from '@riuso-sociale/fascicolo';
import { sampleEntities } from '../../packages/csi-model/src/entities/samples.ts';

export function render(purpose, locale, asOf) {
  const s = sampleEntities();
  const record = {
    persona: s.persona, cartella: [s.cartella], accesso: [s.accesso], 'presa-in-carico': [s['presa-in-carico']],
    valutazione: [s.valutazione], progetto: [s.progetto], obiettivo: [s.obiettivo], intervento: [s.intervento],
    erogazione: [s.erogazione], diario: [s.diario], documento: [s.documento], consenso: [s.consenso],
    'rete-sociale': [s['rete-sociale']], 'nucleo-familiare': [s['nucleo-familiare']], appuntamento: [s.appuntamento],
    servizio: [s.servizio],
  };
  const r = buildCitizenView(record, {
    subject: s.persona.id, requester: { kind: 'interessato', codiceFiscale: s.persona.codiceFiscale }, purpose, asOf, locale,
  });
  if (!r.ok) throw new Error(r.issues.map((i) => i.code + ' ' + i.messageEn).join('; '));
  return { html: renderHtml(r.value, { locale }), view: r.value };
}
`;

/** Bundles {@link ENTRY} and returns its `render` function. */
async function loadRenderer() {
  const bundled = await build({
    stdin: { contents: ENTRY, resolveDir: here, loader: 'js', sourcefile: 'fascicolo-entry.js' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    conditions: ['@riuso-sociale/source'],
    logLevel: 'silent',
  });
  const tmp = join(here, '..', '.vitepress', 'generated');
  mkdirSync(tmp, { recursive: true });
  const file = join(tmp, `fascicolo-render-${process.pid}.mjs`);
  writeFileSync(file, bundled.outputFiles[0]?.text ?? '');
  try {
    return (await import(pathToFileURL(file).href)).render;
  } finally {
    rmSync(file, { force: true });
  }
}

const render = await loadRenderer();
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const written = [];
for (const [purpose, byLocale] of Object.entries(FILES)) {
  for (const [locale, name] of Object.entries(byLocale)) {
    const { html, view } = render(purpose, locale, SAMPLE_AS_OF);
    if (!html.startsWith('<!doctype html>') || view.purpose !== purpose) throw new Error(`fascicolo: unexpected output for ${purpose}/${locale}`);
    writeFileSync(join(out, name), html);
    written.push(`${name} (${view.timeline.length} voci, ${view.needsReview.length} in revisione)`);
  }
}
console.log(`fascicolo: ${written.length} sample views in docs/public/fascicolo/: ${written.join(', ')}`);
