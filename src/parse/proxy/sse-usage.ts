/**
 * Usage of a streamed response from its SSE text: message_start carries the message id,
 * model and input-side usage; the last message_delta carries the final output count. claude-trace
 * pads the JSON with odd whitespace before the closing brace, which JSON.parse accepts.
 */
import { usageSchema } from '../schemas.js';

export interface StreamedMessage {
  readonly id: string | undefined;
  readonly model: string | undefined;
  readonly usage: { input: number; output: number; cacheCreation: number; cacheRead: number } | undefined;
}

export function usageFromSse(text: string): StreamedMessage {
  let id: string | undefined;
  let model: string | undefined;
  let usage: StreamedMessage['usage'];
  for (const line of text.split('\n')) {
    if (!line.startsWith('data:')) continue;
    let data: unknown;
    try {
      data = JSON.parse(line.slice(5));
    } catch {
      continue;
    }
    if (typeof data !== 'object' || data === null) continue;
    const d = data as { type?: unknown; message?: { id?: unknown; model?: unknown; usage?: unknown }; usage?: unknown };
    if (d.type === 'message_start' && d.message !== undefined) {
      if (typeof d.message.id === 'string') id = d.message.id;
      if (typeof d.message.model === 'string') model = d.message.model;
      const u = usageSchema.safeParse(d.message.usage);
      if (u.success) usage = { input: u.data.input_tokens ?? 0, output: u.data.output_tokens ?? 0, cacheCreation: u.data.cache_creation_input_tokens ?? 0, cacheRead: u.data.cache_read_input_tokens ?? 0 };
    } else if (d.type === 'message_delta') {
      const u = usageSchema.safeParse(d.usage);
      if (u.success && usage !== undefined) {
        // Later deltas carry the running output; input fields appear only when the server restates them.
        usage = {
          input: u.data.input_tokens ?? usage.input,
          output: u.data.output_tokens ?? usage.output,
          cacheCreation: u.data.cache_creation_input_tokens ?? usage.cacheCreation,
          cacheRead: u.data.cache_read_input_tokens ?? usage.cacheRead,
        };
      }
    }
  }
  return { id, model, usage };
}
