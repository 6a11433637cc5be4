/**
 * Whether the terminal went away: the pane or window was closed (SIGHUP), or a write to it failed
 * with EIO. A normal way to leave: the summary file is still written, nothing more goes to the dead
 * terminal, and the exit code is 0. Process-wide, like the terminal itself.
 */
let gone = false;

const HANGUP_CODES = new Set(['EIO', 'ENXIO', 'EBADF', 'ERR_STREAM_DESTROYED']);

export function terminalGone(): boolean {
  return gone;
}

export function markTerminalGone(): void {
  gone = true;
}

/** An error a write to (or read from) a terminal that went away gives. */
export function isHangupError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && HANGUP_CODES.has(String((error as { code?: unknown }).code));
}
