import { describe, expect, it } from 'vitest';
import { jsonText } from './json-text.js';

describe('jsonText', () => {
  it('escapes C1 controls and bidi overrides, and reads back the same', () => {
    const value = { text: 'evil\u009b31m \u202eexe.txt \u2066x', plain: 'café ✓' };
    const out = jsonText(value);
    expect(out).not.toMatch(/[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(out).toContain('\\u009b');
    expect(out).toContain('\\u202e');
    expect(out).toContain('café ✓');
    expect(JSON.parse(out)).toEqual(value);
  });
});
