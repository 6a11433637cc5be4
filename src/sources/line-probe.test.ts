import { describe, expect, it } from 'vitest';
import { containsAny, headValue, isFramedObject, tailValue } from './line-probe.js';

const KEY = Buffer.from('"type"');

/** Lines in one buffer, as the tailer hands them out; `at(i)` is line i's [start, end). */
function lines(...texts: string[]): { buf: Buffer; at: (i: number) => [number, number] } {
  const buf = Buffer.from(texts.join('\n'));
  const starts: number[] = [];
  let start = 0;
  for (const t of texts) {
    starts.push(start);
    start += Buffer.byteLength(t) + 1;
  }
  return { buf, at: (i) => [starts[i] ?? 0, (starts[i] ?? 0) + Buffer.byteLength(texts[i] ?? '')] };
}

describe('headValue', () => {
  it('reads the first value of a key within the window of this line only', () => {
    const { buf, at } = lines('{"a":1,"type":"user","x":{"type":"text"}}', '{"no":"key"}', '{"type":"assistant"}');
    expect(headValue(buf, ...at(0), KEY, 4096)).toBe('user');
    // The next line's key must not leak into a line without one.
    expect(headValue(buf, ...at(1), KEY, 4096)).toBeUndefined();
    expect(headValue(buf, ...at(2), KEY, 4096)).toBe('assistant');
    expect(headValue(buf, ...at(0), KEY, 10)).toBeUndefined();
  });

  it('reads a value with blanks around the colon, and passes over the name where it is a value', () => {
    const { buf, at } = lines('{"name": "type", "type" : "custom-title", "customTitle": "x"}', '{"type": 5}');
    expect(headValue(buf, ...at(0), KEY, 4096)).toBe('custom-title');
    expect(headValue(buf, ...at(1), KEY, 4096)).toBeUndefined();
  });

  it('gives up on escaped or overlong values rather than guess', () => {
    const { buf, at } = lines(`{"type":"a\\"b"}`, `{"type":"${'x'.repeat(300)}"}`);
    expect(headValue(buf, ...at(0), KEY, 4096)).toBeUndefined();
    expect(headValue(buf, ...at(1), KEY, 4096)).toBeUndefined();
  });
});

describe('tailValue', () => {
  it('reads the last value of a key near the end of the line', () => {
    const { buf, at } = lines(`{"parentToolUseID":"early","data":"${'y'.repeat(2000)}","parentToolUseID":"toolu_9"}`);
    expect(tailValue(buf, ...at(0), Buffer.from('"parentToolUseID"'), 1024)).toBe('toolu_9');
  });

});

describe('containsAny and isFramedObject', () => {
  it('search inside the line only', () => {
    const { buf, at } = lines('{"a":"plain"}', '{"b":"usage"}');
    const needles = [Buffer.from('usage')];
    expect(containsAny(buf, ...at(0), needles)).toBe(false);
    expect(containsAny(buf, ...at(1), needles)).toBe(true);
  });

  it.each([
    ['{"a":1}', true],
    ['  {"a":1}\r', true],
    ['{"a":', false],
    ['"a"}', false],
    ['', false],
  ])('isFramedObject(%j) is %s', (text, framed) => {
    const buf = Buffer.from(text);
    expect(isFramedObject(buf, 0, buf.length)).toBe(framed);
  });
});
