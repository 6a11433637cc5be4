/**
 * The package as a user gets it: `npm pack`, a global install into a temp prefix, and the installed
 * `tokentop` run from another working dir. The bundle holds every dependency, so the install is one
 * package. Packed with --ignore-scripts: `npm test` has just built dist/, and prepack's rebuild would
 * replace it under the other tests running beside this one (a fresh clone's `npm pack` builds first).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_TRUTH, writeFixtureConfigDir } from './helpers/config-dir.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
let work: string;
let tarball: string;
let bin: string;
let config: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'tokentop-pack-'));
  config = await writeFixtureConfigDir();
  const name = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').at(-1) ?? '';
  tarball = join(work, name);
  const prefix = join(work, 'prefix');
  execFileSync('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', '--offline', tarball], { cwd: work, stdio: 'ignore' });
  bin = join(prefix, 'bin', 'tokentop');
}, 120_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await rm(config, { recursive: true, force: true });
});

/** The installed command, from a dir that is not the project. */
function tokentop(args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(bin, args, { cwd: work, env: { PATH: process.env.PATH, HOME: work }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the packed package, installed globally', () => {
  it('ships the bundle alone, without source maps or the compiler output', () => {
    const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
    expect(listing).toContain('package/dist/bin/tokentop.mjs');
    expect(listing.filter((f) => !/^package\/(dist\/bin\/.*\.mjs|package\.json|README\.md|LICENSE)$/.test(f))).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: object; scripts: Record<string, string> };
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.scripts.prepack).toMatch(/build/);
    console.log(`tarball ${(statSync(tarball).size / 1024).toFixed(1)} KiB, ${listing.length} files`);
  });

  it('installs as one package', () => {
    const modules = readdirSync(join(work, 'prefix', 'lib', 'node_modules'));
    expect(modules).toEqual(['tokentop']);
    expect(() => readdirSync(join(work, 'prefix', 'lib', 'node_modules', 'tokentop', 'node_modules'))).toThrow(/ENOENT/);
  });

  it('answers --version with the package version', () => {
    const r = tokentop(['--version']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  });

  it('reports a fixture dir', () => {
    const r = tokentop(['summary', config, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { totals: { output: number } }).totals.output).toBe(FIXTURE_TRUTH.output);
  });

  it('runs the demo report', () => {
    const r = tokentop(['--demo', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { subagents: { spawned: number } }).subagents.spawned).toBeGreaterThanOrEqual(10);
  });
});
