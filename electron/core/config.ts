// Validation of what the client needs to reach one gateway as one agent.
// Everything an admin or agent types passes through here first, so a bad value is a clear
// ConfigurationError before any connection is attempted.
import * as rules from '../../shared/config-rules';
import { InvalidValueError } from '../../shared/config-rules';
import { msg } from '../../shared/i18n';
import { ConfigurationError } from './errors';

export interface GatewayConfig {
  /** https origin plus optional path prefix, normalised without a trailing slash: 'https://10.0.0.5:8043/cc'. */
  gateway: string;
  agentId: string;
  phone?: string;
  /** PEM text of the CA (or CAs) that signed the gateway's certificate; system roots when absent. */
  caPem?: string;
  /** SHA-256 fingerprint of the gateway's certificate, upper-case colon-separated. */
  pin?: string;
}

export interface GatewayConfigInput {
  gateway?: string;
  agentId?: string;
  phone?: string;
  caPem?: string;
  pin?: string;
}

const RESOURCE_ROOT = '/agentgateway/resource';

/** The shared rules, with their refusals as this layer's ConfigurationError. */
function rule<T>(parse: (input: string | undefined) => T): (input: string | undefined) => T {
  return (input) => {
    try {
      return parse(input);
    } catch (error) {
      if (error instanceof InvalidValueError) throw new ConfigurationError(error.reason);
      throw error;
    }
  };
}

export const parseGatewayUrl = rule(rules.parseGatewayUrl);
export const parseAgentId = rule(rules.parseAgentId);
export const parsePhone = rule(rules.parsePhone);
export const parsePin = rule(rules.parsePin);

export function parseCaPem(input: string | undefined): string | undefined {
  if (!input || !input.trim()) return undefined;
  if (!input.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigurationError(msg('config.ca-not-pem'));
  }
  return input;
}

export function parseGatewayConfig(input: GatewayConfigInput): GatewayConfig {
  const config: GatewayConfig = { gateway: parseGatewayUrl(input.gateway), agentId: parseAgentId(input.agentId) };
  const phone = parsePhone(input.phone);
  if (phone) config.phone = phone;
  const caPem = parseCaPem(input.caPem);
  if (caPem) config.caPem = caPem;
  const pin = parsePin(input.pin);
  if (pin) config.pin = pin;
  return config;
}

/** Origin and the path every endpoint hangs from. */
export function endpointBase(config: GatewayConfig): { origin: string; root: string } {
  const url = new URL(config.gateway);
  return { origin: url.origin, root: `${url.pathname.replace(/\/+$/, '')}${RESOURCE_ROOT}` };
}
