/** What reading transcripts counted, line by line: shared by the reader (pipeline) and the report. */
export interface LineCounts {
  files: number;
  filesByLayout: { session: number; 'flat-agent': number; 'subagent-dir': number; 'workflow-agent': number };
  bytes: number;
  lines: number;
  /** Lines decoded and parsed (the line filter wanted them). */
  parsedLines: number;
  blankLines: number;
  malformed: number;
  malformedByReason: Record<string, number>;
  /** Files that ended in a line with no newline (Claude Code mid-write, or a copy cut short). */
  partialLines: number;
  /** Parsed lines by `type` (and subtype for system/progress lines). */
  lineTypes: Record<string, number>;
  /** Assistant lines with an unreadable timestamp, counted at the time of the line before them. */
  placedAtPreviousTime: number;
}

export function emptyLineCounts(): LineCounts {
  return {
    files: 0,
    filesByLayout: { session: 0, 'flat-agent': 0, 'subagent-dir': 0, 'workflow-agent': 0 },
    bytes: 0,
    lines: 0,
    parsedLines: 0,
    blankLines: 0,
    malformed: 0,
    malformedByReason: {},
    partialLines: 0,
    lineTypes: {},
    placedAtPreviousTime: 0,
  };
}
