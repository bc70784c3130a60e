import { describe, expect, it } from 'vitest';
import { GatewayRefusedError, redact } from '../../electron/core/errors';
import { backoffMs } from '../../electron/core/clock';

describe('redact', () => {
  it('removes Guids, cookies and passwords', () => {
    const text = 'guid: 279fe21d-2caa-4437-84c3-ab9e9dae20f5.AgentGateway0 Set-GUID JSESSIONID=abc cookie: AGWROUTE=x1 {"password":"hunter2"}';
    const out = redact(text);
    expect(out).not.toMatch(/279fe21d|abc|x1|hunter2/);
  });
});

describe('GatewayRefusedError', () => {
  it('carries the catalogue message and kind, not the gateway text', () => {
    const error = new GatewayRefusedError('200-015', 'internal text');
    expect(error.kind).toBe('no-call');
    expect(error.message).toBe('That call is no longer on hold.');
    expect(error.code).toBe('200-015');
  });
});

describe('backoff', () => {
  it('doubles with jitter and stays within the cap', () => {
    expect(backoffMs(0, 500, 5000, () => 0)).toBe(250);
    expect(backoffMs(0, 500, 5000, () => 1)).toBe(500);
    expect(backoffMs(3, 500, 5000, () => 1)).toBe(4000);
    expect(backoffMs(10, 500, 5000, () => 1)).toBe(5000);
  });
});
