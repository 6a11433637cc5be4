import type { ReadThreads } from '../pipeline/history/parallel-read.js';

/** What a command may touch of the outside world, handed in so tests can run commands in-process. */
export interface CommandIO {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => number;
  /** Terminal width for text reports. */
  readonly columns: number;
  readonly version: string;
  /** The read thread's script, when this is the built CLI (dist/bin/read-worker.mjs beside it). */
  readonly readWorker?: URL | undefined;
  /** Threads a cold read may use, and bytes per thread (TOKENTOP_READ_THREADS, else by cores and size; cli/read-threads.ts). */
  readonly readThreads?: ReadThreads;
}

/** A mistake of the user's (bad flag, missing path): one line on stderr and exit code 2, no stack. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
