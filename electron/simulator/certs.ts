import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

export interface SimulatorTls {
  key: string;
  cert: string;
  caPem: string;
  fingerprint256: string;
}

// EC keys: generating RSA through WebCrypto costs hundreds of ms per test file.
const KEY_OPTIONS = { keyType: 'ec', curve: 'P-256', algorithm: 'sha256' } as const;

/**
 * A throwaway CA plus a server certificate it signed, so clients can be tested the way
 * real sites should be set up (import a CA) rather than by pinning a self-signed leaf.
 */
export async function createTls(): Promise<SimulatorTls> {
  // Back-dated an hour so a client clock slightly behind ours still accepts it.
  const notBeforeDate = new Date(Date.now() - 3_600_000);
  const notAfterDate = new Date(Date.now() + 30 * 86_400_000);
  const ca = await generate([{ name: 'commonName', value: 'CC-Gateway Simulator CA' }], {
    ...KEY_OPTIONS,
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const leaf = await generate([{ name: 'commonName', value: 'localhost' }], {
    ...KEY_OPTIONS,
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  return { key: leaf.private, cert: leaf.cert, caPem: ca.cert, fingerprint256: fingerprintOf(leaf.cert) };
}

export function tlsFromPem(pem: { key: string; cert: string; caPem: string }): SimulatorTls {
  return { ...pem, fingerprint256: fingerprintOf(pem.cert) };
}

function fingerprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}
