// SPDX-License-Identifier: BSD-3-Clause
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { citizenViewJsonSchema, renderHtml, toJson, type CitizenView } from '@riuso-sociale/fascicolo';

// La risposta a una richiesta di accesso, dopo la revisione: la copia elettronica (art. 15(3)),
// il suo schema per chi la legge, e la stessa vista come pagina HTML da stampare o convertire in PDF.
export function consegna(view: CitizenView, cartella: string): string[] {
  if (view.needsReview.length > 0 || view.wholeViewReview.length > 0) throw new Error('prima si decidono le voci in revisione');
  mkdirSync(cartella, { recursive: true });
  const file = { json: join(cartella, 'copia.json'), schema: join(cartella, 'copia.schema.json'), html: join(cartella, 'copia.html') };
  writeFileSync(file.json, toJson(view)); // JSON.parse(...) rilegge la vista, identica
  writeFileSync(file.schema, `${JSON.stringify(citizenViewJsonSchema, null, 2)}\n`); // JSON Schema draft 2020-12
  writeFileSync(file.html, renderHtml(view, { locale: view.locale })); // una pagina sola: niente script né risorse esterne
  return [file.json, file.schema, file.html];
}
