// The partition log (partitionLog.ts) over the wire: the topic's metadata read fresh
// (TopicReader) or given (what a peek before read, peekRouting.ts), ListOffsets that survive a
// leader that moved, and Fetch to each partition's leader with our own decoder (wire/fetch.ts).

import { fetchRecordBytes } from './fetch';
import type { RawCluster, RawTopicMetadata } from './kafkajs/types';
import { TopicReader } from './metadata';
import type { FetchLimits, FetchRound, OffsetQuery, PartitionFetch, PartitionLog } from './partitionLog';

export class BrokerLog implements PartitionLog {
  private readonly reader: TopicReader;
  /** The first partitions() takes the metadata given to the constructor instead of asking. */
  private assumed: boolean;
  /**
   * Per leader: settles once its first fetch is answered (or failed). kafkajs opens a broker's
   * fetch connection on its first Fetch; the first to each leader goes alone, so that the
   * others do not each wait on the connecting socket.
   */
  private readonly connected = new Map<string, Promise<void>>();

  /**
   * `deadline`: ms since the epoch, where retries of offset requests stop. `metadata`: the
   * topic's, read already (the first partitions() asks for none); later calls read afresh.
   */
  constructor(
    raw: RawCluster,
    readonly topic: string,
    deadline: number,
    metadata?: RawTopicMetadata,
  ) {
    this.reader = new TopicReader(raw, deadline);
    this.assumed = metadata !== undefined;
    if (metadata) this.reader.assume(metadata);
  }

  async partitions(): Promise<number[]> {
    if (this.assumed) this.assumed = false;
    else await this.reader.addTargetTopic(this.topic);
    return this.reader.findTopicPartitionMetadata(this.topic).map((p) => p.partitionId).sort((a, b) => a - b);
  }

  /** The topic's metadata this log reads by: what partitions() read or was given. */
  metadata(): RawTopicMetadata | undefined {
    return this.reader.metadataOf(this.topic);
  }

  async offsets(partitions: readonly number[], query: OffsetQuery): Promise<Map<number, bigint>> {
    const at = query.at === 'start' ? { fromBeginning: true } : query.at === 'end' ? { fromBeginning: false, isolation: query.isolation } : { fromTimestamp: query.timestamp };
    const [result] = await this.reader.fetchTopicsOffset([{ topic: this.topic, partitions: partitions.map((partition) => ({ partition })), ...at }]);
    return new Map((result?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
  }

  async fetch(asks: readonly PartitionFetch[], limits: FetchLimits): Promise<FetchRound> {
    const byPartition = new Map(asks.map((a) => [a.partition, a]));
    const leaders = Object.entries(this.reader.findLeaderForPartitions(this.topic, [...byPartition.keys()]));
    const led = new Set(leaders.flatMap(([, partitions]) => partitions));
    const requests = await Promise.all(
      leaders.map(async ([leader, partitions]) => {
        const asked = partitions.map((p) => byPartition.get(p)!);
        const first = this.connected.get(leader);
        let opened: (() => void) | undefined;
        if (first) await first;
        else this.connected.set(leader, new Promise<void>((resolve) => (opened = resolve)));
        try {
          const broker = await this.reader.findBroker({ nodeId: leader });
          return { asked, answered: await fetchRecordBytes(broker, this.topic, asked, limits) };
        } finally {
          opened?.();
        }
      }),
    );
    return { requests, leaderless: asks.map((a) => a.partition).filter((p) => !led.has(p)) };
  }
}
