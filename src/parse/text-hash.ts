/**
 * A 64-bit FNV-1a hash of a string's UTF-16 code units, as 16 hex digits: to tell whole texts apart
 * (a sub-agent's prompt) without keeping them. Not cryptographic; two different prompts of one
 * session colliding is a 1-in-2^64 chance. Pure (parse/ takes no node:crypto).
 */
const OFFSET = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

export function textHash(text: string): string {
  // Two 32-bit halves in plain numbers would be faster; BigInt keeps it obviously FNV-1a, and prompts are few.
  let h = OFFSET;
  for (let i = 0; i < text.length; i++) h = ((h ^ BigInt(text.charCodeAt(i))) * PRIME) & MASK;
  return h.toString(16).padStart(16, '0');
}
