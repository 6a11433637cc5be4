import { describe, expect, it } from 'vitest';
import { configDirCandidates } from './config-dirs.js';

describe('configDirCandidates', () => {
  it('uses only the comma-separated CLAUDE_CONFIG_DIR list when set', () => {
    expect(configDirCandidates({ CLAUDE_CONFIG_DIR: '/a, /b ,,' }, '/home/u')).toEqual({ dirs: ['/a', '/b'], fromEnv: true });
  });
  it('falls back to ~/.config/claude then ~/.claude', () => {
    expect(configDirCandidates({}, '/home/u')).toEqual({ dirs: ['/home/u/.config/claude', '/home/u/.claude'], fromEnv: false });
    expect(configDirCandidates({ CLAUDE_CONFIG_DIR: '  ' }, '/home/u').fromEnv).toBe(false);
  });
});
