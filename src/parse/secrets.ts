/**
 * Credentials, wherever they appear: the one place that knows them. Free text read from transcripts
 * (a Task's description and prompt, a title, an error message) passes `redactSecrets` where it
 * enters (parse-line.ts), so no output shows one: the screen, the reports, snapshots, evidence
 * bundles, the index. A quoted line (evidence/redact-line.ts) is also redacted by key.
 */
export const REDACTED = '[redacted]';

/** Values that are credentials whatever their key. */
const SECRET_VALUES = [
  /sk-ant-[A-Za-z0-9_-]{8,}/g,
  /sk-(?:proj-)?[A-Za-z0-9_-]{20,}/g,
  /gh[pousr]_[A-Za-z0-9]{20,}/g,
  /github_pat_[A-Za-z0-9_]{20,}/g,
  /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
];

/** A URL's query parameter whose name says it holds a credential (`?api_key=…`, `&access_token=…`): its value goes. */
const SECRET_QUERY = /([?&;][^=&#\s"'<>]*(?:key|token|secret|auth|session|password|passwd|signature|sig|credential)[^=&#\s"'<>]*=)[^&#\s"'<>]+/gi;

/** A cheap look first: most text holds none of these. */
const MAYBE_SECRET = /sk-|gh[pousr]_|github_pat_|bearer|eyJ|AKIA|[?&;][^=\s]*=/i;

export function redactSecrets(text: string): string {
  if (!MAYBE_SECRET.test(text)) return text;
  return SECRET_VALUES.reduce((t, pattern) => t.replace(pattern, REDACTED), text).replace(SECRET_QUERY, `$1${REDACTED}`);
}

/** Keys whose values are credentials anywhere in a line, compared lower-case with `-` and `_` removed. */
const SECRET_KEYS = new Set(['authorization', 'proxyauthorization', 'xapikey', 'apikey', 'cookie', 'setcookie', 'accesstoken', 'refreshtoken', 'idtoken', 'oauthtoken', 'sessiontoken', 'token', 'password', 'secret', 'clientsecret', 'privatekey']);

/** A header name that says it carries a credential or a session: `x-auth-token`, `x-session-id`, `x-custom-secret`, `x-goog-api-key`. */
const SECRET_HEADER = /auth|token|secret|session|key|cookie|passw|credential|signature/i;

/** Is this key's value a credential? `inHeaders`: the key is a header name (the names then match by pattern). */
export function isSecretKey(key: string, inHeaders: boolean): boolean {
  return SECRET_KEYS.has(key.toLowerCase().replace(/[-_]/g, '')) || (inHeaders && SECRET_HEADER.test(key));
}
