/**
 * A transcript or proxy-log line as the evidence bundle quotes it: the same JSON, with every
 * credential replaced by "[redacted]" (by key: Authorization, x-api-key, cookies, tokens, secrets,
 * and any header whose name says auth, token, secret, session, key or cookie; by value: Anthropic,
 * OpenAI and GitHub keys, bearer tokens, JWTs, credential query parameters: parse/secrets.ts), message
 * content (prompts, answers, tool input and output) left out unless asked for, and every control
 * character escaped (JSON escapes C0; C1 and bidi overrides are escaped too). A line that is not
 * JSON is quoted as a JSON string, redacted the same way.
 */
import { jsonText } from '../report/json-text.js';
import { isSecretKey, REDACTED, redactSecrets } from '../parse/secrets.js';


/** What people wrote and read: left out unless --include-content. */
const CONTENT_KEYS = new Set(['content', 'text', 'thinking', 'signature', 'input', 'toolUseResult', 'messages', 'system', 'tools', 'prompt', 'body_raw', 'summary', 'aiTitle', 'customTitle', 'lastPrompt']);


export function redactLine(text: string, includeContent: boolean): string {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return jsonText({ unparsed: redactSecrets(text) }, 0);
  }
  return jsonText(redact(value, includeContent), 0);
}

function redact(value: unknown, includeContent: boolean, inHeaders = false): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (Array.isArray(value)) return value.map((v) => redact(v, includeContent));
  if (typeof value !== 'object' || value === null) return value;
  // Claude Code's own messages (a limit, an API error) are the evidence itself, not anybody's words.
  const keep = includeContent || (value as { model?: unknown }).model === '<synthetic>';
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (isSecretKey(key, inHeaders)) out[key] = REDACTED;
    else if (!keep && CONTENT_KEYS.has(key) && v !== null && v !== undefined && !(key === 'summary' && typeof v === 'string' && LIMIT_WORDS.test(v))) out[key] = leftOut(v);
    else out[key] = redact(v, keep, key.toLowerCase() === 'headers');
  }
  return out;
}

/** A 1.0.x session title that is a limit message is evidence too. */
const LIMIT_WORDS = /usage limit|rate limit|limit reached|hit your .*limit|spend limit/i;

/** What was left out, in size only. */
function leftOut(value: unknown): string {
  const size = typeof value === 'string' ? `${value.length} characters` : Array.isArray(value) ? `${value.length} items` : 'an object';
  return `[left out: ${size}; --include-content keeps it]`;
}
