/**
 * `tokentop verify DIR`: re-hashes what a bundle's manifest names. Each file of the bundle; each
 * source file's first `size` bytes (found at its path, or under the `--against` dirs: by name, or
 * for a pseudonym by its hash); each quoted line's bytes at its offset. Says what matches and what
 * does not, naming the file and line; `ok` only when everything matches.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { manifestSchema, type Manifest } from './manifest.js';
import { hashRange } from './source-file.js';

export interface VerifyResult {
  readonly ok: boolean;
  /** One line each: `ok …`, `CHANGED …`, `MISSING …`. */
  readonly lines: readonly string[];
}

export class BundleError extends Error {}

export async function verifyBundle(dir: string, against: readonly string[]): Promise<VerifyResult> {
  const manifest = await readManifest(dir);
  const out: string[] = [];
  let ok = true;
  const fail = (line: string): void => {
    ok = false;
    out.push(line);
  };
  for (const f of manifest.files) {
    const text = await readFile(join(dir, f.path)).catch(() => undefined);
    if (text === undefined) fail(`MISSING  ${f.path} (a file of the bundle)`);
    else if (sha256(text) !== f.sha256) fail(`CHANGED  ${f.path}: it is not the file the bundle was made with`);
    else out.push(`ok       ${f.path}`);
  }
  const candidates = against.length === 0 ? [] : await filesUnder(against);
  for (const source of manifest.sources) {
    const path = await locate(source, candidates);
    const lines = manifest.lines.filter((l) => l.source === source.id);
    if (path === undefined) {
      fail(`MISSING  ${source.path}: not found${against.length === 0 ? ' (give --against DIR where it is now)' : ` at its path or under ${against.join(', ')}`}; ${lines.length} quoted lines not checked`);
      continue;
    }
    const size = (await stat(path)).size;
    const prefix = size >= source.size ? await hashRange(path, 0, source.size) : undefined;
    if (prefix !== source.sha256) fail(`CHANGED  ${path}: its first ${source.size} bytes are not the ones the bundle hashed`);
    else out.push(`ok       ${path}: ${source.size} bytes${size > source.size ? ` (${size - source.size} bytes appended since)` : ''}${source.changedDuringRun ? '; note: it was being written while the bundle was made' : ''}`);
    for (const l of lines) {
      const hash = await hashRange(path, l.offset, l.length);
      if (hash !== l.sha256) fail(`CHANGED  line ${l.line} of ${path} (bytes ${l.offset}-${l.offset + l.length}, quoted in ${l.quotedIn})`);
      else out.push(`ok       line ${l.line} of ${path}`);
    }
    for (const n of source.missingLines) out.push(`note     line ${n} of ${path} was gone when the bundle was made: not quoted`);
  }
  return { ok, lines: out };
}

async function readManifest(dir: string): Promise<Manifest> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
  } catch (error) {
    throw new BundleError(`${dir} has no readable manifest.json: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new BundleError(`${join(dir, 'manifest.json')} is not a tokentop evidence manifest: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim());
  return parsed.data;
}

/** Where the source is now: its own path, else a file under --against with its name, or (a pseudonym) its hash. */
async function locate(source: Manifest['sources'][number], candidates: readonly string[]): Promise<string | undefined> {
  if (!source.pseudonym && (await isFile(source.path))) return source.path;
  for (const path of candidates) {
    if (!source.pseudonym && basename(path) !== basename(source.path)) continue;
    const size = (await stat(path)).size;
    if (size >= source.size && (await hashRange(path, 0, source.size)) === source.sha256) return path;
  }
  // A file of that name that does not match is still the one to report as changed.
  return source.pseudonym ? undefined : candidates.find((p) => basename(p) === basename(source.path));
}

async function filesUnder(roots: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const root of roots) {
    if (await isFile(root)) {
      out.push(root);
      continue;
    }
    const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
    for (const e of entries) if (e.isFile()) out.push(join(e.parentPath, e.name));
  }
  return out.sort();
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
