/**
 * Claude Code's settings.json as text: the value of one top-level key found by position and replaced
 * in place, so that nothing else in the file changes (key order, unknown keys, spacing, numbers
 * written as the user wrote them). Pure: text in, text out.
 */

export interface ValueSpan {
  /** Where the key's value starts and ends (end exclusive). */
  readonly start: number;
  readonly end: number;
}

export class SettingsTextError extends Error {}

/**
 * The span of the value of top-level `key` in the JSON object `text`, or undefined when the object
 * has no such key. Throws SettingsTextError when the text is not one JSON object.
 */
export function topLevelValue(text: string, key: string): ValueSpan | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SettingsTextError('it is not a JSON object');
  } catch (error) {
    throw error instanceof SettingsTextError ? error : new SettingsTextError(`it is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  // Valid JSON from here on: a small scanner need not check the grammar, only track strings and depth.
  let i = text.indexOf('{') + 1;
  let found: ValueSpan | undefined;
  while (i < text.length) {
    i = skipBlank(text, i);
    if (text[i] === '}') break;
    if (text[i] === ',') {
      i += 1;
      continue;
    }
    const nameEnd = stringEnd(text, i);
    const name = JSON.parse(text.slice(i, nameEnd)) as string;
    i = skipBlank(text, nameEnd) + 1; // past the colon
    const start = skipBlank(text, i);
    const end = valueEnd(text, start);
    // The last of duplicate keys is the one JSON.parse keeps.
    if (name === key) found = { start, end };
    i = end;
  }
  return found;
}

/** The file with top-level `key` set to `value` (JSON text): replaced where it is, else added last. */
export function withTopLevelValue(text: string, key: string, value: string): string {
  const span = topLevelValue(text, key);
  if (span !== undefined) return `${text.slice(0, span.start)}${value}${text.slice(span.end)}`;
  const close = text.lastIndexOf('}');
  const before = text.slice(0, close).replace(/\s*$/, '');
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  const empty = before.endsWith('{');
  return `${before}${empty ? '' : ','}\n${indent}${JSON.stringify(key)}: ${value}\n${text.slice(close)}`;
}

function skipBlank(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i] as string)) i += 1;
  return i;
}

/** The index just past the string that starts at `i` (a quote). */
function stringEnd(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
  return j + 1;
}

/** The index just past the value that starts at `i`. */
function valueEnd(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return stringEnd(text, i);
  if (c !== '{' && c !== '[') {
    let j = i;
    while (j < text.length && !/[\s,}\]]/.test(text[j] as string)) j += 1;
    return j;
  }
  let depth = 0;
  let j = i;
  while (j < text.length) {
    const ch = text[j];
    if (ch === '"') {
      j = stringEnd(text, j);
      continue;
    }
    if (ch === '{' || ch === '[') depth += 1;
    else if (ch === '}' || ch === ']') {
      depth -= 1;
      if (depth === 0) return j + 1;
    }
    j += 1;
  }
  return j;
}
