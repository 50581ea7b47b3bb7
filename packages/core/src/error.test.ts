// SPDX-License-Identifier: BSD-3-Clause
/**
 * One error class across module systems: two copies of the module (as the ESM and the CommonJS build
 * of @riuso-sociale/core are, or two installed versions) have two different `RiusoError` classes; an
 * error of either is `instanceof` both, and `isRiusoError` recognises it. The packed builds are checked
 * the same way by scripts/smoke-pack.mjs (ESM class, error thrown through require()).
 */
import { describe, expect, it, vi } from 'vitest';
import { createIssue } from './result.js';
import { isRiusoError, RiusoError } from './error.js';

const issue = createIssue('demo.bad', { it: 'Valore errato', en: 'Bad value' });

async function secondCopy(): Promise<typeof import('./error.js')> {
  vi.resetModules();
  return import('./error.js');
}

describe('RiusoError across copies of the module', () => {
  it('a second copy has another class, yet instanceof and isRiusoError hold both ways', async () => {
    const other = await secondCopy();
    expect(other.RiusoError).not.toBe(RiusoError);
    const mine = new RiusoError([issue]);
    const theirs = new other.RiusoError([issue]);
    expect(theirs instanceof RiusoError).toBe(true);
    expect(mine instanceof other.RiusoError).toBe(true);
    expect(isRiusoError(theirs)).toBe(true);
    expect(other.isRiusoError(mine)).toBe(true);
    expect(isRiusoError(theirs, 'demo.bad')).toBe(true);
    expect(isRiusoError(theirs, 'demo.other')).toBe(false);
    expect(theirs instanceof Error).toBe(true);
  });

  it('subclasses: their own instanceof stays the prototype check; the base class and the brand see them', async () => {
    class FiscalLikeError extends RiusoError {}
    const other = await secondCopy();
    class OtherFiscalLikeError extends other.RiusoError {}
    const e = new OtherFiscalLikeError([issue]);
    expect(e instanceof OtherFiscalLikeError).toBe(true);
    expect(e instanceof FiscalLikeError).toBe(false);
    expect(e instanceof RiusoError).toBe(true);
    expect(new FiscalLikeError([issue]) instanceof OtherFiscalLikeError).toBe(false);
    expect(isRiusoError(e)).toBe(true);
  });

  it('nothing else passes: plain errors, look-alikes without the brand, branded objects without issues', () => {
    for (const v of [new Error('x'), null, undefined, 'RiusoError', 42, {}, { code: 'demo.bad', issues: [issue] }, Object.create(null), new TypeError('t')]) {
      expect(isRiusoError(v)).toBe(false);
      expect(v instanceof RiusoError).toBe(false);
    }
    const forged = Object.assign(Object.create(RiusoError.prototype) as object, { code: 1, issues: [] });
    expect(isRiusoError(forged)).toBe(false);
    // The brand is on the prototype: not an own, enumerable or serialised property of an error.
    const e = new RiusoError([issue]);
    expect(Object.getOwnPropertySymbols(e)).toEqual([]);
    expect(Object.keys(e).sort()).toEqual(['code', 'issues', 'name']);
  });
});
