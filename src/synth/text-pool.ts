/**
 * Filler text for tool results and prompts: source-like lines with some non-ASCII, cut from one
 * pre-built pool so that generating a gigabyte costs slicing, not composing.
 */
import type { Prng } from './prng.js';

const WORDS = [
  'const', 'function', 'return', 'await', 'import', 'export', 'interface', 'value', 'result', 'config', 'parser', 'stream',
  'buffer', 'offset', 'session', 'token', 'cache', 'window', 'metrics', 'render', 'error', 'handler', 'request', 'response',
  '=>', '{', '}', '(', ')', '[', ']', ';', '=', '+', 'if', 'else', 'for', 'of', 'new', 'Map', 'Set', 'résumé', 'naïve', '日本語',
  '0', '1', '42', '200', 'true', 'false', 'null', '//', 'TODO:', 'src/app.ts', 'README.md', 'test', 'describe', 'it', 'expect',
];

export class TextPool {
  private readonly pool: string;

  constructor(random: Prng, size = 1 << 20) {
    const parts: string[] = [];
    let length = 0;
    while (length < size) {
      const lineWords = random.int(3, 14);
      let line = '  '.repeat(random.int(0, 3));
      for (let i = 0; i < lineWords; i++) line += `${random.pick(WORDS)} `;
      parts.push(line);
      length += line.length + 1;
    }
    this.pool = parts.join('\n');
  }

  /** `length` characters starting at a random place. */
  text(random: Prng, length: number): string {
    const n = Math.min(length, this.pool.length);
    const start = random.int(0, this.pool.length - n);
    return this.pool.slice(start, start + n);
  }
}
