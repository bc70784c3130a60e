import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { asInt, asText, eventCallDetails, eventCallId, MAX_CONTENT_KEYS, MAX_HOLDLIST_ITEMS, MAX_STRING, parseEnvelope, parseHoldList, parseSetGuid } from '../../electron/core/envelope';
import { MalformedResponseError } from '../../electron/core/errors';
import { isCallId } from '../../shared/model';

// Property-based tests of the gateway parsers (issue 7, item 6): whatever a hostile or broken
// gateway sends, parsing ends in a well-formed value or a MalformedResponseError, in bounded time,
// and nothing it returns can carry prototype keys, unbounded strings or deep nesting further.
// Reproducible by default (fixed seed); FUZZ_SEED and FUZZ_SCALE explore further, e.g.
// `FUZZ_SCALE=50 npx vitest run tests/unit/envelope-fuzz.test.ts`. Counts go to test-results/fuzz-counts.json.

const SEED = Number(process.env.FUZZ_SEED ?? 7_2025);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
/**
 * A parse that takes longer than this on one input is a finding (inputs stay under the 1 MiB
 * transport cap). Generous, because the machine may be busy: it is there to catch quadratic or
 * worse behaviour, which on these inputs takes far longer, not to measure speed.
 */
const SLOW_MS = 2_000;

// A deeper exploration takes proportionally longer than the default per-test timeout.
vi.setConfig({ testTimeout: 20_000 * Math.max(1, SCALE) });

const counts: Record<string, { runs: number; failures: number }> = {};

function check<T>(name: string, arb: fc.Arbitrary<T>, predicate: (value: T) => void, runs: number): void {
  const entry = (counts[name] = { runs: 0, failures: 0 });
  try {
    fc.assert(
      fc.property(arb, (value) => {
        entry.runs += 1;
        predicate(value);
      }),
      { numRuns: Math.round(runs * SCALE), seed: SEED },
    );
  } catch (error) {
    entry.failures += 1;
    throw error;
  }
}

afterAll(() => {
  const total = Object.values(counts).reduce((sum, c) => ({ runs: sum.runs + c.runs, failures: sum.failures + c.failures }), { runs: 0, failures: 0 });
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/fuzz-counts.json', `${JSON.stringify({ seed: SEED, scale: SCALE, total, properties: counts }, null, 2)}\n`);
  console.log(`fuzz: ${total.runs} cases run, ${total.failures} properties failed (seed ${SEED}, scale ${SCALE})`);
});

/** Parses and classifies: the value, or the MalformedResponseError. Anything else thrown fails the property. */
function parseOrMalformed(body: string): ReturnType<typeof parseEnvelope> | MalformedResponseError {
  const t0 = performance.now();
  try {
    return parseEnvelope(body);
  } catch (error) {
    if (error instanceof MalformedResponseError) return error;
    throw new Error(`parseEnvelope threw ${String(error)} instead of a MalformedResponseError`);
  } finally {
    const ms = performance.now() - t0;
    if (ms > SLOW_MS) throw new Error(`parseEnvelope took ${ms.toFixed(0)} ms on ${body.length} characters`);
  }
}

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];

/** True when a value is safe to keep and pass on: bounded strings, flat, no prototype keys. */
function assertBoundedContent(content: unknown): void {
  const json = JSON.stringify(content ?? null); // must not throw (deep nesting would)
  expect(json.length).toBeLessThanOrEqual(MAX_CONTENT_KEYS * (64 + MAX_STRING * 6 + 32) + 16);
  if (typeof content === 'string') expect(content.length).toBeLessThanOrEqual(MAX_STRING);
  if (typeof content === 'object' && content !== null) {
    expect(Object.getPrototypeOf(content)).toBe(Array.isArray(content) ? Array.prototype : Object.prototype);
    for (const key of Object.keys(content)) {
      expect(PROTO_KEYS).not.toContain(key);
      const v = (content as Record<string, unknown>)[key];
      expect(v === null || ['string', 'number', 'boolean'].includes(typeof v)).toBe(true);
    }
    expect(Object.keys(content).length).toBeLessThanOrEqual(MAX_CONTENT_KEYS);
    // Copying it the careless way must not change anyone's prototype.
    expect(Object.getPrototypeOf(Object.assign({}, content))).toBe(Object.prototype);
  }
}

function assertWellFormed(env: ReturnType<typeof parseEnvelope>): void {
  expect(env.retcode).toMatch(/^(0|\d{3}-\d{3})$/);
  expect(typeof env.message).toBe('string');
  expect(env.message.length).toBeLessThanOrEqual(MAX_STRING);
  if (env.event) {
    expect(env.event.eventType).toMatch(/^[A-Za-z][A-Za-z0-9_]{0,80}$/);
    expect(env.event.workNo.length).toBeLessThanOrEqual(MAX_STRING);
    if (env.event.eventGenTime !== undefined) expect(Number.isSafeInteger(env.event.eventGenTime) && env.event.eventGenTime >= 0).toBe(true);
    assertBoundedContent(env.event.content);
    const callid = eventCallId(env.event);
    if (callid !== undefined) expect(callid.length).toBeGreaterThan(0);
    if (callid !== undefined) expect(callid.length).toBeLessThanOrEqual(MAX_STRING);
    const details = eventCallDetails(env.event);
    if (details) for (const key of ['caller', 'called', 'callskill'] as const) expect(details[key]!.length).toBeLessThanOrEqual(MAX_STRING);
  }
}

/** JSON text for an object with exactly these keys, including ones JSON.stringify would never write twice or at all. */
function objectText(pairs: Array<[string, string]>): string {
  return `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
}

const EVENT_TYPES = ['AgentEvent_Hold', 'AgentEvent_Talking', 'AgentEvent_Call_Release', 'AgentEvent_Customer_Release', 'AgentEvent_linkagePhoneHold', 'AgentOther_PhoneRelease', 'AgentMediaEvent_StopRecordDone'];
const hostileKey = fc.oneof(fc.constantFrom(...PROTO_KEYS, 'callid', 'callId', 'callID', 'caller', 'called', 'feature', 'skillName'), fc.string({ maxLength: 80 }));
const jsonText = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null');
const hostileObjectText: fc.Arbitrary<string> = fc.array(fc.tuple(hostileKey, jsonText), { maxLength: 12 }).map(objectText);
const contentText = fc.oneof(jsonText, hostileObjectText, fc.string({ maxLength: 600 }).map((s) => JSON.stringify(s)));
const eventText = fc
  .record(
    {
      eventType: fc.oneof(fc.constantFrom(...EVENT_TYPES), fc.string({ maxLength: 100 })).map((s) => JSON.stringify(s)),
      workNo: fc.oneof(jsonText, fc.constant('"1001"')),
      content: contentText,
      eventGenTime: fc.oneof(fc.integer().map(String), fc.double().map((d) => JSON.stringify(d) ?? 'null'), fc.string({ maxLength: 20 }).map((s) => JSON.stringify(s))),
      extra: hostileObjectText,
    },
    { requiredKeys: [] },
  )
  .map((fields) => objectText(Object.entries(fields) as Array<[string, string]>));
const envelopeText = fc
  .record(
    {
      message: fc.oneof(jsonText, fc.string({ maxLength: 1000 }).map((s) => JSON.stringify(s))),
      retcode: fc.oneof(fc.constantFrom('"0"', '0', '"000-003"', '"100-006"', '"400-003"', '"0 "', '"00-0003"'), jsonText),
      result: jsonText,
      event: fc.oneof(eventText, jsonText, fc.constant('""')),
      __proto__: hostileObjectText,
    },
    { requiredKeys: [] },
  )
  .map((fields) => objectText(Object.entries(fields) as Array<[string, string]>));

/** A valid-looking body broken the ways a dying proxy or a buggy gateway breaks them. */
const mutatedText = fc.tuple(envelopeText, fc.nat(), fc.nat({ max: 40 }), fc.string({ unit: 'binary', maxLength: 8 })).map(([text, at, cut, insert]) => {
  const i = at % (text.length + 1);
  return text.slice(0, i) + insert + text.slice(Math.min(text.length, i + cut));
});

describe('parseEnvelope under fuzzing', () => {
  it('any string: a well-formed envelope or a MalformedResponseError', () => {
    check('envelope/any-string', fc.string({ unit: 'binary', maxLength: 2000 }), (body) => {
      const out = parseOrMalformed(body);
      if (!(out instanceof MalformedResponseError)) assertWellFormed(out);
    }, 3000);
  });

  it('any bytes, decoded as the transport decodes them (non-UTF-8 included)', () => {
    check('envelope/any-bytes', fc.uint8Array({ maxLength: 2000 }), (bytes) => {
      const out = parseOrMalformed(Buffer.from(bytes).toString('utf8'));
      if (!(out instanceof MalformedResponseError)) assertWellFormed(out);
    }, 2000);
  });

  it('any JSON value', () => {
    check('envelope/any-json', fc.jsonValue({ maxDepth: 6 }), (value) => {
      const out = parseOrMalformed(JSON.stringify(value) ?? '');
      if (!(out instanceof MalformedResponseError)) assertWellFormed(out);
    }, 3000);
  });

  it('envelope-shaped objects with hostile keys, types and events', () => {
    check('envelope/shaped', envelopeText, (body) => {
      const out = parseOrMalformed(body);
      if (!(out instanceof MalformedResponseError)) assertWellFormed(out);
    }, 5000);
  });

  it('valid bodies truncated, spliced and corrupted', () => {
    check('envelope/mutated', mutatedText, (body) => {
      const out = parseOrMalformed(body);
      if (!(out instanceof MalformedResponseError)) assertWellFormed(out);
    }, 3000);
  });

  it('deep nesting in the result and the event content, up to the 1 MiB response cap', () => {
    const depth = fc.integer({ min: 1, max: 250_000 });
    check('envelope/deep-nesting', fc.tuple(depth, fc.constantFrom('[', '{"a":'), fc.boolean()), ([d, open, inEvent]) => {
      const close = open === '[' ? ']' : '}';
      const nested = `${open.repeat(d)}1${close.repeat(d)}`;
      const body = inEvent ? `{"retcode":"0","event":{"eventType":"AgentEvent_Hold","content":${nested}}}` : `{"retcode":"0","result":${nested}}`;
      const out = parseOrMalformed(body);
      if (out instanceof MalformedResponseError) return;
      assertWellFormed(out);
      if (!inEvent) expect(() => parseHoldList(out.result)).not.toThrow(RangeError);
    }, 60);
  });

  it('__proto__ keys in the envelope and the event never change a prototype', () => {
    check('envelope/proto-keys', fc.tuple(hostileObjectText, jsonText), ([inner, value]) => {
      const body = `{"retcode":"0","__proto__":${inner},"event":{"eventType":"AgentEvent_Talking","__proto__":{"polluted":1},"content":{"__proto__":${value},"constructor":${value},"callid":"1-1"}}}`;
      const out = parseOrMalformed(body);
      expect(out).not.toBeInstanceOf(MalformedResponseError);
      if (out instanceof MalformedResponseError) return;
      assertWellFormed(out);
      expect(eventCallId(out.event!)).toBe('1-1');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }, 1000);
  });
});

const itemArb = fc.record(
  {
    callid: fc.oneof(fc.string({ maxLength: 300 }), fc.integer(), jsonText.map((t) => JSON.parse(t) as unknown)),
    caller: fc.oneof(fc.string({ maxLength: 400 }), fc.integer(), fc.constant(null)),
    called: fc.oneof(fc.string({ maxLength: 40 }), fc.double()),
    callskill: fc.oneof(fc.string({ maxLength: 40 }), fc.jsonValue({ maxDepth: 2 })),
    callfeature: fc.oneof(fc.integer(), fc.string({ maxLength: 12 }), fc.double()),
  },
  { requiredKeys: [] },
);
const junkArb = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.constant(null), fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }), fc.record({ caller: fc.string() }));
const validItemArb = fc.record({ callid: fc.stringMatching(/^[0-9]{10}-[0-9]{1,3}$/), caller: fc.stringMatching(/^[0-9+]{3,15}$/) });

describe('parseHoldList under fuzzing', () => {
  it('any JSON value: a bounded, de-duplicated list or a MalformedResponseError', () => {
    check('holdlist/any-json', fc.oneof(fc.jsonValue({ maxDepth: 5 }), fc.array(fc.oneof(itemArb, junkArb), { maxLength: 60 })), (result) => {
      let items: ReturnType<typeof parseHoldList>['items'];
      try {
        ({ items } = parseHoldList(result));
      } catch (error) {
        expect(error).toBeInstanceOf(MalformedResponseError);
        return;
      }
      expect(items.length).toBeLessThanOrEqual(MAX_HOLDLIST_ITEMS);
      expect(new Set(items.map((i) => i.callid)).size).toBe(items.length);
      for (const item of items) {
        expect(item.callid.length).toBeGreaterThan(0);
        for (const key of ['callid', 'caller', 'called', 'callskill'] as const) {
          expect(typeof item[key]).toBe('string');
          expect(item[key].length).toBeLessThanOrEqual(MAX_STRING);
        }
        expect(Number.isInteger(item.callfeature)).toBe(true);
        expect(typeof item.callfeatureLabel).toBe('string');
      }
    }, 4000);
  });

  it('junk between valid entries never costs a valid entry or its order', () => {
    const arb = fc.array(fc.tuple(fc.array(junkArb, { maxLength: 3 }), validItemArb), { maxLength: 40 }).map((pairs) => {
      const unique = new Map(pairs.map(([, item]) => [item.callid, item]));
      const list: unknown[] = [];
      for (const [junk, item] of pairs) if (unique.get(item.callid) === item) list.push(...junk, item);
      return { list, expected: [...unique.values()].map((i) => i.callid) };
    });
    check('holdlist/valid-survive-junk', arb, ({ list, expected }) => {
      // Junk and nothing readable is a broken answer, never "no calls on hold".
      if (expected.length === 0 && list.length > 0) expect(() => parseHoldList(list)).toThrow(MalformedResponseError);
      else expect(parseHoldList(list).items.map((i) => i.callid)).toEqual(expected);
    }, 2000);
  });

  // Call ids are validated when parsed (issue 7, item 7): an id the IPC and the CLI refuse
  // (e.g. "-1", "a b") never reaches the list, where resume-top would then fail on it.
  it('every call id kept passes the call-id rule the IPC and the CLI apply', () => {
    check('holdlist/call-id-rule', fc.array(fc.oneof(itemArb, validItemArb), { maxLength: 30 }), (list) => {
      for (const item of parseHoldList(list).items) expect(isCallId(item.callid)).toBe(true);
    }, 2000);
  });
});

describe('small parsers under fuzzing', () => {
  it('parseSetGuid never returns anything that could break or inject a header', () => {
    const value = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ maxLength: 60 }).map((s) => `JSESSIONID=${s}`));
    check('set-guid', fc.oneof(value, fc.array(value, { maxLength: 4 }), fc.constant(undefined)), (header) => {
      const guid = parseSetGuid(header);
      if (guid !== undefined) expect(guid).toMatch(/^[A-Za-z0-9._-]{1,200}$/);
    }, 3000);
  });

  it('asText and asInt are total and bounded', () => {
    check('as-text-int', fc.anything(), (value) => {
      const text = asText(value);
      expect(typeof text).toBe('string');
      expect(text.length).toBeLessThanOrEqual(MAX_STRING);
      expect(Number.isInteger(asInt(value))).toBe(true);
    }, 2000);
  });
});

// What the properties and the hostile gateway tests found, pinned as examples.
describe('findings, pinned as examples', () => {
  it('a held-call list of entries none of which can be read is an error, not an empty list', () => {
    expect(() => parseHoldList([[[[]]]])).toThrow(MalformedResponseError);
    expect(() => parseHoldList(['junk', 5, null])).toThrow(MalformedResponseError);
    expect(parseHoldList([])).toEqual({ items: [], total: 0 });
    expect(parseHoldList(['junk', { callid: '1-1' }]).items.map((i) => i.callid)).toEqual(['1-1']);
  });

  it('an answer nested 200,000 deep is refused before parsing, quickly', () => {
    const nested = `${'{"a":'.repeat(200_000)}1${'}'.repeat(200_000)}`;
    const t0 = performance.now();
    expect(() => parseEnvelope(`{"retcode":"0","event":{"eventType":"AgentEvent_Hold","content":{"callid":"1-1","deep":${nested}}}}`)).toThrow(/nested too deeply/);
    expect(performance.now() - t0).toBeLessThan(200);
    // Brackets inside strings do not count.
    expect(parseEnvelope(`{"retcode":"0","message":"${'[{'.repeat(100)}"}`).message).toHaveLength(200);
  });

  it('nested values inside event content are dropped, leaving a flat value that can be serialised', () => {
    const nested = `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`;
    const event = parseEnvelope(`{"retcode":"0","event":{"eventType":"AgentEvent_Hold","content":{"callid":"1-1","deep":${nested}}}}`).event!;
    expect(event.content).toEqual({ callid: '1-1' });
    expect(() => JSON.stringify(event.content)).not.toThrow();
  });

  it('__proto__ and constructor keys in content are not kept', () => {
    const event = parseEnvelope('{"retcode":"0","event":{"eventType":"AgentEvent_Talking","content":{"__proto__":{"isAdmin":true},"constructor":"x","callid":"2-1"}}}').event!;
    expect(Object.keys(event.content as object)).toEqual(['callid']);
    expect((Object.assign({}, event.content) as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('content strings, key counts and eventGenTime are bounded', () => {
    const wide = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, 'v'.repeat(1_000)]));
    const event = parseEnvelope(JSON.stringify({ retcode: '0', event: { eventType: 'AgentEvent_Talking', content: wide, eventGenTime: -5 } })).event!;
    expect(Object.keys(event.content as object)).toHaveLength(MAX_CONTENT_KEYS);
    expect(Object.values(event.content as object).every((v: string) => v.length === MAX_STRING)).toBe(true);
    expect(event.eventGenTime).toBeUndefined();
    expect(parseEnvelope('{"retcode":"0","event":{"eventType":"X","content":"' + 'c'.repeat(10_000) + '"}}').event!.content).toHaveLength(MAX_STRING);
  });
});
