/**
 * Turn the PATHs a user names into the transcript files to read: a config dir reads
 * its `projects/`, any other dir is searched recursively for `.jsonl`, a file is read as it is.
 */
import { readdirSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isDirectory } from './config-dirs.js';
import { isTranscriptFile } from './transcript-path.js';

export interface InputProblem {
  readonly path: string;
  readonly message: string;
}

export interface FoundTranscripts {
  /** Absolute paths, sorted, each once. */
  readonly files: string[];
  /** Named PATHs that are missing or unreadable: the caller decides whether that is fatal. */
  readonly problems: InputProblem[];
  /** Dirs inside them that could not be read, and symlinks that could not be followed; the rest was still searched. */
  readonly warnings: InputProblem[];
  /** Dirs reached through a symlink: a watcher that does not follow links watches these too. */
  readonly linkedDirs: string[];
}

/** Deeper than this, a tree is not searched further (and the walk says so). */
const MAX_DEPTH = 16;

interface WalkState {
  readonly files: Set<string>;
  readonly warnings: InputProblem[];
  readonly linkedDirs: string[];
  /** Dirs entered, by device and inode: each once, so a symlink loop ends at once. */
  readonly seen: Set<string>;
}

export async function findTranscripts(paths: readonly string[]): Promise<FoundTranscripts> {
  const problems: InputProblem[] = [];
  const state: WalkState = { files: new Set(), warnings: [], linkedDirs: [], seen: new Set() };
  const { files, warnings } = state;
  for (const given of paths) {
    // resolve('') is the working dir: an empty PATH is a mistake, not a request to read it.
    if (given.trim() === '') {
      problems.push({ path: '""', message: 'an empty PATH' });
      continue;
    }
    const path = resolve(given);
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      problems.push({ path: given, message: describeFsError(error) });
      continue;
    }
    if (info.isFile()) {
      files.add(path);
      continue;
    }
    if (!info.isDirectory()) {
      problems.push({ path: given, message: 'not a file or directory' });
      continue;
    }
    // A config dir holds much besides transcripts (history.jsonl is prompts, not usage): read projects/ only.
    const projects = join(path, 'projects');
    const root = (await isDirectory(projects)) ? projects : path;
    const before = warnings.length;
    walkSync(root, state, 0);
    // The named dir itself unreadable is the user's problem to fix; a sub-dir is only a warning.
    if (warnings[before]?.path === root) problems.push({ path: given, message: (warnings.splice(before, 1)[0] as InputProblem).message });
  }
  return { files: [...files].sort(), problems, warnings, linkedDirs: state.linkedDirs };
}

/**
 * Every transcript below `dir`. Symlinks are followed (project dirs that are links are common with
 * dotfile managers), each dir entered once by device and inode, at most MAX_DEPTH deep: a link to a
 * parent or to itself ends the walk of that branch at once.
 */
/**
 * Synchronous on purpose: a history of 700 sessions has ~1,400 dirs, and an awaited stat and
 * readdir per dir (a thread-pool round trip each) took 250 ms where these calls take ~30 ms.
 */
function walkSync(dir: string, state: WalkState, depth: number): void {
  let entries;
  try {
    const info = statSync(dir);
    const id = `${info.dev}:${info.ino}`;
    if (state.seen.has(id)) return;
    state.seen.add(id);
    if (depth > MAX_DEPTH) {
      state.warnings.push({ path: dir, message: `deeper than ${MAX_DEPTH} dirs: not searched` });
      return;
    }
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    state.warnings.push({ path: dir, message: describeFsError(error) });
    return;
  }
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isSymbolicLink()) {
      let target;
      try {
        target = statSync(full);
      } catch (error) {
        state.warnings.push({ path: full, message: `a symlink that cannot be followed: ${describeFsError(error)}` });
        continue;
      }
      if (target.isDirectory()) {
        const before = state.seen.size;
        walkSync(full, state, depth + 1);
        if (state.seen.size > before) state.linkedDirs.push(full);
      } else if (target.isFile() && isTranscriptFile(full)) state.files.add(full);
      else if (isTranscriptFile(full)) state.warnings.push({ path: full, message: NOT_A_FILE });
    } else if (entry.isDirectory()) walkSync(full, state, depth + 1);
    else if (entry.isFile() && isTranscriptFile(full)) state.files.add(full);
    // A FIFO, socket or device with a transcript's name: never opened (a FIFO would block), but said.
    else if (isTranscriptFile(full)) state.warnings.push({ path: full, message: NOT_A_FILE });
  }
}

const NOT_A_FILE = 'not a regular file (a FIFO, socket or device): not read';

/** A one-line reason a person can act on, from a Node fs error. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'not a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
