/**
 * `tokentop setup` on disk: the one place tokentop writes inside a Claude config dir, and only when
 * the user asks. The file as it was is copied first into tokentop's own state dir
 * (`setup-backups/`), and `setup.json` there lists what was written where; `--undo` puts each file
 * back byte for byte (or removes a file setup created), unless it was changed since.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

interface SetupEntry {
  readonly file: string;
  /** The copy of the file as it was; null when setup created it. */
  readonly backup: string | null;
  /** sha256 of what setup wrote: undo touches only a file still as setup left it. */
  readonly written: string;
  readonly at: string;
}

export type UndoOutcome = { readonly file: string } & ({ readonly kind: 'restored'; readonly backup: string } | { readonly kind: 'removed' } | { readonly kind: 'changed-since' | 'unreadable'; readonly reason: string });

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

async function readOrUndefined(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function entries(stateDir: string): Promise<SetupEntry[]> {
  const raw = await readOrUndefined(join(stateDir, 'setup.json'));
  if (raw === undefined) return [];
  const parsed = JSON.parse(raw.toString('utf8')) as unknown;
  return Array.isArray(parsed) ? (parsed as SetupEntry[]) : [];
}

/** Write `text` to the settings `file`, its old bytes backed up first; returns the backup's path (none for a new file). */
export async function writeSettings(file: string, text: string, stateDir: string, now: number): Promise<string | undefined> {
  const original = await readOrUndefined(file);
  let backup: string | undefined;
  if (original !== undefined) {
    backup = join(stateDir, 'setup-backups', `${new Date(now).toISOString().replace(/[:.]/g, '-')}-${sha256(file).slice(0, 8)}-${file.split(/[\\/]/).pop() ?? 'settings.json'}`);
    await mkdir(dirname(backup), { recursive: true });
    await writeFile(backup, original);
  }
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
  const list = await entries(stateDir);
  list.push({ file, backup: backup ?? null, written: sha256(text), at: new Date(now).toISOString() });
  await mkdir(stateDir, { recursive: true });
  await writeFile(join(stateDir, 'setup.json'), `${JSON.stringify(list, null, 2)}\n`);
  return backup;
}

/** Put back every file setup wrote (the latest write of each), unless it changed since. */
export async function undoSettings(stateDir: string): Promise<UndoOutcome[]> {
  const list = await entries(stateDir);
  const latest = new Map<string, SetupEntry>();
  for (const e of list) latest.set(e.file, e);
  const out: UndoOutcome[] = [];
  const undone = new Set<string>();
  for (const e of latest.values()) {
    const now = await readOrUndefined(e.file).catch(() => undefined);
    if (now === undefined || sha256(now) !== e.written) {
      out.push({ file: e.file, kind: 'changed-since', reason: now === undefined ? 'it is gone' : 'it was changed after setup wrote it; its backup is kept' });
      continue;
    }
    try {
      // The first backup of a file is how it was before any setup: undo goes all the way back.
      const first = list.find((x) => x.file === e.file) as SetupEntry;
      if (first.backup === null) {
        await rm(e.file);
        out.push({ file: e.file, kind: 'removed' });
      } else {
        await writeFile(e.file, await readFile(first.backup));
        out.push({ file: e.file, kind: 'restored', backup: first.backup });
      }
      undone.add(e.file);
    } catch (error) {
      out.push({ file: e.file, kind: 'unreadable', reason: error instanceof Error ? error.message : String(error) });
    }
  }
  await writeFile(join(stateDir, 'setup.json'), `${JSON.stringify(list.filter((e) => !undone.has(e.file)), null, 2)}\n`);
  return out;
}
