// SPDX-License-Identifier: BSD-3-Clause
/**
 * The zod schema of a codice fiscale, for vendors who compose zod schemas.
 * @module
 */
import { z } from 'zod';
import type { FiscalCode } from './types.js';
import { validateFiscalCode } from './validate.js';

function makeSchema(): z.ZodType<FiscalCode, string> {
  return z
    .string({ error: 'Il codice fiscale deve essere una stringa' })
    .transform((value, ctx) => {
      const r = validateFiscalCode(value);
      if (r.ok) return r.value.code;
      for (const issue of r.issues) {
        ctx.addIssue({ code: 'custom', message: issue.message, params: { code: issue.code, messageEn: issue.messageEn, ...issue.params } });
      }
      return z.NEVER;
    }) as unknown as z.ZodType<FiscalCode, string>;
}

/**
 * zod schema of a codice fiscale: trims and upper-cases, validates as `validateFiscalCode` does
 * (default options) and outputs the branded {@link FiscalCode}. Error messages are Italian; each
 * zod issue carries `params.code` (our issue code) and `params.messageEn`.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { fiscalCodeSchema } from '@riuso-sociale/fiscal-code';
 * const Assistito = z.object({ codiceFiscale: fiscalCodeSchema });
 * Assistito.parse({ codiceFiscale: 'rssmra80a01h501u' }).codiceFiscale; // 'RSSMRA80A01H501U'
 * ```
 */
export const fiscalCodeSchema: z.ZodType<FiscalCode, string> = /* @__PURE__ */ makeSchema();
