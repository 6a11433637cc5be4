/**
 * `tokentop verify DIR`: checks a bundle against its sources, not only against its own manifest
 * (which whoever edits a bundle can edit too). Each source file's first `size` bytes (found at its
 * path, or under the `--against` dirs: by name, or for a pseudonym by its hash); each quoted line's
 * bytes at its offset, and the quoted text made again from them (redacted as the bundle was) and
 * compared with the bundle's line; each file of the bundle by hash; a file the manifest does not
 * name, and a manifest path outside the bundle, fail. What no source can vouch for (README.txt,
 * anomalies.json, quota.jsonl) is said so: only the bundle's digest, published elsewhere, protects it.
 */
import { createHash } from 'node:crypto';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative } from 'node:path';
import { redactLine } from './redact-line.js';
import { manifestSchema, type Manifest } from './manifest.js';
import { hashRange } from './source-file.js';

export interface VerifyResult {
  readonly ok: boolean;
  /** One line each: `ok …`, `CHANGED …`, `MISSING …`. */
  readonly lines: readonly string[];
}

export class BundleError extends Error {}

/** The files of a bundle that no source vouches for: their hashes are in the manifest, which can be edited with them. */
const UNSOURCED = ['README.txt', 'anomalies.json', 'quota.jsonl'];

export async function verifyBundle(dir: string, against: readonly string[], digest?: string): Promise<VerifyResult> {
  const manifest = await readManifest(dir);
  const out: string[] = [];
  let ok = true;
  const fail = (line: string): void => {
    ok = false;
    out.push(line);
  };
  const bundleDigest = sha256(await readFile(join(dir, 'manifest.json')));
  if (digest !== undefined) {
    if (digest.toLowerCase() !== bundleDigest) fail(`CHANGED  manifest.json: its sha256 is ${bundleDigest}, not the digest given (${digest})`);
    else out.push(`ok       manifest.json: its sha256 is the digest given`);
  }
  const named = new Set(['manifest.json']);
  const texts = new Map<string, string>();
  for (const f of manifest.files) {
    if (!insideBundle(f.path)) {
      fail(`REFUSED  ${f.path}: the manifest names a path outside the bundle`);
      continue;
    }
    named.add(f.path);
    const text = await readFile(join(dir, f.path)).catch(() => undefined);
    if (text === undefined) fail(`MISSING  ${f.path} (a file of the bundle)`);
    else if (sha256(text) !== f.sha256) fail(`CHANGED  ${f.path}: it is not the file the bundle was made with`);
    else {
      texts.set(f.path, text.toString('utf8'));
      out.push(`ok       ${f.path}`);
    }
  }
  for (const extra of (await filesUnder([dir])).map((p) => relative(dir, p)).filter((p) => !named.has(p))) fail(`EXTRA    ${extra}: a file the manifest does not name`);
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
      if (hash !== l.sha256) {
        fail(`CHANGED  line ${l.line} of ${path} (bytes ${l.offset}-${l.offset + l.length}, quoted in ${l.quotedIn})`);
        continue;
      }
      // The quote made again from the source's bytes: an edit to lines/ shows even with the manifest edited to match.
      const quoted = quotedLine(texts, l.quotedIn);
      const source = await readRange(path, l.offset, l.length);
      if (quoted === undefined || quoted !== redactLine(source, manifest.includeContent)) fail(`CHANGED  ${l.quotedIn}: it does not quote line ${l.line} of ${path} as that line reads`);
      else out.push(`ok       line ${l.line} of ${path}, and its quote in ${l.quotedIn}`);
    }
    for (const n of source.missingLines) out.push(`note     line ${n} of ${path} was gone when the bundle was made: not quoted`);
  }
  const unsourced = UNSOURCED.filter((f) => named.has(f));
  out.push(`note     ${unsourced.join(', ')}: checked against the manifest only (no source can vouch for them); the bundle's digest, sha256 of manifest.json, is ${bundleDigest}: publish it where the bundle cannot be edited, and check with --digest`);
  return { ok, lines: out };
}

/** A manifest path that stays inside the bundle: relative, no `..`. */
function insideBundle(path: string): boolean {
  return path !== '' && !isAbsolute(path) && !path.split(/[\\/]/).includes('..');
}

/** The `n`th line (1-based) of a bundle file, from `name:n`. */
function quotedLine(texts: ReadonlyMap<string, string>, quotedIn: string): string | undefined {
  const at = quotedIn.lastIndexOf(':');
  const text = texts.get(quotedIn.slice(0, at));
  const n = Number(quotedIn.slice(at + 1));
  return text === undefined || !Number.isInteger(n) || n < 1 ? undefined : text.split('\n')[n - 1];
}

async function readRange(path: string, offset: number, length: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buf, 0, length, offset);
    return buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
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
