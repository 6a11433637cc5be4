/**
 * What kind of failure a synthetic error message reports, from its text and status: the report and
 * the detectors count errors by kind, because a user acts differently on each (log in again, wait
 * out an overload, shorten the prompt, top up credit).
 */
export type ErrorKind = 'auth' | 'overloaded' | 'server' | 'timeout' | 'connection' | 'prompt-too-long' | 'credit' | 'other';

const BY_TEXT: ReadonlyArray<readonly [RegExp, ErrorKind]> = [
  [/Invalid API key|Not logged in|Please run \/login|OAuth token|\b401\b|\b403\b/i, 'auth'],
  [/Overloaded|\b529\b/i, 'overloaded'],
  [/Request timed out|timeout/i, 'timeout'],
  [/Unable to connect|Connection error|ECONNREFUSED|ENOTFOUND|ECONNRESET|fetch failed/i, 'connection'],
  [/Prompt is too long|context (?:length|window)/i, 'prompt-too-long'],
  [/Credit balance is too low/i, 'credit'],
  [/API Error: 5\d\d\b|Internal server error/i, 'server'],
];

export function errorKind(text: string, status: number | undefined): ErrorKind {
  for (const [pattern, kind] of BY_TEXT) if (pattern.test(text)) return kind;
  if (status === 401 || status === 403) return 'auth';
  if (status === 529) return 'overloaded';
  if (status !== undefined && status >= 500) return 'server';
  return 'other';
}
