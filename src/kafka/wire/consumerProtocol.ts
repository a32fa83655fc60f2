// A classic consumer group member's assignment as its consumers write it (the group coordinator
// passes the bytes on unread): ConsumerProtocolAssignment.

import type { AssignedPartitions } from '../types';
import { WireReader } from './primitives';

/**
 * A classic consumer's assignment: ConsumerProtocolAssignment (version int16, then topics as
 * name and partitions; clients/src/main/resources/common/message/ConsumerProtocolAssignment.json),
 * non-flexible up to its version 3. None when it does not parse: the member still shows.
 */
export function consumerAssignment(bytes: Buffer): AssignedPartitions[] {
  try {
    const r = new WireReader(bytes, 'ConsumerProtocolAssignment');
    r.int16('the version');
    // Least sizes: a topic 6 bytes (empty name, no partitions), a partition 4.
    return Array.from({ length: r.count('the topic count', 6, true) }, () => {
      const topic = r.nullableString('a topic name') ?? '';
      return { topic, partitions: Array.from({ length: r.count(`${topic}'s partition count`, 4, true) }, () => r.int32(`a partition of ${topic}`)).sort((a, b) => a - b) };
    }).sort((a, b) => a.topic.localeCompare(b.topic));
  } catch {
    return [];
  }
}
