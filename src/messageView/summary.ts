// The message view's one line about what it shows, beside the topic's name.

import { heldPartitionsText } from '../kafka/openTransaction';
import type { TopicInfo } from '../kafka/types';
import { plural } from '../text/count';
import type { PeekMode } from './protocol';

/**
 * `50 shown, newest in all partitions · 10,000 messages in 3 partitions`, then what an open
 * transaction holds back from a read_committed reader in the partitions looked at (from
 * `topic`'s watermarks, read when the view loaded or last polled); `loading…` before the topic
 * was described.
 */
export function viewSummary(shown: number, selection: { readonly mode: PeekMode; readonly partition?: number }, topic: TopicInfo | undefined): string {
  if (!topic) return 'loading…';
  const where = selection.partition === undefined ? 'all partitions' : `partition ${selection.partition}`;
  const how = selection.mode === 'newest' ? 'newest' : selection.mode === 'offset' ? 'from an offset' : 'from a time';
  const summary = `${shown} shown, ${how} in ${where} · ${plural(Number(topic.messageCount), 'message')} in ${plural(topic.partitions.length, 'partition')}`;
  const held = heldPartitionsText(topic.partitions.filter((p) => selection.partition === undefined || p.partition === selection.partition));
  return held ? `${summary} · ${held}` : summary;
}

/** `3 search matches shown · 10,000 messages in 3 partitions`, while a search's matches are the rows. */
export function searchSummary(matches: number, topic: TopicInfo | undefined): string {
  const shown = `${plural(matches, 'search match', 'search matches')} shown`;
  return topic ? `${shown} · ${plural(Number(topic.messageCount), 'message')} in ${plural(topic.partitions.length, 'partition')}` : shown;
}
