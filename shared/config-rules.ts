// The rules for what an agent or admin types as connection settings. Shared so the settings spec
// (validation on save, beside the field), the admin file, the CLI and the gateway client all
// refuse the same values with the same words.
import { msg, type Message } from './i18n';

/** A typed value that is not acceptable, with the reason to show beside the field. */
export class InvalidValueError extends Error {
  constructor(readonly reason: Message) {
    super(reason.id);
    this.name = 'InvalidValueError';
  }
}

const RESOURCE_ROOT = '/agentgateway/resource';

/** 'https://host:8043/cc' form: https only, no credentials, query or fragment, no resource path. */
export function parseGatewayUrl(input: string | undefined): string {
  const text = (input ?? '').trim();
  if (!text) throw new InvalidValueError(msg('config.gateway-missing'));
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidValueError(msg('config.gateway-invalid', { value: text.slice(0, 100) }));
  }
  if (url.protocol !== 'https:') throw new InvalidValueError(msg('config.gateway-not-https'));
  if (url.username || url.password) throw new InvalidValueError(msg('config.gateway-credentials'));
  if (url.search || url.hash) throw new InvalidValueError(msg('config.gateway-query'));
  // Admins often paste the full resource URL; keep only the prefix before it.
  let prefix = url.pathname.replace(/\/+$/, '');
  const at = prefix.indexOf(RESOURCE_ROOT);
  if (at >= 0) prefix = prefix.slice(0, at);
  return `${url.origin}${prefix}`;
}

/** The gateway's agent ids are 101 to 999999 (reference section 0). */
export function parseAgentId(input: string | undefined): string {
  const text = (input ?? '').trim();
  if (!/^\d{3,6}$/.test(text) || Number(text) < 101) throw new InvalidValueError(msg('config.agent-id'));
  return text;
}

export function parsePhone(input: string | undefined): string | undefined {
  const text = (input ?? '').trim();
  if (!text) return undefined;
  if (!/^[0-9*#+]{1,24}$/.test(text)) throw new InvalidValueError(msg('config.phone'));
  return text;
}

/** A SHA-256 fingerprint in any common spelling, returned as upper-case colon-separated hex. */
export function parsePin(input: string | undefined): string | undefined {
  const text = (input ?? '').trim();
  if (!text) return undefined;
  const hex = text.replace(/^sha256\//i, '').replace(/[:\s]/g, '');
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new InvalidValueError(msg('config.pin'));
  return hex.toUpperCase().match(/../g)!.join(':');
}

/** A full path, on any OS the admin may be writing for (C:\..., \\server\..., /etc/...). */
export function parseCaPath(input: string | undefined): string {
  const text = (input ?? '').trim();
  if (text !== '' && !/^(\/|[A-Za-z]:[\\/]|\\\\)/.test(text)) throw new InvalidValueError(msg('config.ca-path'));
  return text;
}
