// SPDX-License-Identifier: BSD-3-Clause
/** Type tests: the zod schemas produce exactly the generated XSD interfaces and the flow model. */
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type * as X from './generated/types.js';
import type { SiussFlow } from './model.js';
import { siussFlowSchema, siussJsonSchemas, siussSchemas, toJsonSchema, type SiussJsonSchemaName, type SiussSchemaName } from './schemas.js';

describe('schema types', () => {
  it('outputs the generated interfaces, record by record', () => {
    expectTypeOf<z.output<typeof siussSchemas.FlussoPsPsaSina>>().toEqualTypeOf<X.FlussoPsPsaSina>();
    expectTypeOf<z.output<typeof siussSchemas.FlussoSinba>>().toEqualTypeOf<X.FlussoSinba>();
    expectTypeOf<z.output<typeof siussSchemas.IdentificazioneFlusso>>().toEqualTypeOf<X.IdentificazioneFlusso>();
    expectTypeOf<z.output<typeof siussSchemas.Ente>>().toEqualTypeOf<X.Ente>();
    expectTypeOf<z.output<typeof siussSchemas.Beneficiario>>().toEqualTypeOf<X.Beneficiario>();
    expectTypeOf<z.output<typeof siussSchemas.Anagrafica>>().toEqualTypeOf<X.Anagrafica>();
    expectTypeOf<z.output<typeof siussSchemas.Indirizzo>>().toEqualTypeOf<X.Indirizzo>();
    expectTypeOf<z.output<typeof siussSchemas.PrestazioniSociali>>().toEqualTypeOf<X.PrestazioniSociali>();
    expectTypeOf<z.output<typeof siussSchemas.SINA>>().toEqualTypeOf<X.SINA>();
    expectTypeOf<z.output<typeof siussSchemas.NecessitaInterventiSociali>>().toEqualTypeOf<X.NecessitaInterventiSociali>();
    expectTypeOf<z.output<typeof siussSchemas.InvaliditaCivile>>().toEqualTypeOf<X.InvaliditaCivile>();
    expectTypeOf<z.output<typeof siussSchemas.SINBA>>().toEqualTypeOf<X.SINBA>();
    expectTypeOf<z.output<typeof siussSchemas.Prestazioni>>().toEqualTypeOf<X.Prestazioni>();
    expectTypeOf<z.output<typeof siussSchemas.Famiglia>>().toEqualTypeOf<X.Famiglia>();
    expectTypeOf<z.input<typeof siussSchemas.Beneficiario>>().toEqualTypeOf<X.Beneficiario>();
  });

  it('has a schema for every XSD record and nothing else', () => {
    expectTypeOf<SiussSchemaName>().toEqualTypeOf<
      | 'FlussoPsPsaSina' | 'FlussoSinba' | 'IdentificazioneFlusso' | 'Ente' | 'Beneficiario' | 'Anagrafica' | 'Indirizzo'
      | 'PrestazioniSociali' | 'SINA' | 'NecessitaInterventiSociali' | 'InvaliditaCivile' | 'SINBA' | 'Prestazioni' | 'Famiglia'
    >();
  });

  it('outputs the flow model, narrowed by kind', () => {
    expectTypeOf<z.output<typeof siussFlowSchema>>().toEqualTypeOf<SiussFlow>();
    const r = siussFlowSchema.safeParse({});
    if (r.success && r.data.kind === 'SINBA') expectTypeOf(r.data.SINBA[0]).toEqualTypeOf<X.SINBA | undefined>();
    const g = siussSchemas.Anagrafica.parse({});
    expectTypeOf(g.Genere).toEqualTypeOf<'1' | '2'>();
  });

  it('names the JSON Schemas', () => {
    expectTypeOf(siussJsonSchemas()).toEqualTypeOf<Record<SiussJsonSchemaName, z.core.JSONSchema.BaseSchema>>();
    toJsonSchema('SiussFlow');
    // @ts-expect-error only XSD record names (and SiussFlow)
    toJsonSchema('Flusso');
  });
});
