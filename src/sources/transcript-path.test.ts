import { describe, expect, it } from 'vitest';
import { classifyTranscriptPath, isTranscriptFile, metaPathOf } from './transcript-path.js';

describe('classifyTranscriptPath', () => {
  it.each([
    ['/c/projects/-Users-a-My-App/0eda269a-9c44.jsonl', { layout: 'session', sessionId: '0eda269a-9c44', agentId: undefined, project: '-Users-a-My-App' }],
    ['/c/projects/C--x/agent-abc3cb6.jsonl', { layout: 'flat-agent', sessionId: undefined, agentId: 'abc3cb6', project: 'C--x' }],
    ['/c/projects/p/4d56/subagents/agent-a2898e3.jsonl', { layout: 'subagent-dir', sessionId: '4d56', agentId: 'a2898e3', project: 'p' }],
    ['/c/projects/p/s/subagents/agent-acompact-e1f845.jsonl', { layout: 'subagent-dir', sessionId: 's', agentId: 'acompact-e1f845', project: 'p' }],
    ['/c/projects/p/s/subagents/agent-ausrbinsnmpwalk-v2c-c-da0830f979acd02a.jsonl', { layout: 'subagent-dir', agentId: 'ausrbinsnmpwalk-v2c-c-da0830f979acd02a' }],
    ['/c/projects/p/s1/subagents/workflows/wf_9f2/agent-a77.jsonl', { layout: 'workflow-agent', sessionId: 's1', agentId: 'a77', project: 'p', workflowRun: 'wf_9f2' }],
  ])('%s', (path, expected) => {
    expect(classifyTranscriptPath(path)).toMatchObject(expected);
  });

  it('names the .meta.json of 2.1.x sub-agents only', () => {
    expect(metaPathOf(classifyTranscriptPath('/p/s/subagents/agent-a1.jsonl'))).toBe('/p/s/subagents/agent-a1.meta.json');
    expect(metaPathOf(classifyTranscriptPath('/p/agent-a1.jsonl'))).toBeUndefined();
  });

  it("takes a Workflow run's journal for what it is: no transcript", () => {
    expect(isTranscriptFile('/p/s/subagents/workflows/wf_9f2/journal.jsonl')).toBe(false);
    expect(isTranscriptFile('/p/s/subagents/workflows/wf_9f2/agent-a1.jsonl')).toBe(true);
    // A session may well be called journal: only the one in a wf_ dir is the script's log.
    expect(isTranscriptFile('/p/journal.jsonl')).toBe(true);
    expect(isTranscriptFile('/p/s/subagents/workflows/wf_9f2/agent-a1.meta.json')).toBe(false);
  });
});
