/**
 * Turn the PATHs a user names into the transcript files to read: a config dir reads
 * its `projects/`, any other dir is searched recursively for `.jsonl`, a file is read as it is.
 */
import { readdir, stat } from 'node:fs/promises';
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
  /** Dirs inside them that could not be read; the rest was still searched. */
  readonly warnings: InputProblem[];
}

export async function findTranscripts(paths: readonly string[]): Promise<FoundTranscripts> {
  const files = new Set<string>();
  const problems: InputProblem[] = [];
  const warnings: InputProblem[] = [];
  for (const given of paths) {
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
    const inner: InputProblem[] = [];
    await walk(root, files, inner);
    // The named dir itself unreadable is the user's problem to fix; a sub-dir is only a warning.
    if (inner[0]?.path === root) problems.push({ path: given, message: (inner.shift() as InputProblem).message });
    warnings.push(...inner);
  }
  return { files: [...files].sort(), problems, warnings };
}

async function walk(dir: string, out: Set<string>, warnings: InputProblem[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    warnings.push({ path: dir, message: describeFsError(error) });
    return;
  }
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) await walk(full, out, warnings);
    else if (entry.isFile() && isTranscriptFile(full)) out.add(full);
  }
}

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
