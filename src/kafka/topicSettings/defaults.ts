// Which topic settings a Kafka line has, and what each is when neither the topic nor the brokers
// set it: the default of the broker setting behind it (`log.retention.hours` 168 for
// retention.ms), as Kafka ships it.
//
// Source: the settings a Kafka 4.3.1, 4.1.2 and 3.7.2 broker with no log.* settings of its own
// lists for a new topic (DescribeConfigs) and their DEFAULT_CONFIG values, checked both ways
// against each of them by Kafka's Java AdminClient in test/kafka/topicConfig.test.ts: every
// setting the broker lists is here, and every one here is listed. The kafka-3 line is Kafka
// 3.7's, the newest 3.x Upsun offers (3.8 added the compression levels, 3.9 the remote.log.*
// switches). A Kafka service's brokers may
// set their own (Upsun and Platform.sh do not say), so a topic's real default is the one its
// brokers report; these are what a topics file means before it is connected.

import type { LogConfigLine } from './specs';

const LONG_MAX = '9223372036854775807';

const KAFKA_4: Readonly<Record<string, string>> = {
  'cleanup.policy': 'delete',
  'compression.type': 'producer',
  'compression.gzip.level': '-1',
  'compression.lz4.level': '9',
  'compression.zstd.level': '3',
  'delete.retention.ms': '86400000',
  'file.delete.delay.ms': '60000',
  'flush.messages': LONG_MAX,
  'flush.ms': LONG_MAX,
  'follower.replication.throttled.replicas': '',
  'leader.replication.throttled.replicas': '',
  'index.interval.bytes': '4096',
  'local.retention.bytes': '-2',
  'local.retention.ms': '-2',
  'max.compaction.lag.ms': LONG_MAX,
  'max.message.bytes': '1048588',
  // One hour since Kafka 4.0 (KIP-937); unlimited before.
  'message.timestamp.after.max.ms': '3600000',
  'message.timestamp.before.max.ms': LONG_MAX,
  'message.timestamp.type': 'CreateTime',
  'min.cleanable.dirty.ratio': '0.5',
  'min.compaction.lag.ms': '0',
  'min.insync.replicas': '1',
  preallocate: 'false',
  'remote.storage.enable': 'false',
  'remote.log.copy.disable': 'false',
  'remote.log.delete.on.disable': 'false',
  'retention.bytes': '-1',
  'retention.ms': '604800000',
  'segment.bytes': '1073741824',
  'segment.index.bytes': '10485760',
  'segment.jitter.ms': '0',
  'segment.ms': '604800000',
  'unclean.leader.election.enable': 'false',
};

/** Kafka 3.7's: Kafka 4's without what 3.8 and 3.9 added, with what 4.0 removed (KIP-724, KIP-937). */
const KAFKA_3: Readonly<Record<string, string>> = {
  ...without(KAFKA_4, ['compression.gzip.level', 'compression.lz4.level', 'compression.zstd.level', 'remote.log.copy.disable', 'remote.log.delete.on.disable']),
  'message.timestamp.after.max.ms': LONG_MAX,
  'message.timestamp.difference.max.ms': LONG_MAX,
  'message.downconversion.enable': 'true',
  'message.format.version': '3.0-IV1',
};

function without(table: Readonly<Record<string, string>>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(table).filter(([name]) => !names.includes(name)));
}

/** The topic settings a broker of `line` has, sorted. */
export function topicSettingNames(line: LogConfigLine): string[] {
  return Object.keys(line === 'kafka-3' ? KAFKA_3 : KAFKA_4).sort();
}

/**
 * Kafka's default of topic setting `name` for a broker of `line`, as the broker sends values
 * (milliseconds and bytes as decimal strings; `''` for an empty list); undefined for a setting
 * this table does not know, or one `line` does not have.
 */
export function kafkaDefault(name: string, line: LogConfigLine = 'kafka-4'): string | undefined {
  return (line === 'kafka-3' ? KAFKA_3 : KAFKA_4)[name];
}
