/**
 * A terminal whose locale is not UTF-8 (LANG=C, POSIX, latin1) shows braille and box drawing as
 * garbage: there the monitor's frames are written in ASCII, each character kept to its width (boxes
 * as +-|, braille dots as *, bars as # and ., a wide character as ?? so the columns still line up).
 */
import stringWidth from 'string-width';

/** Whether the locale the terminal was given is not UTF-8 (LC_ALL, then LC_CTYPE, then LANG; none set: UTF-8). */
export function wantsAscii(env: NodeJS.ProcessEnv): boolean {
  const locale = [env.LC_ALL, env.LC_CTYPE, env.LANG].find((v) => v !== undefined && v !== '');
  return locale !== undefined && !/utf-?8/i.test(locale);
}

const MAP: Record<string, string> = {
  '─': '-', '━': '-', '═': '=', '│': '|', '┃': '|', '║': '|',
  '╭': '+', '╮': '+', '╰': '+', '╯': '+', '┌': '+', '┐': '+', '└': '+', '┘': '+',
  '╔': '+', '╗': '+', '╚': '+', '╝': '+', '├': '+', '┤': '+', '┬': '+', '┴': '+', '┼': '+',
  '█': '#', '▓': '#', '▒': ':', '░': '.', '▁': '_', '▲': '^', '▼': 'v',
  '●': '*', '○': 'o', '·': '.', '…': '~', '→': '>', '←': '<', '↻': '@', '×': 'x', '–': '-', '—': '-',
};

/** `text` in ASCII, column for column; escape sequences and ASCII pass as they are. */
export function toAscii(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) out += ch;
    else if (code >= 0x2800 && code <= 0x28ff) out += code === 0x2800 ? ' ' : '*';
    else out += MAP[ch] ?? '?'.repeat(Math.max(0, stringWidth(ch)));
  }
  return out;
}

/** Make `stream` write ASCII from now on; returns what puts it back. */
export function asciiWrites(stream: NodeJS.WriteStream): () => void {
  const own = Object.getOwnPropertyDescriptor(stream, 'write');
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = (chunk: unknown, ...rest: unknown[]) => write(typeof chunk === 'string' ? toAscii(chunk) : chunk, ...rest);
  return () => {
    // The stream's write as it was: its own property, or the prototype's.
    if (own !== undefined) Object.defineProperty(stream, 'write', own);
    else delete (stream as { write?: unknown }).write;
  };
}
