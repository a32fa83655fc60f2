// Creating topics in tests. kafkajs' own `waitForLeaders` asks Metadata until each partition
// has a leader, but gives up on the UNKNOWN_TOPIC_OR_PARTITION a KRaft broker can still answer
// for a topic it has just created (it retries LEADER_NOT_AVAILABLE only): under load that fails
// a test now and then. This waits for the leaders itself, polling.

import type { Admin, ITopicConfig } from 'kafkajs';
import { eventually } from './eventually';

/** Creates `topics` and waits until every partition has a leader; true when all were created (kafkajs' answer). */
export async function createTopicsWithLeaders(admin: Admin, topics: ITopicConfig[]): Promise<boolean> {
  const created = await admin.createTopics({ topics, waitForLeaders: false });
  const names = topics.map((t) => t.topic);
  await eventually(`leaders for ${names.join(', ')}`, async () => {
    const metadata = await admin.fetchTopicMetadata({ topics: names });
    return metadata.topics.length === names.length && metadata.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)) ? true : undefined;
  });
  return created;
}
