// How connections to the gateway are trusted. Verification is never switched off:
// - default: the system's roots (plus any CA the admin configured) and the hostname check;
// - pin: the certificate must have the configured SHA-256 fingerprint, checked right after the
//   handshake and before the socket is handed to undici, so no request is ever written to an
//   unpinned peer.
// The secure context (system roots plus the CA) is built once per trust setting and shared by
// every connection: building it from ~120 roots costs ~13 ms, which a hotkey press would
// otherwise pay on each new connection.
import type { SecureContext, TLSSocket } from 'node:tls';
import { createSecureContext, rootCertificates } from 'node:tls';
import { buildConnector } from 'undici';
import { TlsError } from './errors';

export interface TlsTrust {
  caPem?: string;
  pin?: string;
}

export interface TlsHandshakeInfo {
  protocol: string;
  cipher: string;
  subject: string;
  issuer: string;
  fingerprint256: string;
  validTo: string;
  /** How the certificate was trusted. */
  trustedBy: 'system roots' | 'configured CA' | 'certificate pin';
  /** Local epoch ms of the handshake. */
  at: number;
}

export interface ConnectorHooks {
  /** A full handshake whose certificate could be read. */
  onHandshake?(info: TlsHandshakeInfo): void;
  /** Every TLS connection established (full or resumed). */
  onConnect?(): void;
}

const CONNECT_TIMEOUT_MS = 5_000;

/** Contexts by trust setting; a handful at most (the app switches gateways rarely). */
const contexts = new Map<string, SecureContext>();
const MAX_CONTEXTS = 8;

/** The one secure context for this trust setting (minimum version included: a context fixes it). */
export function secureContextFor(trust: TlsTrust): SecureContext {
  // A pin replaces chain validation, so its context needs no CA at all.
  const key = trust.pin ? 'pin' : `ca:${trust.caPem ?? ''}`;
  let context = contexts.get(key);
  if (!context) {
    context = createSecureContext({
      minVersion: 'TLSv1.2',
      ...(trust.caPem && !trust.pin ? { ca: [...rootCertificates, trust.caPem] } : {}),
    });
    if (contexts.size >= MAX_CONTEXTS) contexts.delete(contexts.keys().next().value!);
    contexts.set(key, context);
  }
  return context;
}

export function buildGatewayConnector(trust: TlsTrust, hooks: ConnectorHooks = {}): buildConnector.connector {
  const trustedBy: TlsHandshakeInfo['trustedBy'] = trust.pin ? 'certificate pin' : trust.caPem ? 'configured CA' : 'system roots';
  const secureContext = secureContextFor(trust);
  const base = buildConnector(
    trust.pin
      ? // Chain validation is replaced, not skipped: the pin check below decides. Self-signed
        // gateways are exactly the case pins exist for.
        // No session resumption: a resumed session shows no peer certificate to check the pin against.
        { rejectUnauthorized: false, timeout: CONNECT_TIMEOUT_MS, secureContext, maxCachedSessions: 0 }
      : { rejectUnauthorized: true, timeout: CONNECT_TIMEOUT_MS, secureContext },
  );
  return (options, callback) => {
    base(options, (error, socket) => {
      if (error || !socket) {
        callback(error ?? new Error('connect failed'), null);
        return;
      }
      const tlsSocket = socket as TLSSocket;
      const cert = tlsSocket.getPeerCertificate();
      const fingerprint = cert?.fingerprint256 ?? '';
      if (trust.pin && fingerprint.toUpperCase() !== trust.pin) {
        tlsSocket.destroy();
        callback(
          new TlsError(
            'PIN_MISMATCH',
            `The gateway's certificate does not match the configured pin (it has ${fingerprint || 'no certificate'}). Nothing was sent.`,
          ),
          null,
        );
        return;
      }
      hooks.onConnect?.();
      // A resumed session carries no certificate details; keep the last full handshake's.
      if (fingerprint) hooks.onHandshake?.({
        protocol: tlsSocket.getProtocol() ?? 'unknown',
        cipher: tlsSocket.getCipher()?.name ?? 'unknown',
        subject: formatName(cert?.subject),
        issuer: formatName(cert?.issuer),
        fingerprint256: fingerprint,
        validTo: cert?.valid_to ?? '',
        trustedBy,
        at: Date.now(),
      });
      callback(null, socket);
    });
  };
}

function formatName(name: unknown): string {
  if (!name || typeof name !== 'object') return '';
  return Object.entries(name as Record<string, unknown>)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`)
    .join(', ');
}

// OpenSSL's certificate verification failures (X509_V_ERR_* as Node names them): any of these
// means the peer is not the gateway we trust, never a network hiccup to retry through.
const TLS_CODES = new Set([
  'CERT_SIGNATURE_FAILURE',
  'CERT_CHAIN_TOO_LONG',
  'CERT_REJECTED',
  'INVALID_CA',
  'INVALID_PURPOSE',
  'PATH_LENGTH_EXCEEDED',
  'HOSTNAME_MISMATCH',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
  'ERR_SSL_UNSUPPORTED_PROTOCOL',
  'EPROTO',
  'PIN_MISMATCH',
]);

/** A certificate or handshake failure, as opposed to a network one. */
export function isTlsFailure(code: string | undefined): boolean {
  return !!code && (TLS_CODES.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_'));
}
