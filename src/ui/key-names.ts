/**
 * A chunk of terminal input -> the names of the keys in it, as the key table spells them: letters
 * as typed, `space`, `tab`, `enter`, `escape`, `ctrl-c`, `ctrl-z`, arrows, `pageup`/`pagedown`,
 * `home`/`end`, `f1`/`f10`, and the mouse wheel (`wheel-up`/`wheel-down`, SGR or X10 reports).
 * Several keys can arrive in one read (typed fast, pasted): each is named. Pure.
 */

/** Escape sequences (after ESC) and what they name; xterm, VT220 and rxvt spellings alike. */
const SEQUENCES: ReadonlyArray<readonly [string, string]> = [
  ['[A', 'up'],
  ['OA', 'up'],
  ['[B', 'down'],
  ['OB', 'down'],
  ['[C', 'right'],
  ['OC', 'right'],
  ['[D', 'left'],
  ['OD', 'left'],
  ['[5~', 'pageup'],
  ['[6~', 'pagedown'],
  ['[H', 'home'],
  ['OH', 'home'],
  ['[1~', 'home'],
  ['[7~', 'home'],
  ['[F', 'end'],
  ['OF', 'end'],
  ['[4~', 'end'],
  ['[8~', 'end'],
  ['OP', 'f1'],
  ['[11~', 'f1'],
  ['[[A', 'f1'],
  ['[21~', 'f10'],
  ['[Z', 'shift-tab'],
];

export function keyNames(data: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < data.length) {
    const ch = data[i] ?? '';
    if (ch !== '\u001b') {
      out.push(plainKey(ch));
      i += 1;
      continue;
    }
    const rest = data.slice(i + 1);
    // SGR mouse: ESC [ < button ; x ; y (M|m). 64 and 65 are the wheel; other buttons are ignored.
    const sgr = /^\[<(\d+);\d+;\d+[Mm]/.exec(rest);
    if (sgr !== null) {
      const button = Number(sgr[1]) & ~(4 | 8 | 16);
      if (button === 64) out.push('wheel-up');
      else if (button === 65) out.push('wheel-down');
      i += 1 + sgr[0].length;
      continue;
    }
    // X10 mouse: ESC [ M and three bytes, the first the button plus 32.
    if (rest.startsWith('[M') && rest.length >= 5) {
      const button = (rest.charCodeAt(2) - 32) & ~(4 | 8 | 16);
      if (button === 64) out.push('wheel-up');
      else if (button === 65) out.push('wheel-down');
      i += 6;
      continue;
    }
    const known = SEQUENCES.find(([seq]) => rest.startsWith(seq));
    if (known !== undefined) {
      out.push(known[1]);
      i += 1 + known[0].length;
      continue;
    }
    // An unknown CSI sequence is skipped whole (its letters are not keys); a lone ESC is escape.
    const csi = /^\[[0-9;?<>]*[ -/]*[@-~]/.exec(rest);
    if (csi !== null) {
      i += 1 + csi[0].length;
      continue;
    }
    out.push('escape');
    i += 1;
  }
  return out;
}

function plainKey(ch: string): string {
  switch (ch) {
    case ' ':
      return 'space';
    case '\t':
      return 'tab';
    case '\r':
    case '\n':
      return 'enter';
    case '\u0003':
      return 'ctrl-c';
    case '\u001a':
      return 'ctrl-z';
    default:
      return ch;
  }
}
