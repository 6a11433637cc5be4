/** Run the built CLI (dist/cli.js) as a user would, capturing its output and exit code. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../dist/bin/tokentop.mjs', import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * tokentop's state dir for a test run: empty, so no test reads the quota record of whoever runs the
 * suite (every command reads it by default). A test that wants a record sets XDG_STATE_HOME itself.
 */
export const EMPTY_STATE_HOME = mkdtempSync(join(tmpdir(), 'tokentop-test-state-'));
/** No config file (the machine's own ~/.config/tokentop/config.json must not steer a test). */
export const EMPTY_CONFIG_HOME = mkdtempSync(join(tmpdir(), 'tokentop-test-config-'));
/** The persistent index of this test file's runs (never the machine's ~/.cache/tokentop). */
export const TEST_CACHE_HOME = mkdtempSync(join(tmpdir(), 'tokentop-test-cache-'));

export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}, cwd?: string, input?: string): CliResult {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'npm run build' first (npm test does)`);
  const result = spawnSync(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, XDG_STATE_HOME: EMPTY_STATE_HOME, XDG_CONFIG_HOME: EMPTY_CONFIG_HOME, XDG_CACHE_HOME: TEST_CACHE_HOME, ...env },
    encoding: 'utf8',
    cwd,
    input,
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
