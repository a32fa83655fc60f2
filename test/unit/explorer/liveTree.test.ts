import * as assert from 'assert';
import type { ConsumerGroupInfo, TopicInfo } from '../../../src/kafka/types';
import { groupNodes, heldKey, topicNodes } from '../../../src/explorer/liveTree';
import { LastStableWatch } from '../../../src/kafka/openTransaction';
import { nameFilter } from '../../../src/explorer/nameFilter';
import { staticChildren } from '../../../src/explorer/nodes';
import { renderedMarkdown } from '../../harness/markdown';

const partition = (p: number, low: string, high: string, isr = [1], lastStable = high) => ({ partition: p, leader: 1, replicas: [1], isr, low, high, lastStable });
const TOPICS: TopicInfo[] = [
  { name: 'orders', internal: false, messageCount: '12345', partitions: [partition(1, '0', '345'), partition(0, '2000', '14000')] },
  { name: '__consumer_offsets', internal: true, messageCount: '7', partitions: [partition(0, '0', '7')] },
  { name: 'audit', internal: false, messageCount: '1', partitions: [partition(0, '0', '1', [])] },
];
const all = { filter: nameFilter(''), filterText: '', showInternal: false };

describe('explorer tree: topics and consumer groups', () => {
  it('lists topics by name with partition and message counts, internal ones hidden', () => {
    const nodes = topicNodes('svc/topics', 'key', TOPICS, all);
    assert.deepStrictEqual(nodes.map((n) => [n.label, n.description]), [
      ['audit', '1 message · 1 partition · 1 under-replicated'],
      ['orders', '12,345 messages · 2 partitions'],
    ]);
    // A topic with a partition out of sync is marked on its own row, before anyone expands it.
    assert.deepStrictEqual(nodes.map((n) => n.icon), ['warning', 'symbol-event']);
    assert.match(nodes[0].tooltip ?? '', /1 partition has fewer in-sync replicas than replicas/);
    const shown = topicNodes('svc/topics', 'key', TOPICS, { ...all, showInternal: true });
    assert.deepStrictEqual(shown.map((n) => n.label), ['__consumer_offsets', 'audit', 'orders']);
  });

  it('shows each partition with leader, replicas, in-sync replicas and offsets', () => {
    const orders = topicNodes('svc/topics', 'key', TOPICS, all)[1];
    assert.deepStrictEqual(orders.kind === 'topic' && [orders.serviceKey, orders.topic], ['key', 'orders']);
    assert.deepStrictEqual(staticChildren(orders).map((n) => [n.label, n.description]), [
      ['Partition 0', 'offsets 2,000–13,999 · next 14,000 · leader 1'],
      ['Partition 1', 'offsets 0–344 · next 345 · leader 1'],
      ['Configuration', undefined],
    ]);
    assert.match(staticChildren(orders)[0].tooltip ?? '', /Leader: broker 1\n\nReplicas: 1\n\nIn-sync replicas: 1\n\nLow watermark 2,000, high watermark 14,000/);
    const audit = staticChildren(topicNodes('svc/topics', 'key', TOPICS, all)[0])[0];
    assert.strictEqual(audit.icon, 'warning');
    assert.strictEqual(audit.description, 'offsets 0–0 · next 1 · leader 1 · 0/1 in sync');
    assert.match(audit.tooltip ?? '', /1 out of sync/);
    const offline = topicNodes('svc/topics', 'key', [{ name: 'lost', internal: false, messageCount: '0', partitions: [{ ...partition(0, '0', '0', []), leader: -1 }] }], all)[0];
    assert.strictEqual(staticChildren(offline)[0].description, 'empty · no leader (offline) · 0/1 in sync');
  });

  it('applies the filter and says when it hides everything', () => {
    const filtered = topicNodes('svc/topics', 'key', TOPICS, { ...all, filter: nameFilter('ord*'), filterText: 'ord*' });
    assert.deepStrictEqual(filtered.map((n) => n.label), ['orders']);
    const none = topicNodes('svc/topics', 'key', TOPICS, { ...all, filter: nameFilter('x*'), filterText: 'x*' });
    assert.deepStrictEqual(none.map((n) => [n.kind, n.label]), [['message', 'No topics match "x*"']]);
    assert.deepStrictEqual(topicNodes('svc/topics', 'key', [], all).map((n) => n.label), ['No topics']);
  });

  it('lists consumer groups with state, members and total lag, and lag per topic', () => {
    const groups: ConsumerGroupInfo[] = [
      {
        groupId: 'billing',
        type: 'classic',
        state: 'Stable',
        members: 2,
        memberList: [],
        assignor: 'range',
        lag: [
          { topic: 'orders', lag: '1500', timeLagMs: 5 * 60_000 + 30_000, partitions: [] },
          { topic: 'audit', lag: '0', timeLagMs: null, partitions: [] },
        ],
      },
      { groupId: 'archiver', type: 'classic', state: 'Empty', members: 0, memberList: [], assignor: null, lag: [] },
    ];
    const nodes = groupNodes('svc/groups', 'key', groups, nameFilter(''), '');
    assert.deepStrictEqual(nodes.map((n) => [n.label, n.description, n.expand]), [
      ['archiver', 'lag 0 · classic · Empty · 0 members', 'none'],
      ['billing', 'lag 1,500 · 5 min 30 s behind · classic · Stable · 2 members', 'collapsed'],
    ]);
    assert.deepStrictEqual(staticChildren(nodes[1]).map((n) => [n.label, n.description]), [
      ['orders', 'lag 1,500 · 5 min 30 s behind'],
      ['audit', 'lag 0'],
    ]);
    assert.deepStrictEqual(groupNodes('svc/groups', 'key', groups, nameFilter('bill*'), 'bill*').map((n) => n.label), ['billing']);
  });

  it('shows each group type with its members (client id, host, assignment), share lag from start offsets, and a type it does not know as such', () => {
    const member = (clientId: string, topic: string, partitions: number[]) => ({ memberId: `m-${clientId}`, clientId, clientHost: '/10.0.0.5', assignment: [{ topic, partitions }] });
    const groups: ConsumerGroupInfo[] = [
      { groupId: 'k848', type: 'consumer', state: 'Stable', members: 1, memberList: [member('orders-app', 'orders', [0, 1])], assignor: 'uniform', lag: [{ topic: 'orders', lag: '3', timeLagMs: null, partitions: [] }] },
      {
        groupId: 'queue',
        type: 'share',
        state: 'Empty',
        members: 0,
        memberList: [],
        assignor: null,
        lag: [],
        shareOffsets: [
          { topic: 'jobs', partition: 0, startOffset: '4', lag: '6' },
          { topic: 'jobs', partition: 1, startOffset: null, lag: null },
        ],
      },
      { groupId: 'wordcount', type: 'streams', state: 'Stable', members: 1, memberList: [member('wc-StreamThread-1-consumer', '0', [0, 1])], assignor: null, lag: [] },
      { groupId: 'later', type: 'future', state: 'Stable', members: 0, memberList: [], assignor: null, lag: [], note: 'Kafka reports group type "future", which this version of Upsun Kafka Tools does not know how to describe' },
    ];
    const nodes = groupNodes('svc/groups', 'key', groups, nameFilter(''), '');
    assert.deepStrictEqual(nodes.map((n) => [n.label, n.description, n.icon]), [
      ['k848', 'lag 3 · consumer · Stable · 1 member', 'organization'],
      ['later', 'lag 0 · future · Stable · 0 members', 'question'],
      ['queue', 'lag unknown · share · Empty · 0 members', 'inbox'],
      ['wordcount', 'lag 0 · streams · Stable · 1 member', 'pulse'],
    ]);
    assert.deepStrictEqual(staticChildren(nodes[0]).map((n) => [n.kind, n.label, n.description]), [
      ['member', 'orders-app', '/10.0.0.5 · partitions orders:0,1'],
      ['lag', 'orders', 'lag 3'],
    ]);
    // Partition 1 has no lag from Kafka (a 4.1 broker): the topic's lag is unknown, not 6.
    assert.deepStrictEqual(staticChildren(nodes[2]).map((n) => [n.kind, n.label, n.description]), [['lag', 'jobs', 'lag unknown']]);
    const known = groupNodes('svc/groups', 'key', [{ ...groups[1], shareOffsets: [{ topic: 'jobs', partition: 0, startOffset: '4', lag: '6' }, { topic: 'jobs', partition: 1, startOffset: '0', lag: '2' }] }], nameFilter(''), '');
    assert.deepStrictEqual(known.map((n) => n.description), ['lag 8 · share · Empty · 0 members']);
    assert.deepStrictEqual(staticChildren(nodes[3]).map((n) => [n.kind, n.label, n.description]), [['member', 'wc-StreamThread-1-consumer', '/10.0.0.5 · tasks 0:0,1']]);
    assert.match(renderedMarkdown(nodes[0].tooltip ?? '').text, /Consumer group \(KIP-848 protocol\), Stable, 1 member, assignor uniform/);
    assert.match(renderedMarkdown(nodes[1].tooltip ?? '').text, /Group of type "future", which this version of Upsun Kafka Tools does not know[^]*⚠ Kafka reports group type "future"/);
    assert.doesNotMatch(nodes[1].description ?? '', /Dead/);
  });

  it('says where an open transaction holds a partition and how much of a lag waits on it', () => {
    // Committed at 2; the transaction opened at 2 (the last stable offset), committed records after it up to 5.
    const held = { ...partition(0, '0', '5', [1], '2') };
    const topic: TopicInfo = { name: 'payments', internal: false, messageCount: '5', partitions: [held, partition(1, '0', '4')] };
    const rows = staticChildren(topicNodes('svc/topics', 'key', [topic], all)[0]);
    assert.deepStrictEqual(rows.slice(0, 2).map((n) => n.description), ['offsets 0–4 · next 5 · held at 2 by an open transaction · leader 1', 'offsets 0–3 · next 4 · leader 1']);
    assert.match(rows[0].tooltip ?? '', /high watermark 5, last stable offset 2: an open transaction holds read_committed consumers at offset 2; 3 records \(offsets 2 to 4\) wait/);
    const group: ConsumerGroupInfo = {
      groupId: 'settle',
      type: 'classic',
      state: 'Empty',
      members: 0,
      memberList: [],
      assignor: null,
      lag: [
        {
          topic: 'payments',
          lag: '4',
          timeLagMs: 90_000,
          partitions: [
            { partition: 0, committed: '2', high: '5', lastStable: '2', lag: '3', timeLagMs: 90_000, oldestUnconsumed: { offset: '2', timestampMs: 1 } },
            { partition: 1, committed: '3', high: '4', lastStable: '4', lag: '1', timeLagMs: 1_000, oldestUnconsumed: { offset: '3', timestampMs: 2 } },
          ],
        },
      ],
    };
    const [node] = groupNodes('svc/groups', 'key', [group], nameFilter(''), '');
    assert.strictEqual(node.description, 'lag 4 · 3 held by an open transaction · 1 min 30 s behind · classic · Empty · 0 members');
    assert.deepStrictEqual(staticChildren(node).map((n) => n.description), ['lag 4 · 3 held by an open transaction · 1 min 30 s behind']);
  });

  it('marks a likely hanging transaction once the last stable offset stood still longer than transaction.max.timeout.ms', () => {
    const watch = new LastStableWatch();
    const held = { high: '5', lastStable: '2' };
    assert.strictEqual(watch.observe('0/t', held, 1_000), 0);
    assert.strictEqual(watch.observe('0/t', held, 901_001), 900_001);
    // Moved on: the count starts again; not held: forgotten.
    assert.strictEqual(watch.observe('0/t', { high: '6', lastStable: '3' }, 902_000), 0);
    assert.strictEqual(watch.observe('0/t', { high: '6', lastStable: '6' }, 903_000), null);
    assert.strictEqual(watch.observe('0/t', { high: '7', lastStable: '6' }, 904_000), 0);

    const topic: TopicInfo = { name: 'payments', internal: false, messageCount: '5', partitions: [partition(0, '0', '5', [1], '2'), partition(1, '0', '3', [1], '1')] };
    const hanging = new Map([
      [heldKey('payments', 0), { heldMs: 960_000, limitMs: 900_000, limitRead: true }],
      [heldKey('payments', 1), { heldMs: 60_000, limitMs: 900_000, limitRead: true }],
    ]);
    const rows = staticChildren(topicNodes('svc/topics', 'key', [topic], { ...all, held: hanging })[0]);
    assert.deepStrictEqual(rows.slice(0, 2).map((n) => [n.description, n.icon]), [
      ['offsets 0–4 · next 5 · held at 2: likely a hanging transaction · leader 1', 'warning'],
      ['offsets 0–2 · next 3 · held at 1 by an open transaction · leader 1', 'symbol-array'],
    ]);
    assert.match(rows[0].tooltip ?? '', /has not moved for 16 min \(as far as this window saw\), longer than the 15 min a transaction may stay open \(the brokers' transaction\.max\.timeout\.ms\)/);
  });
});
