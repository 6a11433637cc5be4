/**
 * Proxy log files -> request events, through the same tailer as transcripts. The format is told by
 * the file's first line (claude-trace pairs, or the relay's separate requests and responses); a file
 * of neither is reported once, as a one-line problem, and skipped.
 */
import { isClaudeTraceLine, parseClaudeTraceLine } from '../../parse/proxy/claude-trace.js';
import type { ProxySourceCounts } from '../../metrics/proxy-ledger.js';
import type { ProxyRequestEvent } from '../../parse/proxy/proxy-events.js';
import { isRelayLine, RelayPairer } from '../../parse/proxy/relay.js';
import { FileTailer, ScratchBuffer, type LineSink } from '../../sources/file-tailer.js';

export type ProxyFormat = 'claude-trace' | 'relay';

/** What the reader counts as it goes; the report shows it as `proxy.sources`. */
export type ProxyStats = ProxySourceCounts;

interface Followed {
  readonly tailer: FileTailer;
  format: ProxyFormat | 'unknown' | undefined;
  readonly pairer: RelayPairer;
}

export class ProxyReader {
  readonly stats: ProxyStats = { files: 0, lines: 0, malformed: 0, otherTraffic: 0, unpairedRequests: 0, unpairedResponses: 0, problems: [] };
  private readonly scratch = new ScratchBuffer(1 << 20);
  private readonly followed = new Map<string, Followed>();

  constructor(private readonly onEvent: (event: ProxyRequestEvent) => void) {}

  /** Read a whole file (a report); relay requests still waiting at its end count as unanswered. */
  readToEnd(file: string): void {
    this.poll(file);
    const f = this.followed.get(file);
    if (f === undefined) return;
    f.pairer.finish();
    this.addPairerCounts(f.pairer);
    f.tailer.close();
    this.followed.delete(file);
  }

  /** Read what was appended since the last poll (live use); returns the bytes read. */
  poll(file: string): number {
    let f = this.followed.get(file);
    if (f === undefined) {
      f = { tailer: new FileTailer(file), format: undefined, pairer: new RelayPairer() };
      this.followed.set(file, f);
      this.stats.files += 1;
    }
    const entry = f;
    const sink: LineSink = { line: (buf, start, end, lineNo) => this.line(entry, file, buf.toString('utf8', start, end), lineNo) };
    return entry.tailer.poll(sink, this.scratch).bytesRead;
  }

  closeAll(): void {
    for (const f of this.followed.values()) f.tailer.close();
    this.followed.clear();
  }

  private line(f: Followed, file: string, text: string, lineNo: number): void {
    if (text.trim() === '') return;
    this.stats.lines += 1;
    if (f.format === 'unknown') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.stats.malformed += 1;
      if (f.format === undefined) this.unknown(f, file, 'its first line is not JSON');
      return;
    }
    if (f.format === undefined) {
      f.format = isClaudeTraceLine(value) ? 'claude-trace' : isRelayLine(value) ? 'relay' : undefined;
      if (f.format === undefined) return this.unknown(f, file, 'not a claude-trace or relay log');
    }
    const origin = { file, line: lineNo };
    if (f.format === 'claude-trace') {
      const event = parseClaudeTraceLine(value, origin);
      if (event === undefined) this.stats.malformed += 1;
      else this.onEvent(event);
      return;
    }
    // A relay line of the right shape may yield nothing yet (a request waits for its response).
    if (!isRelayLine(value)) {
      this.stats.malformed += 1;
      return;
    }
    const event = f.pairer.add(value, origin);
    if (event !== undefined) this.onEvent(event);
  }

  private unknown(f: Followed, file: string, why: string): void {
    f.format = 'unknown';
    this.stats.problems.push({ path: file, message: `unknown proxy log format: ${why}` });
  }

  private addPairerCounts(p: RelayPairer): void {
    this.stats.otherTraffic += p.counts.otherTraffic;
    this.stats.unpairedRequests += p.counts.unpairedRequests;
    this.stats.unpairedResponses += p.counts.unpairedResponses;
  }
}
