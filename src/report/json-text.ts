/**
 * JSON for a person's terminal or a file they will open: JSON.stringify keeps C1 controls
 * (U+0080-U+009F, which some terminals act on) and bidi overrides (U+202A-U+202E, U+2066-U+2069,
 * which reorder what is shown) as raw characters. From transcripts they are untrusted: escaped here.
 */
const UNSAFE = /[\u0080-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function jsonText(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
