/**
 * Reading JSON of no fixed shape by hand (the statusline and sub-agent status commands, which must
 * not pay zod's load time): each helper gives the value when it is of the type asked, else undefined.
 */
export type Json = Record<string, unknown>;

export const obj = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined);
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The JSON object `text` holds, or undefined when it is not JSON or not an object. */
export function jsonObject(text: string): Json | undefined {
  try {
    return obj(JSON.parse(text));
  } catch {
    return undefined;
  }
}
