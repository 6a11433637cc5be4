/**
 * Text from transcripts is untrusted: a tool result can hold escape sequences that would move the
 * cursor, retitle the terminal or hide text. Everything shown to a person passes through here.
 */

// CSI (ESC [ … final), OSC (ESC ] … BEL or ST), other two-byte escapes, and 8-bit CSI/OSC.
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]|[\u009b\u009d][^\u0007]*?[@-~]/g;
// C0 controls but tab and newline, DEL, C1 controls, and bidi overrides that reorder what is shown.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Remove terminal control sequences and control characters; tabs become spaces. */
export function stripControl(text: string): string {
  return text.replace(ESCAPES, '').replace(CONTROLS, '').replace(/\t/g, ' ');
}

/** Any character `stripControl` or a one-line value would change: newlines and tabs too. */
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/**
 * A name read from untrusted input (a model, a project dir, a telemetry attribute), made safe for
 * every output at once, where it enters: no control sequence, no newline (a model name with one broke
 * the text reports' rows and reached /metrics label values). Names with nothing to strip are returned as they are.
 */
export function safeName(text: string): string {
  if (!UNSAFE_IN_NAME.test(text)) return text;
  return stripControl(text).replace(/[\r\n]+/g, ' ').trim();
}

/** One display line: controls stripped, newlines folded, cut to `max` characters with an ellipsis. */
export function oneLine(text: string, max: number): string {
  const flat = stripControl(text).replace(/\s*\n\s*/g, ' ⏎ ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, Math.max(0, max - 1))}…`;
}
