// Validation of what the client needs to reach one gateway as one agent.
// Everything an admin or agent types passes through here first, so a bad value is a clear
// ConfigurationError before any connection is attempted.
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

export function parseGatewayUrl(input: string | undefined): string {
  const text = (input ?? '').trim();
  if (!text) throw new ConfigurationError('No gateway address is set. Ask IT for the CC-Gateway address (https://host:8043).');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigurationError(`The gateway address "${text.slice(0, 100)}" is not a valid URL.`);
  }
  if (url.protocol !== 'https:') throw new ConfigurationError('The gateway address must start with https:// (the gateway only speaks HTTPS).');
  if (url.username || url.password) throw new ConfigurationError('The gateway address must not contain a user name or password.');
  if (url.search || url.hash) throw new ConfigurationError('The gateway address must not contain a query or fragment.');
  // Admins often paste the full resource URL; keep only the prefix before it.
  let prefix = url.pathname.replace(/\/+$/, '');
  const at = prefix.indexOf(RESOURCE_ROOT);
  if (at >= 0) prefix = prefix.slice(0, at);
  return `${url.origin}${prefix}`;
}

export function parseAgentId(input: string | undefined): string {
  const text = (input ?? '').trim();
  if (!/^\d{3,6}$/.test(text) || Number(text) < 101) {
    throw new ConfigurationError('The agent id must be a number from 101 to 999999.');
  }
  return text;
}

export function parsePhone(input: string | undefined): string | undefined {
  const text = (input ?? '').trim();
  if (!text) return undefined;
  if (!/^[0-9*#+]{1,24}$/.test(text)) throw new ConfigurationError('The phone number may only contain digits, *, # and + (at most 24).');
  return text;
}

export function parsePin(input: string | undefined): string | undefined {
  const text = (input ?? '').trim();
  if (!text) return undefined;
  const hex = text.replace(/^sha256\//i, '').replace(/[:\s]/g, '');
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new ConfigurationError('The certificate pin must be a SHA-256 fingerprint: 64 hex digits, colons allowed.');
  }
  return hex.toUpperCase().match(/../g)!.join(':');
}

export function parseCaPem(input: string | undefined): string | undefined {
  if (!input || !input.trim()) return undefined;
  if (!input.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigurationError('The CA file does not contain a PEM certificate (-----BEGIN CERTIFICATE-----).');
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
