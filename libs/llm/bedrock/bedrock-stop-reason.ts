import { LlmStopReason, UnifiedStopReason } from '../llm-client';

const UNIFIED: Record<string, UnifiedStopReason> = {
  end_turn: 'end',
  stop: 'end',
  max_tokens: 'length',
  length: 'length',
  model_context_window_exceeded: 'length',
  stop_sequence: 'stop_sequence',
  tool_use: 'tool_use',
  guardrail_intervened: 'content_filter',
  content_filtered: 'content_filter',
  content_filter: 'content_filter',
};

/** Maps a Converse / Anthropic stop reason to the port's unified one, keeping the raw value. */
export function unifyStopReason(raw: string | undefined | null): LlmStopReason {
  if (!raw) return { unified: 'other' };
  return { unified: UNIFIED[raw] ?? 'other', raw };
}
