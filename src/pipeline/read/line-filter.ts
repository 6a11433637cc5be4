/**
 * The hot-path decision: does this line need a full parse? Byte probes (sources/line-probe.ts)
 * under the routing policy of parse/line-needles.ts. Tool results and progress lines are read only
 * when they belong to a sub-agent spawn seen earlier, which is why the filter is told of spawns.
 */
import { HEAD_WINDOW, routeOf, TAIL_WINDOW, TRANSCRIPT_NEEDLES } from '../../parse/line-needles.js';
import { containsAny, headValue, tailValue } from '../../sources/line-probe.js';

const TYPE_KEY = Buffer.from('"type"');
const TOOL_USE_ID_KEY = Buffer.from('"tool_use_id"');
const PARENT_TOOL_USE_KEY = Buffer.from('"parentToolUseID"');
const NEEDLES = TRANSCRIPT_NEEDLES.map((n) => Buffer.from(n));

export interface LineFilterOptions {
  /** Read agent_progress lines (sub-agent liveness: the live monitor wants them, a report does not). */
  readonly progress: boolean;
}

export class TranscriptLineFilter {
  /** Tool-use ids of Task/Agent spawns: their results and progress lines are worth a parse. */
  private readonly spawnIds = new Set<string>();
  /**
   * The tool-use id of the last tool result refused because no spawn of that id was seen (yet): a
   * reader that reads files apart keeps these and settles them once every file's spawns are known.
   */
  lastUnknownResult: string | undefined;

  constructor(private readonly options: LineFilterOptions = { progress: true }) {}

  noteSpawn(toolUseId: string): void {
    this.spawnIds.add(toolUseId);
  }

  /** True when the line may yield an event and deserves a full parse. */
  wants(buf: Buffer, start: number, end: number): boolean {
    this.lastUnknownResult = undefined;
    switch (routeOf(headValue(buf, start, end, TYPE_KEY, HEAD_WINDOW))) {
      case 'parse':
        return true;
      case 'skip':
        return false;
      case 'tool-result': {
        const id = headValue(buf, start, end, TOOL_USE_ID_KEY, HEAD_WINDOW);
        if (this.isSpawn(id)) return true;
        this.lastUnknownResult = id;
        return false;
      }
      case 'progress':
        return this.options.progress && this.isSpawn(tailValue(buf, start, end, PARENT_TOOL_USE_KEY, TAIL_WINDOW));
      case 'scan':
        return containsAny(buf, start, end, NEEDLES);
    }
  }

  private isSpawn(id: string | undefined): boolean {
    return id !== undefined && this.spawnIds.has(id);
  }
}
