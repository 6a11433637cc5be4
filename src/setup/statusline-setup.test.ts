import { describe, expect, it } from 'vitest';
import { topLevelValue, withTopLevelValue } from './settings-text.js';
import { planStatuslineSetup, recordsReadings, shellQuote } from './statusline-setup.js';

const TT = "'/usr/bin/node' '/opt/tokentop/dist/bin/tokentop.mjs'";

describe('settings.json edited by position', () => {
  it('finds a top-level value, not a nested key of the same name, and replaces only it', () => {
    const text = '{\n  "hooks": {"statusLine": 1},\n  "model": "opus",\n  "statusLine": {"type": "command", "command": "echo hi", "padding": 0},\n  "x": [1.50, {"a": "}"}]\n}\n';
    const span = topLevelValue(text, 'statusLine');
    expect(text.slice(span?.start, span?.end)).toBe('{"type": "command", "command": "echo hi", "padding": 0}');
    const out = withTopLevelValue(text, 'model', '"sonnet"');
    expect(out).toBe(text.replace('"opus"', '"sonnet"'));
  });

  it('adds a key last, in the file\'s own indentation, to an empty object too', () => {
    expect(withTopLevelValue('{\n    "a": 1\n}\n', 'b', '2')).toBe('{\n    "a": 1,\n    "b": 2\n}\n');
    expect(withTopLevelValue('{}', 'b', '2')).toBe('{\n  "b": 2\n}');
  });
});

describe('planStatuslineSetup', () => {
  it('chains the statusLine command there is, changing nothing else: key order, unknown keys, spacing, 1.50', () => {
    const text = '{\n  "zeta": true,\n  "statusLine": {\n    "type": "command",\n    "command": "ccstatusline --flag | head -1",\n    "padding": 2\n  },\n  "alpha": 1.50,\n  "unknownThing": {"deep": [1, 2]}\n}\n';
    const plan = planStatuslineSetup(text, TT);
    expect(plan).toMatchObject({ kind: 'chain', before: 'ccstatusline --flag | head -1', after: `${TT} statusline -- 'ccstatusline --flag | head -1'` });
    expect(plan.text).toBe(text.replace('"ccstatusline --flag | head -1"', JSON.stringify(plan.after)));
    // Run again on what it wrote: nothing to do.
    expect(planStatuslineSetup(plan.text, TT).kind).toBe('already');
  });

  it('adds a statusLine where there is none, and makes a settings file where there is none', () => {
    const plan = planStatuslineSetup('{"model": "opus"}\n', TT);
    expect(plan.kind).toBe('add');
    expect(JSON.parse(plan.text as string)).toEqual({ model: 'opus', statusLine: { type: 'command', command: `${TT} statusline` } });
    expect(JSON.parse(planStatuslineSetup(undefined, TT).text as string)).toEqual({ statusLine: { type: 'command', command: `${TT} statusline` } });
  });

  it('leaves a file it cannot parse untouched, saying why', () => {
    const broken = planStatuslineSetup('{"model": "opus",, }', TT);
    expect(broken).toMatchObject({ kind: 'unreadable', text: undefined });
    expect(broken.problem).toMatch(/^it is not JSON/);
    expect(planStatuslineSetup('[1, 2]', TT)).toMatchObject({ kind: 'unreadable', problem: 'it is not a JSON object' });
  });

  it('quotes a command for the shell so that it reads back as itself', () => {
    expect(shellQuote("it's | fine")).toBe(`'it'\\''s | fine'`);
    expect(shellQuote('/usr/bin/node')).toBe('/usr/bin/node');
    expect(recordsReadings('tokentop statusline -- x')).toBe(true);
    expect(recordsReadings("'/n' '/a/tokentop.mjs' statusline")).toBe(true);
    expect(recordsReadings('ccstatusline')).toBe(false);
  });
});
