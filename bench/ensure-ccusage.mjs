// ccusage, the benchmark's comparison point, installed on demand into bench/.ccusage/ (git-ignored).
// It is not a dev dependency: its package names a native binary per platform as optional
// dependencies, which one lock file cannot hold for every platform, and `npm ci` then refuses the lock.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CCUSAGE_VERSION = '20.0.24';
const prefix = fileURLToPath(new URL('./.ccusage/', import.meta.url));

/** The path of ccusage's native binary for this platform, installing the package first if needed. */
export function ensureCcusage(log = console.log) {
  const binary = join(prefix, 'node_modules', '@ccusage', `ccusage-${process.platform}-${process.arch}`, 'bin', 'ccusage');
  const installed = join(prefix, 'node_modules', 'ccusage', 'package.json');
  if (!existsSync(binary) || !existsSync(installed) || readVersion(installed) !== CCUSAGE_VERSION) {
    log(`installing ccusage ${CCUSAGE_VERSION} into ${prefix} (for the comparison only; not a dependency of tokentop) …`);
    execFileSync('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', prefix, `ccusage@${CCUSAGE_VERSION}`], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  if (!existsSync(binary)) throw new Error(`ccusage ${CCUSAGE_VERSION} has no native binary for ${process.platform}-${process.arch}`);
  // ccusage's own wrapper sets the execute bit at run time; a fresh install may not have it yet.
  if ((statSync(binary).mode & 0o111) === 0) chmodSync(binary, 0o755);
  return binary;
}

function readVersion(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8')).version;
  } catch {
    return undefined;
  }
}
