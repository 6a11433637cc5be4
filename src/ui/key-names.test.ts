import { describe, expect, it } from 'vitest';
import { keyNames } from './key-names.js';

describe('keyNames', () => {
  it('names letters, control keys and the spellings terminals use for arrows, paging and function keys', () => {
    expect(keyNames('pws')).toEqual(['p', 'w', 's']);
    expect(keyNames(' \t\r\u0003\u001a')).toEqual(['space', 'tab', 'enter', 'ctrl-c', 'ctrl-z']);
    expect(keyNames('\u001b[A\u001bOB\u001b[5~\u001b[6~\u001b[H\u001b[4~')).toEqual(['up', 'down', 'pageup', 'pagedown', 'home', 'end']);
    expect(keyNames('\u001bOP\u001b[11~\u001b[21~')).toEqual(['f1', 'f1', 'f10']);
    expect(keyNames('\u001b')).toEqual(['escape']);
  });

  it('reads the mouse wheel from SGR and X10 reports, and nothing from clicks', () => {
    expect(keyNames('\u001b[<64;10;5M\u001b[<65;10;5M\u001b[<0;3;3M\u001b[<0;3;3m')).toEqual(['wheel-up', 'wheel-down']);
    expect(keyNames('\u001b[M`!!\u001b[Ma!!j')).toEqual(['wheel-up', 'wheel-down', 'j']);
  });

  it('skips a sequence it does not know whole, rather than reading its letters as keys', () => {
    expect(keyNames('\u001b[1;5Pq')).toEqual(['q']);
  });
});
