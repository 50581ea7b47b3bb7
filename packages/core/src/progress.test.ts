// SPDX-License-Identifier: BSD-3-Clause
import { describe, expect, it } from 'vitest';
import { createProgress, formatBytes, formatCount, formatDuration, inputSize, trackBytes, type ProgressOptions, type ProgressStream } from './cli.js';

/** A terminal that records what is written, with a width and an optional failure. */
function fakeTty(options: { isTTY?: boolean; columns?: number; fail?: 'throw' | 'callback' } = {}) {
  const writes: string[] = [];
  const listeners: ((e: Error) => void)[] = [];
  const stream: ProgressStream & { writes: string[]; listeners: ((e: Error) => void)[] } = {
    isTTY: options.isTTY ?? true,
    columns: options.columns,
    writes,
    listeners,
    write(chunk: string, callback?: (error?: Error | null) => void): boolean {
      if (options.fail === 'throw') throw Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
      writes.push(chunk);
      callback?.(options.fail === 'callback' ? Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }) : null);
      return true;
    },
    on(_event: 'error', listener: (e: Error) => void) {
      listeners.push(listener);
    },
    off(_event: 'error', listener: (e: Error) => void) {
      listeners.splice(listeners.indexOf(listener), 1);
    },
  };
  return stream;
}

/** A clock the test moves by hand. */
function fakeClock(start = 1000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => { t += ms; } };
}

const TERM = { TERM: 'xterm-256color' };

/** The text of the last rendering, without the control sequences. */
function lastLine(writes: readonly string[]): string {
  const last = writes[writes.length - 1] ?? '';
  return last.replace(/^\r/, '').replace(/\x1b\[K$/, '');
}

function start(extra: Partial<ProgressOptions> & Pick<ProgressOptions, 'unit'>, streamOptions: Parameters<typeof fakeTty>[0] = {}) {
  const stream = fakeTty(streamOptions);
  const clock = fakeClock();
  const progress = createProgress({ stream, now: clock.now, env: TERM, ...extra });
  return { stream, clock, progress };
}

describe('formatting', () => {
  it('bytes in decimal SI units, in each language', () => {
    expect(formatBytes(0, 'it')).toBe('0 B');
    expect(formatBytes(999, 'en')).toBe('999 B');
    expect(formatBytes(1000, 'en')).toBe('1.0 kB');
    expect(formatBytes(1500, 'it')).toBe('1,5 kB');
    expect(formatBytes(12_345_678, 'it')).toBe('12,3 MB');
    expect(formatBytes(12_345_678, 'en')).toBe('12.3 MB');
    expect(formatBytes(999_999, 'en')).toBe('1.0 MB'); // not "1000.0 kB"
    expect(formatBytes(2_500_000_000, 'it')).toBe('2,5 GB');
    expect(formatBytes(1234.5e12, 'en')).toBe('1.2 PB');
    expect(formatBytes(Number.NaN, 'en')).toBe('0 B');
    expect(formatBytes(-5, 'en')).toBe('0 B');
  });

  it('counts with thousands separators: 1.234.567 and 1,234,567 (four digits grouped too)', () => {
    expect(formatCount(1_234_567, 'it')).toBe('1.234.567');
    expect(formatCount(1_234_567, 'en')).toBe('1,234,567');
    expect(formatCount(1234, 'it')).toBe('1.234');
    expect(formatCount(999, 'it')).toBe('999');
    expect(formatCount(Number.POSITIVE_INFINITY, 'en')).toBe('0');
  });

  it('durations as a clock reads them', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(0.4)).toBe('0:00');
    expect(formatDuration(59.6)).toBe('1:00');
    expect(formatDuration(62)).toBe('1:02');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(Number.NaN)).toBe('0:00');
  });
});

describe('createProgress: when it writes nothing', () => {
  it('not a terminal (a file, a pipe): nothing, ever', () => {
    for (const isTTY of [false, undefined]) {
      const stream = fakeTty();
      (stream as { isTTY?: boolean | undefined }).isTTY = isTTY;
      const clock = fakeClock();
      const p = createProgress({ stream, unit: 'bytes', total: 100, now: clock.now, env: TERM });
      expect(p.active).toBe(false);
      for (let i = 0; i < 10; i++) {
        clock.advance(1000);
        p.update(i * 10);
      }
      p.clear();
      p.finish();
      expect(stream.writes).toEqual([]);
      expect(stream.listeners).toEqual([]);
    }
  });

  it('disabled (--quiet, --json): nothing, even on a terminal', () => {
    const { stream, clock, progress } = start({ unit: 'records', enabled: false });
    clock.advance(5000);
    progress.update(10);
    progress.finish();
    expect(progress.active).toBe(false);
    expect(stream.writes).toEqual([]);
  });

  it('no stream (an injected I/O without one): nothing', () => {
    const clock = fakeClock();
    const p = createProgress({ stream: undefined, unit: 'records', now: clock.now, env: TERM });
    clock.advance(1000);
    p.update(5);
    p.finish();
    expect(p.active).toBe(false);
  });

  it('TERM=dumb (no clear-to-end-of-line): nothing', () => {
    const stream = fakeTty();
    const clock = fakeClock();
    const p = createProgress({ stream, unit: 'records', now: clock.now, env: { TERM: 'dumb' } });
    clock.advance(1000);
    p.update(5);
    expect(stream.writes).toEqual([]);
  });

  it('work shorter than the interval shows nothing, and finish() then writes nothing either', () => {
    const { stream, clock, progress } = start({ unit: 'bytes', total: 1000 });
    progress.update(500);
    clock.advance(200);
    progress.update(1000);
    progress.finish();
    expect(stream.writes).toEqual([]);
  });
});

describe('createProgress: the line', () => {
  it('is throttled to one rendering per 250 ms, however many updates', () => {
    const { stream, clock, progress } = start({ unit: 'records', total: 10_000 });
    let done = 0;
    // 2 seconds of updates every millisecond: at most 8 renderings.
    for (let ms = 0; ms < 2000; ms++) {
      clock.advance(1);
      progress.update(++done);
    }
    expect(stream.writes.length).toBe(8);
    for (const w of stream.writes) expect(w).toMatch(/^\r[^\r\n]*\x1b\[K$/);
  });

  it('honours another interval', () => {
    const { stream, clock, progress } = start({ unit: 'records', intervalMs: 1000 });
    for (let ms = 0; ms < 3000; ms += 10) {
      clock.advance(10);
      progress.add(1);
    }
    expect(stream.writes.length).toBe(3);
  });

  it('bytes with a total, in Italian: done / total, percentage, rate, time left', () => {
    const { stream, clock, progress } = start({ unit: 'bytes', total: 100_000_000, label: 'flusso.xml' });
    clock.advance(1000);
    progress.update(10_000_000);
    expect(lastLine(stream.writes)).toBe('flusso.xml: 10,0 MB / 100,0 MB (10,0%) · 10,0 MB/s · mancano 0:09');
  });

  it('bytes with a total, in English', () => {
    const { stream, clock, progress } = start({ unit: 'bytes', total: 100_000_000, label: 'flow.xml', lang: 'en' });
    clock.advance(2000);
    progress.update(25_000_000);
    expect(lastLine(stream.writes)).toBe('flow.xml: 25.0 MB / 100.0 MB (25.0%) · 12.5 MB/s · 0:06 left');
  });

  it('records with a total, thousands separators in each language', () => {
    const it1 = start({ unit: 'records', total: 2_000_000 });
    it1.clock.advance(1000);
    it1.progress.update(1_234_567);
    expect(lastLine(it1.stream.writes)).toBe('1.234.567 / 2.000.000 record (61,7%) · 1.234.567 record/s · mancano 0:01');
    const en = start({ unit: 'records', total: 2_000_000, lang: 'en' });
    en.clock.advance(1000);
    en.progress.update(1_234_567);
    expect(lastLine(en.stream.writes)).toBe('1,234,567 / 2,000,000 records (61.7%) · 1,234,567 records/s · 0:01 left');
  });

  it('total unknown (stdin from a pipe): done, rate and time elapsed, no percentage, no time left', () => {
    const { stream, clock, progress } = start({ unit: 'records', lang: 'en' });
    clock.advance(1500);
    progress.update(3);
    expect(lastLine(stream.writes)).toBe('3 records · 2.0 records/s · 0:02 elapsed');
    const itp = start({ unit: 'bytes' });
    itp.clock.advance(61_000);
    itp.progress.update(61_000_000);
    expect(lastLine(itp.stream.writes)).toBe('61,0 MB · 1,0 MB/s · trascorsi 1:01');
  });

  it('one record is singular in English', () => {
    const { stream, clock, progress } = start({ unit: 'records', lang: 'en' });
    clock.advance(1000);
    progress.update(1);
    expect(lastLine(stream.writes)).toMatch(/^1 record · /);
  });

  it('records named by the caller: codici, erogazioni (singular and plural)', () => {
    const { stream, clock, progress } = start({ unit: 'records', total: 5000, noun: ['codice', 'codici'] });
    clock.advance(1000);
    progress.update(1234);
    expect(lastLine(stream.writes)).toBe('1.234 / 5.000 codici (24,7%) · 1.234 codici/s · mancano 0:03');
    const one = start({ unit: 'records', noun: ['erogazione', 'erogazioni'] });
    one.clock.advance(1000);
    one.progress.update(1);
    expect(lastLine(one.stream.writes)).toBe('1 erogazione · 1,0 erogazioni/s · trascorsi 0:01');
  });

  it('zero total: 100%, no time left, no division by zero', () => {
    const { stream, clock, progress } = start({ unit: 'bytes', total: 0, lang: 'en' });
    clock.advance(1000);
    progress.update(0);
    expect(lastLine(stream.writes)).toBe('0 B / 0 B (100.0%) · 0 B/s');
  });

  it('at the start (nothing done yet): rate 0, no time left, never Infinity or NaN', () => {
    const { stream, clock, progress } = start({ unit: 'records', total: 1000 });
    clock.advance(300);
    progress.update(0);
    expect(lastLine(stream.writes)).toBe('0 / 1.000 record (0,0%) · 0,0 record/s');
    expect(stream.writes.join('')).not.toMatch(/Infinity|NaN/);
  });

  it('a clock that does not move (same millisecond) never divides by zero', () => {
    const { stream, progress } = start({ unit: 'records', total: 10, intervalMs: 0 });
    progress.update(5);
    progress.update(6);
    expect(stream.writes.join('')).not.toMatch(/Infinity|NaN/);
    expect(lastLine(stream.writes)).toBe('6 / 10 record (60,0%)');
  });

  it('past the total (a file that grew): 100%, no time left', () => {
    const { stream, clock, progress } = start({ unit: 'bytes', total: 1000, lang: 'en' });
    clock.advance(1000);
    progress.update(1500);
    expect(lastLine(stream.writes)).toBe('1.5 kB / 1.0 kB (100.0%) · 1.5 kB/s');
  });

  it('the rate is smoothed: a pause lowers it gradually and the time left grows, no jump to zero', () => {
    const { stream, clock, progress } = start({ unit: 'records', total: 100_000, lang: 'en' });
    for (let s = 1; s <= 10; s++) {
      clock.advance(1000);
      progress.update(s * 1000); // 1,000 records/s
    }
    expect(lastLine(stream.writes)).toContain('1,000 records/s');
    clock.advance(1000);
    progress.update(10_000); // a stall of one second
    const rate = Number(/([\d,]+) records\/s/.exec(lastLine(stream.writes))?.[1]?.replace(/,/g, ''));
    expect(rate).toBeGreaterThan(500);
    expect(rate).toBeLessThan(1000);
  });

  it('a time left beyond 100 hours is not printed', () => {
    const { stream, clock, progress } = start({ unit: 'records', total: 1e12, lang: 'en' });
    clock.advance(1000);
    progress.update(1);
    expect(lastLine(stream.writes)).not.toMatch(/left/);
  });

  it('fits a narrow terminal: the label is shortened (its end kept), then the figures cut; never wraps', () => {
    const wide = start({ unit: 'bytes', total: 100_000_000, label: '/very/long/path/to/the/flusso-2025.xml', lang: 'en' }, { columns: 70 });
    wide.clock.advance(1000);
    wide.progress.update(10_000_000);
    const line = lastLine(wide.stream.writes);
    expect(line.length).toBeLessThanOrEqual(69);
    expect(line).toMatch(/^….*flusso-2025\.xml: 10\.0 MB \/ 100\.0 MB/);
    const narrow = start({ unit: 'bytes', total: 100_000_000, label: 'flusso.xml' }, { columns: 20 });
    narrow.clock.advance(1000);
    narrow.progress.update(10_000_000);
    expect(lastLine(narrow.stream.writes).length).toBeLessThanOrEqual(19);
  });

  it('clear() erases a shown line once; the line comes back at the next update after the interval', () => {
    const { stream, clock, progress } = start({ unit: 'records' });
    progress.clear();
    expect(stream.writes).toEqual([]);
    clock.advance(300);
    progress.update(1);
    progress.clear();
    progress.clear();
    expect(stream.writes.slice(1)).toEqual(['\r\x1b[K']);
    clock.advance(300);
    progress.update(2);
    expect(stream.writes.length).toBe(3);
  });

  it('finish() clears the line, stops, removes its error listener; later calls write nothing', () => {
    const { stream, clock, progress } = start({ unit: 'records', total: 10 });
    expect(stream.listeners.length).toBe(1);
    clock.advance(300);
    progress.update(3);
    progress.finish();
    expect(stream.writes[stream.writes.length - 1]).toBe('\r\x1b[K');
    expect(progress.active).toBe(false);
    expect(stream.listeners).toEqual([]);
    const count = stream.writes.length;
    clock.advance(1000);
    progress.update(9);
    progress.clear();
    progress.finish();
    expect(stream.writes.length).toBe(count);
  });

  it('finishing early (before the total) still clears the line', () => {
    const { stream, clock, progress } = start({ unit: 'bytes', total: 1_000_000 });
    clock.advance(300);
    progress.update(10);
    progress.finish();
    expect(stream.writes[stream.writes.length - 1]).toBe('\r\x1b[K');
  });

  it('ignores nonsense updates (NaN, negative, Infinity)', () => {
    const { stream, clock, progress } = start({ unit: 'records', total: 10 });
    clock.advance(300);
    progress.update(Number.NaN);
    progress.update(-1);
    progress.add(Number.POSITIVE_INFINITY);
    expect(stream.writes).toEqual([]);
  });
});

describe('createProgress: a failing stream never throws', () => {
  it('write throws (EPIPE): progress stops quietly', () => {
    const { stream, clock, progress } = start({ unit: 'records' }, { fail: 'throw' });
    clock.advance(300);
    expect(() => progress.update(1)).not.toThrow();
    expect(progress.active).toBe(false);
    expect(() => progress.finish()).not.toThrow();
    expect(stream.writes).toEqual([]);
  });

  it('write reports an error through its callback: no further writes', () => {
    const { stream, clock, progress } = start({ unit: 'records' }, { fail: 'callback' });
    clock.advance(300);
    progress.update(1);
    clock.advance(300);
    progress.update(2);
    progress.finish();
    expect(stream.writes.length).toBe(1);
  });

  it("an 'error' event on the stream stops it", () => {
    const { stream, clock, progress } = start({ unit: 'records' });
    stream.listeners[0]?.(Object.assign(new Error('write EIO'), { code: 'EIO' }));
    clock.advance(300);
    progress.update(1);
    progress.finish();
    expect(stream.writes).toEqual([]);
  });
});

describe('trackBytes and inputSize', () => {
  it('passes chunks through unchanged and counts their bytes (strings as UTF-8)', async () => {
    const { clock, progress, stream } = start({ unit: 'bytes', intervalMs: 0, lang: 'en' });
    async function* source() {
      yield new Uint8Array(1000);
      clock.advance(1000);
      yield 'è'.repeat(500); // 1000 bytes in UTF-8
    }
    const seen: (Uint8Array | string)[] = [];
    for await (const c of trackBytes(source(), progress)) seen.push(c);
    expect(seen.map((c) => (typeof c === 'string' ? c.length : c.byteLength))).toEqual([1000, 500]);
    expect(lastLine(stream.writes)).toMatch(/^2\.0 kB · /);
  });

  it('inputSize: a file has its size; a missing file or a directory has none', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'progress-'));
    try {
      writeFileSync(join(dir, 'a.xml'), 'x'.repeat(1234));
      expect(await inputSize(join(dir, 'a.xml'))).toBe(1234);
      expect(await inputSize(join(dir, 'missing.xml'))).toBeUndefined();
      expect(await inputSize(dir)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
