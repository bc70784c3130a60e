import { describe, expect, it } from 'vitest';
import { endpointBase, parseGatewayConfig, parseGatewayUrl, parsePin } from '../../electron/core/config';
import { ConfigurationError } from '../../electron/core/errors';

describe('gateway configuration', () => {
  it('keeps a path prefix and drops a pasted resource path', () => {
    expect(parseGatewayUrl('https://10.1.2.3:8043')).toBe('https://10.1.2.3:8043');
    expect(parseGatewayUrl('https://gw.example:8043/cc/')).toBe('https://gw.example:8043/cc');
    expect(parseGatewayUrl('https://gw.example:8043/cc/agentgateway/resource/')).toBe('https://gw.example:8043/cc');
    expect(endpointBase({ gateway: 'https://gw.example:8043/cc', agentId: '101' })).toEqual({
      origin: 'https://gw.example:8043',
      root: '/cc/agentgateway/resource',
    });
  });

  it.each([
    ['', /No gateway address/],
    ['gw.example:8043', /not a valid URL|https/],
    ['http://gw.example:8043', /https/],
    ['https://user:pw@gw.example', /user name or password/],
    ['https://gw.example/?a=1', /query/],
  ])('refuses %j with a clear message', (input, message) => {
    expect(() => parseGatewayUrl(input)).toThrow(message);
  });

  it('validates agent id, phone and pin', () => {
    expect(() => parseGatewayConfig({ gateway: 'https://g', agentId: '100' })).toThrow(ConfigurationError);
    expect(() => parseGatewayConfig({ gateway: 'https://g', agentId: '1001', phone: '12a' })).toThrow(/phone/);
    expect(parseGatewayConfig({ gateway: 'https://g', agentId: '999999', phone: ' 70943 ' })).toMatchObject({ agentId: '999999', phone: '70943' });
    const hex = 'ab'.repeat(32);
    expect(parsePin(hex)).toBe(hex.toUpperCase().match(/../g)!.join(':'));
    expect(parsePin(`sha256/${hex.toUpperCase().match(/../g)!.join(':')}`)).toBe(parsePin(hex));
    expect(() => parsePin('abcd')).toThrow(/64 hex/);
    expect(() => parseGatewayConfig({ gateway: 'https://g', agentId: '1001', caPem: 'not a pem' })).toThrow(/PEM/);
  });
});
