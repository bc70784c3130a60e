import { english } from '../../shared/i18n';
import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorKind } from '../../shared/model';
import { closeAll, heldIds, waitFor } from './helpers';
import { head, JSON_TYPE, type Behaviour } from './hostile-server';
import { closeHostile, expectPlainMessage, expectRecovery, expectTypedFailure, rig } from './hostile-setup';

// A hostile or broken gateway, at the socket level (issue 7, item 6): bodies and statuses.
// Each case answers the held-call list badly and checks: a clear typed error, bounded time and
// memory, the last known list kept, and recovery by itself once the gateway behaves again.

afterEach(async () => {
  await closeAll();
  await closeHostile();
});

const MiB = 1024 * 1024;
const CT: [string, string] = ['Content-Type', JSON_TYPE];
const json = (text: string): Behaviour => (_req, reply) => reply.send(200, [CT, ['Content-Length', String(Buffer.byteLength(text))]], text);

interface Case {
  name: string;
  behaviour: Behaviour;
  kinds: ErrorKind[];
}

const CASES: Case[] = [
  {
    name: 'truncated body: Content-Length promises 500 bytes, 40 arrive, the connection closes',
    behaviour: (_req, reply) => {
      reply.raw(`${head(200, [CT, ['Content-Length', 500]])}{"message":"","retcode":"0","result":[{"c`);
      reply.end();
    },
    kinds: ['transport'],
  },
  { name: 'truncated JSON with a matching Content-Length', behaviour: json('{"retcode":"0","result":[{"callid":"17'), kinds: ['malformed'] },
  {
    name: 'reset mid-body (TCP RST after half the answer)',
    behaviour: async (_req, reply) => {
      reply.raw(`${head(200, [CT, ['Content-Length', 400]])}{"message":"","retcode":"0","result":[`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      reply.reset();
    },
    kinds: ['transport'],
  },
  { name: 'an empty 200 answer', behaviour: json(''), kinds: ['malformed'] },
  {
    name: 'a redirect (302) elsewhere, which is not followed',
    behaviour: (_req, reply) => reply.send(302, [['Location', '/elsewhere'], ['Content-Length', '0']], ''),
    kinds: ['server'],
  },
  { name: 'HTTP 401', behaviour: (_req, reply) => reply.send(401, [['WWW-Authenticate', 'Basic'], ['Content-Length', '0']], ''), kinds: ['server'] },
  { name: 'HTTP 404 with an HTML page', behaviour: (_req, reply) => reply.send(404, [['Content-Type', 'text/html'], ['Content-Length', '22']], '<h1>404 Not Found</h1>'), kinds: ['server'] },
  { name: 'HTTP 500', behaviour: (_req, reply) => reply.send(500, [['Content-Length', '5']], 'oops!'), kinds: ['transport'] },
  { name: 'HTTP 502 from a proxy', behaviour: (_req, reply) => reply.send(502, [['Content-Type', 'text/html'], ['Content-Length', '15']], '<h1>502</h1>...'), kinds: ['transport'] },
  { name: 'HTTP 503 with Retry-After', behaviour: (_req, reply) => reply.send(503, [['Retry-After', '1'], ['Content-Length', '0']], ''), kinds: ['transport'] },
  {
    name: 'wrong content type: a login page as text/html with 200',
    behaviour: (_req, reply) => reply.send(200, [['Content-Type', 'text/html'], ['Content-Length', '34']], '<html><form>Sign in</form></html>.'),
    kinds: ['malformed'],
  },
  {
    name: 'non-UTF-8 bytes where the retcode should be',
    behaviour: (_req, reply) => {
      const body = Buffer.concat([Buffer.from('{"retcode":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('","result":[]}')]);
      reply.send(200, [CT, ['Content-Length', String(body.length)]], body);
    },
    kinds: ['malformed'],
  },
  { name: 'the result nested 200,000 objects deep', behaviour: json(`{"retcode":"0","result":${'{"a":'.repeat(200_000)}1${'}'.repeat(200_000)}}`), kinds: ['malformed'] },
  { name: 'the result nested 200,000 arrays deep', behaviour: json(`{"retcode":"0","result":${'['.repeat(200_000)}${']'.repeat(200_000)}}`), kinds: ['malformed'] },
  { name: 'a retcode only under __proto__', behaviour: json('{"__proto__":{"retcode":"0"},"result":[{"callid":"1-1"}]}'), kinds: ['malformed'] },
];

describe('a hostile held-call list answer', () => {
  it.each(CASES)('$name', async ({ behaviour, kinds }) => {
    const r = await rig();
    r.hostile.on('holdlist', behaviour);
    const before = r.hostile.requests.length;
    await expectTypedFailure(r, kinds);
    // Retries are bounded (at most 3 attempts for a safe query) and a redirect is never followed.
    const sent = r.hostile.requests.slice(before);
    expect(sent.filter((q) => q.target.includes('holdlist')).length).toBeLessThanOrEqual(3);
    expect(sent.some((q) => q.target === '/elsewhere')).toBe(false);
    await expectRecovery(r);
  });

  it('an oversized body (256 MiB offered with a length) is cut off at the response cap', async () => {
    const r = await rig();
    r.hostile.on('holdlist', (_req, reply) => reply.flood(head(200, [CT, ['Content-Length', 256 * MiB]]), Buffer.alloc(64 * 1024, 0x20), 256 * MiB));
    const error = await expectTypedFailure(r, ['malformed']);
    expect(error.message).toMatch(/too large|larger than/);
    expect(r.hostile.bytesOffered).toBeLessThan(24 * MiB);
    await expectRecovery(r);
  });

  it('an endless chunked body is cut off at the response cap too', async () => {
    const r = await rig();
    const piece = Buffer.alloc(64 * 1024, 0x20);
    const chunk = Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]);
    r.hostile.on('holdlist', (_req, reply) => reply.flood(head(200, [CT, ['Transfer-Encoding', 'chunked']]), chunk, 256 * MiB));
    await expectTypedFailure(r, ['malformed']);
    expect(r.hostile.bytesOffered).toBeLessThan(24 * MiB);
    await expectRecovery(r);
  });

  it('valid JSON labelled text/plain is read (the type is not what makes an answer trustworthy)', async () => {
    const r = await rig();
    r.hostile.on('holdlist', (_req, reply) => {
      const body = '{"message":"","retcode":"0","result":[{"callid":"9-1","caller":"0770","called":"4001"}]}';
      reply.send(200, [['Content-Type', 'text/plain'], ['Content-Length', String(body.length)]], body);
    });
    expect((await r.client.refresh()).map((c) => c.callid)).toEqual(['9-1']);
  });

  it('non-UTF-8 bytes inside call data are shown as replacement characters, nothing worse', async () => {
    const r = await rig();
    r.hostile.on('holdlist', (_req, reply) => {
      const body = Buffer.concat([Buffer.from('{"retcode":"0","result":[{"callid":"9-2","caller":"07'), Buffer.from([0xff, 0xc0, 0x80]), Buffer.from('70"}]}')]);
      reply.send(200, [CT, ['Content-Length', String(body.length)]], body);
    });
    const [call] = await r.client.refresh();
    expect(call?.callid).toBe('9-2');
    expect(call?.caller).toBe('07\uFFFD\uFFFD\uFFFD70');
  });

  it('__proto__ keys in the list and its items change no prototype', async () => {
    const r = await rig();
    r.hostile.on('holdlist', json('{"retcode":"0","__proto__":{"polluted":true},"result":[{"__proto__":{"callid":"evil","polluted":true},"callid":"9-3","constructor":{"name":"x"}}]}'));
    expect((await r.client.refresh()).map((c) => c.callid)).toEqual(['9-3']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  });
});

describe('a hostile event poll answer', () => {
  const POLL_CASES: Case[] = [
    { name: 'HTTP 503 three times', behaviour: (_req, reply) => reply.send(503, [['Content-Length', '0']], ''), kinds: ['transport'] },
    { name: 'a truncated body', behaviour: (_req, reply) => (reply.raw(`${head(200, [CT, ['Content-Length', 300]])}{"retcode":"0","ev`), reply.end()), kinds: ['transport'] },
    { name: 'an HTML page', behaviour: (_req, reply) => reply.send(200, [['Content-Type', 'text/html'], ['Content-Length', '9']], '<h1>x</h1'), kinds: ['malformed'] },
    { name: 'an event nested 200,000 deep', behaviour: json(`{"retcode":"0","event":{"eventType":"AgentEvent_Hold","content":${'['.repeat(200_000)}${']'.repeat(200_000)}}}`), kinds: ['malformed'] },
  ];

  it.each(POLL_CASES)('$name: the session reconnects by itself and keeps the list', async ({ behaviour, kinds }) => {
    const r = await rig();
    const states: string[] = [];
    r.client.onSessionChange((s) => states.push(`${s.status}${s.code ? `:${s.code}` : ''}`));
    const before = heldIds(r.client);
    r.hostile.on('agentevent', behaviour, 3);
    await waitFor(() => r.hostile.requests.filter((q) => q.target.includes('agentevent')).length >= 5, 10_000, 'the poll loop to go on');
    expect(heldIds(r.client)).toEqual(before);
    if (kinds.length > 0) {
      expect(states.some((s) => s.startsWith('reconnecting'))).toBe(true);
      expectPlainMessage(r.client.state.reason ? english.t(r.client.state.reason) : '', r);
    }
    await expectRecovery(r);
    expect(r.client.state.status).toBe('signed-in');
  });
});
