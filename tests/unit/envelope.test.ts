import { describe, expect, it } from 'vitest';
import { MalformedResponseError } from '../../electron/core/errors';
import { eventCallDetails, eventCallId, MAX_HOLDLIST_ITEMS, parseEnvelope, parseHoldList, parseSetGuid } from '../../electron/core/envelope';

describe('parseEnvelope', () => {
  it('reads the documented shape', () => {
    const env = parseEnvelope('{"message":"success","retcode":"0","result":{}}');
    expect(env).toEqual({ retcode: '0', message: 'success', result: {} });
  });

  it('accepts a numeric retcode and a missing message', () => {
    expect(parseEnvelope('{"retcode":0}').retcode).toBe('0');
  });

  it('treats an absent or null event as no event', () => {
    expect(parseEnvelope('{"message":"","retcode":"0"}').event).toBeUndefined();
    expect(parseEnvelope('{"message":"","retcode":"0","event":null}').event).toBeUndefined();
  });

  it('reads an event whose content is a string or an object', () => {
    const hold = parseEnvelope('{"retcode":"0","event":{"eventType":"AgentEvent_Hold","workNo":1001,"content":"1456402370-7","eventGenTime":"1700000000000"}}').event!;
    expect(hold).toEqual({ eventType: 'AgentEvent_Hold', workNo: '1001', content: '1456402370-7', eventGenTime: 1700000000000 });
    expect(eventCallId(hold)).toBe('1456402370-7');
    const release = parseEnvelope('{"retcode":"0","event":{"eventType":"AgentEvent_Customer_Release","content":{"callid":"9-1","number":"10086"}}}').event!;
    expect(eventCallId(release)).toBe('9-1');
    const linkage = parseEnvelope('{"retcode":"0","event":{"eventType":"AgentEvent_linkagePhoneHold","content":{"callId":"9-2"}}}').event!;
    expect(eventCallId(linkage)).toBe('9-2');
  });

  it('takes call details from Talking with numbers as strings or numbers', () => {
    const talking = parseEnvelope('{"retcode":"0","event":{"eventType":"AgentEvent_Talking","content":{"caller":"0770","called":70941,"callid":"1-1","feature":"7"}}}').event!;
    expect(eventCallDetails(talking)).toMatchObject({ caller: '0770', called: '70941', callfeature: 7, callfeatureLabel: 'Outbound' });
  });

  it.each([
    ['not JSON', '<html>502 Bad Gateway</html>'],
    ['truncated JSON', '{"retcode":"0","result":[{"callid"'],
    ['an array', '[1,2]'],
    ['no retcode', '{"message":"x"}'],
    ['a retcode of the wrong shape', '{"retcode":"abc"}'],
    ['an event without a type', '{"retcode":"0","event":{"content":"x"}}'],
    ['an event that is a number', '{"retcode":"0","event":5}'],
  ])('turns %s into a MalformedResponseError', (_what, body) => {
    expect(() => parseEnvelope(body)).toThrow(MalformedResponseError);
  });
});

describe('parseHoldList', () => {
  it('normalises the seed example and keeps leading zeros of string numbers', () => {
    const { items, total } = parseHoldList([
      { callfeature: 7, callid: '1501127996-2', caller: '010086', called: '70943', callskill: 'voice', callskillid: 0, begintime: null },
      { callfeature: '0', callid: 1501127920, caller: 10086, called: 70941, callskill: null },
    ]);
    expect(items).toEqual([
      { callid: '1501127996-2', caller: '010086', called: '70943', callskill: 'voice', callfeature: 7, callfeatureLabel: 'Outbound' },
      { callid: '1501127920', caller: '10086', called: '70941', callskill: '', callfeature: 0, callfeatureLabel: 'Inbound' },
    ]);
    expect(total).toBe(2);
  });

  it('skips entries without a callid and duplicates', () => {
    const list = parseHoldList([{ caller: 'x' }, 'junk', { callid: 'a' }, { callid: 'a' }]);
    expect(list.items.map((i) => i.callid)).toEqual(['a']);
    // Junk and duplicates are not a cut list.
    expect(list.total).toBe(1);
  });

  it('treats null as empty and refuses a non-list', () => {
    expect(parseHoldList(null)).toEqual({ items: [], total: 0 });
    expect(() => parseHoldList({ callid: 'a' })).toThrow(MalformedResponseError);
  });

  it('keeps the first MAX_HOLDLIST_ITEMS of a longer list and says how long it was, never refusing it', () => {
    const long = Array.from({ length: MAX_HOLDLIST_ITEMS + 234 }, (_, i) => ({ callid: `c${i}` }));
    const list = parseHoldList(long);
    expect(list.items).toHaveLength(MAX_HOLDLIST_ITEMS);
    expect(list.items[0]!.callid).toBe('c0');
    expect(list.items.at(-1)!.callid).toBe(`c${MAX_HOLDLIST_ITEMS - 1}`);
    expect(list.total).toBe(MAX_HOLDLIST_ITEMS + 234);
    const exact = parseHoldList(long.slice(0, MAX_HOLDLIST_ITEMS));
    expect(exact.total).toBe(exact.items.length);
  });

  it('bounds string length', () => {
    const [item] = parseHoldList([{ callid: 'a', caller: 'x'.repeat(10_000) }]).items;
    expect(item!.caller.length).toBe(256);
  });

  it('labels unknown call types without crashing', () => {
    expect(parseHoldList([{ callid: 'a', callfeature: 12 }]).items[0]!.callfeatureLabel).toBe('Type 12');
    expect(parseHoldList([{ callid: 'a', callfeature: 'x' }]).items[0]!.callfeature).toBe(-1);
  });
});

describe('parseSetGuid', () => {
  it('strips JSESSIONID= and attributes', () => {
    expect(parseSetGuid('JSESSIONID=279fe21d-2caa-4437-84c3-ab9e9dae20f5.AgentGateway0')).toBe('279fe21d-2caa-4437-84c3-ab9e9dae20f5.AgentGateway0');
    expect(parseSetGuid('JSESSIONID=abc.AgentGateway1; Path=/')).toBe('abc.AgentGateway1');
    expect(parseSetGuid('bare-guid.AgentGateway0')).toBe('bare-guid.AgentGateway0');
  });

  it('refuses values that could inject a header', () => {
    expect(parseSetGuid('JSESSIONID=abc\r\nX-Evil: 1')).toBeUndefined();
    expect(parseSetGuid('')).toBeUndefined();
    expect(parseSetGuid(undefined)).toBeUndefined();
  });
});

describe('call id validation when parsing', () => {
  it('leaves out and reports holdlist entries with an invalid or missing call id, keeping the rest', () => {
    let invalid = 0;
    const { items } = parseHoldList(
      [{ callid: 'bad id' }, { callid: 'ok-1' }, { callid: '../x' }, { caller: 'no id' }, { callid: 'a'.repeat(65) }, { callid: 1234 }, 'junk', { callid: 'ok-1' }],
      () => (invalid += 1),
    );
    expect(items.map((i) => i.callid)).toEqual(['ok-1', '1234']);
    expect(invalid).toBe(4);
  });

  it('gives an event\'s call id only when it is valid', () => {
    const hold = (content: unknown) => ({ eventType: 'AgentEvent_Hold', workNo: '1', content });
    expect(eventCallId(hold('1456402370-7'))).toBe('1456402370-7');
    expect(eventCallId(hold('x y'))).toBeUndefined();
    expect(eventCallId(hold({ callid: '\u001b]0;pwned\u0007' }))).toBeUndefined();
    expect(eventCallId(hold(''))).toBeUndefined();
  });
});

