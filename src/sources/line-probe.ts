/**
 * Byte-level probes into one line, without decoding it: the value of a key near the head or the
 * tail, or whether a needle occurs. Each probe looks only inside the line, and a window bounds
 * the head and tail probes, so a 500 KB tool result costs what its first and last KB cost.
 */

const QUOTE = 0x22;
const COLON = 0x3a;
const BACKSLASH = 0x5c;
const MAX_VALUE = 128;

/**
 * The string value of the first `"key": "` within `window` bytes of the line's start. `key` is the
 * quoted name (`"type"`); JSON may put blanks around the colon (a line re-serialized by another
 * tool: its titles and tool results were neither read nor counted when the probe wanted none).
 */
export function headValue(buf: Buffer, start: number, end: number, key: Buffer, window: number): string | undefined {
  // Searched within the window only: an unbounded search that misses (a prompt line has no
  // tool_use_id) runs on through later lines and the reused read buffer's stale bytes, which cost
  // 0.3 ms a line when 500 one-line files were read (measured).
  const head = buf.subarray(start, Math.min(end, start + window));
  for (let at = head.indexOf(key); at >= 0; at = head.indexOf(key, at + 1)) {
    const value = valueAfterColon(buf, start + at + key.length, end);
    if (value !== undefined) return value === NOT_A_STRING ? undefined : value;
  }
  return undefined;
}

/** The string value of the last `"key": "` within `window` bytes of the line's end. */
export function tailValue(buf: Buffer, start: number, end: number, key: Buffer, window: number): string | undefined {
  const from = Math.max(start, end - window);
  const tail = buf.subarray(from, end);
  for (let at = tail.lastIndexOf(key); at >= 0; at = at === 0 ? -1 : tail.lastIndexOf(key, at - 1)) {
    const value = valueAfterColon(buf, from + at + key.length, end);
    if (value !== undefined) return value === NOT_A_STRING ? undefined : value;
  }
  return undefined;
}

/** A key's value that is not a short plain string (a number, an object, an escape): the key was found, its value is not read. */
const NOT_A_STRING = '\u0000';

/** After a quoted key: blanks, a colon, blanks, then a string value. Undefined when no colon follows (the name was a value). */
function valueAfterColon(buf: Buffer, from: number, end: number): string | undefined {
  let i = from;
  while (i < end && isBlank(buf[i] as number)) i++;
  if (buf[i] !== COLON) return undefined;
  i++;
  while (i < end && isBlank(buf[i] as number)) i++;
  if (buf[i] !== QUOTE) return NOT_A_STRING;
  return valueAt(buf, i + 1, end) ?? NOT_A_STRING;
}

/** True when the line holds any of `needles`. Scans the whole line once per needle. */
export function containsAny(buf: Buffer, start: number, end: number, needles: readonly Buffer[]): boolean {
  const line = buf.subarray(start, end);
  return needles.some((n) => line.includes(n));
}

/** A short string value starting at `from` (just past its opening quote); undefined if escaped or long. */
function valueAt(buf: Buffer, from: number, end: number): string | undefined {
  const limit = Math.min(end, from + MAX_VALUE);
  for (let i = from; i < limit; i++) {
    const byte = buf[i];
    if (byte === QUOTE) return buf.toString('latin1', from, i);
    if (byte === BACKSLASH) return undefined;
  }
  return undefined;
}

/** True when the line looks like one JSON object (first and last non-blank bytes are braces). */
export function isFramedObject(buf: Buffer, start: number, end: number): boolean {
  // A UTF-8 byte order mark before the brace is an editor's, not a broken line.
  let s = buf[start] === 0xef && buf[start + 1] === 0xbb && buf[start + 2] === 0xbf ? start + 3 : start;
  let e = end - 1;
  while (s <= e && isBlank(buf[s] as number)) s++;
  while (e >= s && isBlank(buf[e] as number)) e--;
  return e > s && buf[s] === 0x7b && buf[e] === 0x7d;
}

function isBlank(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0d;
}
