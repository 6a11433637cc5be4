/**
 * HTTP headers from a proxy log, normalized to lower-case names, with every credential dropped at
 * parse time: an Authorization value is never held, shown or written anywhere after this function.
 */

/** Authorization, API keys and cookies by name, and anything else that names itself a token, a secret,
 *  a session or auth, except the rate-limit headers (`anthropic-ratelimit-tokens-remaining` is a count). */
const SECRET_NAMES = new Set(['authorization', 'proxy-authorization', 'x-api-key', 'api-key', 'cookie', 'set-cookie']);
const SECRET_WORDS = /token|secret|session|auth/i;

export function isSecretHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return SECRET_NAMES.has(lower) || (SECRET_WORDS.test(lower) && !lower.startsWith('anthropic-ratelimit-'));
}

export type Headers = ReadonlyMap<string, string>;

/** Lower-cased, secrets dropped. Non-object input (some logs write a Python repr string) gives none. */
export function safeHeaders(raw: unknown): Headers {
  const out = new Map<string, string>();
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out;
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (isSecretHeader(name)) continue;
    if (typeof value === 'string') out.set(name.toLowerCase(), value);
    else if (typeof value === 'number') out.set(name.toLowerCase(), String(value));
  }
  return out;
}
