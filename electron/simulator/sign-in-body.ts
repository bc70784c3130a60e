// Validation of the sign-in body. Huawei's own samples send booleans and ints as strings
// ({"status":"4","releasephone":"false"}), so both spellings are accepted.

export interface SignInBody {
  password: string;
  status: number;
}

export type Parsed = { ok: true; value: SignInBody } | { ok: false; message: string };

const BOOLEAN_FIELDS = ['autoanswer', 'autoenteridle', 'releasephone', 'phonelinkage', 'checkInWebm', 'checkInMailm'];
const STATUSES = new Set([3, 4, 5]);

function isBool(v: unknown): boolean {
  return typeof v === 'boolean' || v === 'true' || v === 'false';
}

function toInt(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^\d{1,4}$/.test(v)) return Number(v);
  return undefined;
}

export function parseSignIn(raw: string): Parsed {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return { ok: false, message: 'sign-in body is not JSON' };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, message: 'sign-in body must be an object' };
  }
  const b = body as Record<string, unknown>;
  if (typeof b.password !== 'string' || b.password.length > 32) {
    return { ok: false, message: 'password missing or too long' };
  }
  const phone = b.phonenum;
  if (phone !== undefined && !((typeof phone === 'string' || typeof phone === 'number') && String(phone).length <= 24)) {
    return { ok: false, message: 'phonenum invalid' };
  }
  for (const field of BOOLEAN_FIELDS) {
    if (b[field] !== undefined && !isBool(b[field])) return { ok: false, message: `${field} must be a boolean` };
  }
  if (b.agenttype !== undefined && toInt(b.agenttype) === undefined) {
    return { ok: false, message: 'agenttype must be an integer' };
  }
  const status = b.status === undefined ? 4 : toInt(b.status);
  if (status === undefined || !STATUSES.has(status)) {
    return { ok: false, message: 'status must be 3, 4 or 5' };
  }
  return { ok: true, value: { password: b.password, status } };
}
