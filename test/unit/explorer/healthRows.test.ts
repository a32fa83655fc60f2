// The explorer's health rows, built from the pure monitor over a cluster that answers as the
// test says: topic and partition sizes (largest first on demand), a refused DescribeLogDirs
// shown as the reason with the topics still listed, the service row's disk note with its
// warning level and forecast, and a group's lag trend on its row.

import * as assert from 'assert';
import type { BrokerLogDirs, ConsumerGroupInfo, KafkaCluster, TopicInfo } from '../../../src/kafka/types';
import { groupNodes, topicNodes } from '../../../src/explorer/liveTree';
import { nameFilter } from '../../../src/explorer/nameFilter';
import { staticChildren } from '../../../src/explorer/nodes';
import { HealthMonitor } from '../../../src/health/monitor';
import { trendText } from '../../../src/health/lagTrend';
import { MIB } from '../../../src/text/bytes';

const partition = (p: number) => ({ partition: p, leader: 1, replicas: [1], isr: [1], low: '0', high: '10', lastStable: '10' });
const TOPICS: TopicInfo[] = [
  { name: 'audit', internal: false, messageCount: '10', partitions: [partition(0)] },
  { name: 'orders', internal: false, messageCount: '20', partitions: [partition(0), partition(1)] },
];
const all = { filter: nameFilter(''), filterText: '', showInternal: false };

/** A cluster whose log directories hold `sizes` (topic → bytes per partition) on broker 1, or that refuses. */
function clusterWith(sizes: () => Record<string, number[]> | Error, configs: Record<string, string> = {}): KafkaCluster {
  return {
    describeLogDirs: async (): Promise<BrokerLogDirs[]> => {
      const s = sizes();
      if (s instanceof Error) throw s;
      const partitions = Object.entries(s).flatMap(([topic, bytes]) => bytes.map((sizeBytes, p) => ({ topic, partition: p, sizeBytes, isFuture: false })));
      return [{ broker: 1, error: null, logDirs: [{ path: '/data', error: null, totalBytes: 1024 * MIB, usableBytes: 600 * MIB, partitions }] }];
    },
    describeTopicConfig: async () => Object.entries(configs).map(([name, value]) => ({ name, value })),
  } as unknown as KafkaCluster;
}

describe('explorer: health rows', () => {
  it('shows each topic and partition\'s bytes on disk, largest first when asked', async () => {
    const monitor = new HealthMonitor();
    await monitor.sampleDisk('k', clusterWith(() => ({ orders: [300 * MIB, 12 * MIB], audit: [900] })), async () => ({ bytes: 512 * MIB, source: '.platform/services.yaml' }));
    const nodes = topicNodes('svc/topics', 'k', TOPICS, { ...all, usage: monitor.usageOf('k'), sortBySize: true });
    assert.deepStrictEqual(nodes.map((n) => [n.label, n.description]), [
      ['orders', '20 messages · 2 partitions · 312 MiB'],
      ['audit', '10 messages · 1 partition · 900 B'],
    ]);
    assert.deepStrictEqual(staticChildren(nodes[0]).slice(0, 2).map((n) => n.description), ['offsets 0–9 · next 10 · leader 1 · 300 MiB', 'offsets 0–9 · next 10 · leader 1 · 12 MiB']);
    assert.deepStrictEqual(monitor.diskNote('k'), {
      text: 'disk 312 MiB of 512 MiB (61%)',
      level: 'ok',
      detail: [
        'disk 312 MiB of 512 MiB (61%): the logs of broker 1, the fullest, as it reports them (DescribeLogDirs).',
        'Disk size from .platform/services.yaml.',
        "The broker's volume: 1 GiB, 600 MiB free.",
        'Forecast: not enough samples yet (1 over 0 s so far; it needs 3 over at least 1 min).',
      ],
    });
  });

  it('forgets a service\'s samples and disk when it is connected elsewhere: the next sample reads the disk again', async () => {
    const monitor = new HealthMonitor();
    const cluster = clusterWith(() => ({ orders: [MIB] }));
    let reads = 0;
    const diskOf = (source: string) => async () => (reads++, { bytes: 512 * MIB, source });
    await monitor.sampleDisk('k', cluster, diskOf('upsun resources:get (staging)'));
    await monitor.sampleDisk('k', cluster, diskOf('never read: the disk read a moment ago still holds'));
    assert.strictEqual(reads, 1);
    monitor.forget('k');
    assert.strictEqual(monitor.diskNote('k'), undefined);
    await monitor.sampleDisk('k', cluster, diskOf('.platform/services.yaml'));
    assert.strictEqual(reads, 2);
    assert.strictEqual(monitor.diskNote('k')?.detail[1], 'Disk size from .platform/services.yaml.');
  });

  it('measures each partition\'s produce rate from the topic\'s listings, starting again where a watermark went back', () => {
    let now = 1_800_000_000_000;
    const monitor = new HealthMonitor(() => now);
    const listed = (highs: number[]) => [{ name: 'orders', internal: false, messageCount: '0', partitions: highs.map((high, p) => ({ ...partition(p), high: String(high) })) }];
    monitor.recordTopics('k', listed([0, 100]));
    assert.strictEqual(monitor.produceRatesOf('k', 'orders'), undefined, 'one sample');
    now += 10_000;
    monitor.recordTopics('k', listed([1_000, 5]));
    now += 10_000;
    monitor.recordTopics('k', listed([2_000, 205]));
    // Partition 0: 2,000 in 20 s. Partition 1 went back (recreated): 200 in the 10 s since.
    assert.deepStrictEqual(monitor.produceRatesOf('k', 'orders'), { spanMs: 20_000, perPartition: new Map([[0, 100], [1, 20]]) });
    monitor.recordTopics('k', []);
    assert.strictEqual(monitor.produceRatesOf('k', 'orders'), undefined, 'a deleted topic forgets its samples');
  });

  it('a refused DescribeLogDirs: topics listed without sizes, saying why; the service row says usage is unknown', async () => {
    const monitor = new HealthMonitor();
    await monitor.sampleDisk('k', clusterWith(() => new Error('The broker refused DescribeLogDirs: Not authorized. DescribeLogDirs needs the DESCRIBE permission on the cluster.')), async () => ({ bytes: 512 * MIB, source: 'x' }));
    const nodes = topicNodes('svc/topics', 'k', TOPICS, { ...all, usage: monitor.usageOf('k'), usageError: monitor.usageErrorOf('k') });
    assert.deepStrictEqual(nodes.map((n) => n.description), ['10 messages · 1 partition', '20 messages · 2 partitions']);
    assert.match(String(nodes[0].tooltip), /Size on disk unknown: The broker refused DescribeLogDirs.*DESCRIBE permission on the cluster/);
    assert.strictEqual(monitor.diskNote('k')?.text, 'disk usage unknown');
  });

  it('warns at the thresholds and forecasts from the samples; the broker\'s volume stands in for an unknown plan', async () => {
    let now = 1_800_000_000_000;
    let bytes = 400 * MIB;
    const monitor = new HealthMonitor(() => now);
    const cluster = clusterWith(() => ({ orders: [bytes] }), { 'retention.ms': '-1', 'retention.bytes': '-1', 'segment.bytes': String(1024 ** 3), 'segment.ms': '604800000', 'cleanup.policy': 'delete' });
    for (let i = 0; i < 4; i++) {
      await monitor.sampleDisk('k', cluster, async () => ({ bytes: 512 * MIB, source: 'upsun resources:get' }));
      now += 60_000;
      bytes += MIB;
    }
    // 403 MiB, 1 MiB a minute, 512 MiB: 109 minutes.
    assert.deepStrictEqual(monitor.diskNote('k', { warnPercent: 75, criticalPercent: 95 })?.text, 'disk 403 MiB of 512 MiB (79%) · full in about 2 hours');
    assert.strictEqual(monitor.diskNote('k', { warnPercent: 75, criticalPercent: 95 })?.level, 'warning');
    const unknownPlan = new HealthMonitor();
    await unknownPlan.sampleDisk('k', cluster, async () => ({ bytes: null, why: 'no disk: in .platform/services.yaml' }));
    assert.strictEqual(unknownPlan.diskNote('k')?.text, 'disk 404 MiB of 1 GiB (39%)');
    assert.match(unknownPlan.diskNote('k')!.detail[1], /Disk size from the broker's volume \(no disk: in \.platform\/services\.yaml\)/);
  });

  it('puts the lag trend after the lag on the group row once it moves, and in the tooltip always', () => {
    const monitor = new HealthMonitor();
    const group = (high: string, committed: string): ConsumerGroupInfo => ({
      groupId: 'billing', type: 'classic', state: 'Stable', members: 1, memberList: [], assignor: 'range',
      lag: [{ topic: 'orders', lag: String(BigInt(high) - BigInt(committed)), timeLagMs: null, partitions: [{ partition: 0, committed, high, lastStable: high, lag: null, timeLagMs: null, oldestUnconsumed: null }] }],
    });
    const trendOf = (id: string) => {
      const t = monitor.trendOf('k', id);
      return t && trendText(t);
    };
    assert.strictEqual(trendOf('billing'), undefined);
    // Not enough samples, or steady: the tooltip says so, the row stays as it was.
    const nodes = groupNodes('svc/groups', 'k', [group('1234', '0')], nameFilter(''), '', () => 'not enough samples yet');
    assert.strictEqual(nodes[0].description, 'lag 1,234 · classic · Stable · 1 member');
    assert.match(String(nodes[0].tooltip), /Trend: not enough samples yet/);
    const falling = groupNodes('svc/groups', 'k', [group('1234', '0')], nameFilter(''), '', () => '↑ falling behind 120 msg/s');
    assert.match(String(falling[0].description), /^lag 1,234 ↑ falling behind 120 msg\/s · classic · Stable · 1 member$/);
  });
});
