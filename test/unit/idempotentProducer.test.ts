import * as assert from 'assert';
import fc from 'fast-check';
import { IdempotentProducer, MAX_IN_FLIGHT, PartitionQueue, ReceiptOrder, type Batch, type ProducerLink } from '../../src/kafka/idempotentProducer';
import { forEachRecord } from '../../src/kafka/wire/recordBatch';

const message = (value: string) => ({ value });

/** The values a batch holds, read back from its encoded records. */
function values(batch: Batch): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  forEachRecord({ count: batch.count, baseOffset: 0n, lastOffset: BigInt(batch.count - 1) }, batch.records.records(), (r) => void out.push(r.value?.toString()));
  return out;
}

/** Closes and takes every batch the queue lets go, as the producer's pump does. */
function takeAll(queue: PartitionQueue) {
  const taken = [];
  while (queue.sendable()) taken.push(queue.take());
  return taken;
}

describe('idempotent producer: batches and sequence numbers', () => {
  it('closes a batch at its byte or record budget, each batch starting where the last one\'s sequence ended', () => {
    const queue = new PartitionQueue(0, 100, 3);
    for (let i = 0; i < 7; i++) queue.add(message(`m${i}`), 10, 0); // 3 + 3 + 1 by count
    queue.add(message('big'), 95, 0); // does not fit after m6: its own batch
    queue.close();
    const batches = takeAll(queue);
    assert.deepStrictEqual(
      batches.map((b) => [b.baseSequence, values(b)]),
      [
        [0, ['m0', 'm1', 'm2']],
        [3, ['m3', 'm4', 'm5']],
        [6, ['m6']],
        [7, ['big']],
      ].slice(0, MAX_IN_FLIGHT),
    );
  });

  it('keeps at most MAX_IN_FLIGHT batches of a partition out', () => {
    const queue = new PartitionQueue(0, 10, 1);
    for (let i = 0; i < MAX_IN_FLIGHT + 2; i++) queue.add(message(`m${i}`), 10, 0);
    queue.close();
    const out = takeAll(queue);
    assert.strictEqual(out.length, MAX_IN_FLIGHT);
    queue.acknowledge(out[0], 0n);
    assert.deepStrictEqual(takeAll(queue).map((b) => b.baseSequence), [MAX_IN_FLIGHT]);
  });

  it('sends failed batches again in sequence order once none is out, before the ones waiting, and reports offsets in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: MAX_IN_FLIGHT }), fc.array(fc.boolean(), { minLength: MAX_IN_FLIGHT, maxLength: MAX_IN_FLIGHT }), fc.array(fc.nat(), { minLength: MAX_IN_FLIGHT, maxLength: MAX_IN_FLIGHT }), (count, fails, order) => {
        const queue = new PartitionQueue(0, 10, 1);
        for (let i = 0; i < count; i++) queue.add(message(`m${i}`), 10, 0);
        queue.close();
        const out = takeAll(queue);
        // One more, waiting behind the ones out.
        queue.add(message('later'), 10, 0);
        queue.close();
        // Answers in any order; at least the first fails, as a retriable error would.
        const failed = new Set(out.filter((_, i) => i === 0 || fails[i]));
        const answerOrder = out.map((b, i) => ({ b, key: order[i] })).sort((x, y) => x.key - y.key).map((x) => x.b);
        let offset = 100n;
        for (const batch of answerOrder) {
          if (failed.has(batch)) {
            queue.retry(batch, 0);
            assert.ok(!queue.sendable(), 'nothing goes again while a batch of the partition is out');
          } else queue.acknowledge(batch, offset++);
        }
        queue.held = false; // fresh metadata came
        const again = takeAll(queue).map((b) => b.baseSequence);
        const expected = [...failed].map((b) => b.baseSequence).sort((a, b) => a - b);
        assert.deepStrictEqual(again, [...expected, count].slice(0, MAX_IN_FLIGHT), 'failed batches go again first, in sequence order, then the one waiting');
      }),
    );
  });

  it('wraps the sequence after 2^31 - 1, as DefaultRecordBatch.incrementSequence does', () => {
    const queue = new PartitionQueue(0, 1_000_000, 1_000_000);
    // Bookkeeping only: a batch of 2^31 - 2 messages would be too big to hold, so step there in two.
    (queue as unknown as { nextSequence: number }).nextSequence = 2_147_483_646;
    queue.add(message('a'), 1, 0);
    queue.add(message('b'), 1, 0);
    queue.close();
    queue.add(message('c'), 1, 0);
    queue.close();
    assert.deepStrictEqual(takeAll(queue).map((b) => b.baseSequence), [2_147_483_646, 0]);
  });
});

describe('idempotent producer: acknowledgements in the order given', () => {
  it('reports each message once its batch and every earlier message\'s were written, with its offset', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(2), { minLength: 1, maxLength: 40 }), fc.array(fc.nat(), { maxLength: 40 }), (partitions, ackOrder) => {
        const queues = [0, 1, 2].map((p) => new PartitionQueue(p, 30, 2));
        const order = new ReceiptOrder();
        partitions.forEach((p, i) => {
          queues[p].add(message(`m${i}`), 10, 0);
          order.push(p);
        });
        queues.forEach((q) => q.close());
        const reported: string[] = [];
        const receipts = { acknowledged: (p: number, o: number | bigint) => reported.push(`${p}:${o}`), refused: () => assert.fail('none refused') };
        // Batches answered in any order, round after round, as requests come back.
        const base = [1_000, 2_000, 3_000];
        const written = [0, 0, 0];
        for (let round = 0; queues.some((q) => !q.settled); round++) {
          const out = queues.flatMap((q) => takeAll(q));
          out.sort((a, b) => (ackOrder[(a.baseSequence + a.partition + round) % Math.max(1, ackOrder.length)] ?? 0) - (ackOrder[(b.baseSequence + b.partition + round) % Math.max(1, ackOrder.length)] ?? 0));
          for (const batch of out) queues[batch.partition].acknowledge(batch, BigInt(base[batch.partition] + batch.baseSequence));
          for (const batch of out) written[batch.partition] += batch.count;
          order.report(queues, receipts);
        }
        const expected: string[] = [];
        const next = [0, 0, 0];
        for (const p of partitions) expected.push(`${p}:${base[p] + next[p]++}`);
        assert.deepStrictEqual(reported, expected);
        assert.strictEqual(order.pending, 0);
      }),
    );
  });
});

describe('idempotent producer: a broker that stops answering for a while', () => {
  /** A link to one broker (node 1, partition 0) that refuses the first `refusals` requests of each kind, as a stopped broker's port does. */
  function flakyLink(refusals: number) {
    const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9092'), { code: 'ECONNREFUSED' });
    let produceFailures = refusals;
    let leaderFailures = refusals;
    let next = 0n;
    const written: string[] = [];
    const link: ProducerLink = {
      leaders: async () => {
        if (leaderFailures-- > 0) throw refused();
        return new Map([[0, 1]]);
      },
      produce: async (_node, batches) => {
        if (produceFailures-- > 0) throw refused();
        const answers = new Map<number, { errorCode: number; baseOffset: bigint; errorMessage: null }>();
        for (const { partition, batch } of batches) {
          const count = batch.readInt32BE(57);
          answers.set(partition, { errorCode: 0, baseOffset: next, errorMessage: null });
          next += BigInt(count);
          written.push(`${count}`);
        }
        return answers;
      },
      error: (code) => Object.assign(new Error(`code ${code}`), { retriable: false }),
    };
    return { link, written };
  }
  const settings = (deliveryTimeoutMs: number) => ({
    topic: 't',
    identity: { producerId: 1n, producerEpoch: 0 },
    partitions: [{ partitionErrorCode: 0, partitionId: 0, leader: 1, replicas: [1], isr: [1] }],
    codec: 0,
    maxMessageBytes: 1_048_588,
    lingerMs: 1,
    deliveryTimeoutMs,
  });

  it('waits out refused connections and sends every message once, in order', async () => {
    const { link } = flakyLink(2);
    const offsets: string[] = [];
    const producer = new IdempotentProducer(link, settings(30_000), { acknowledged: (p, o) => offsets.push(`${p}:${o}`), refused: (_, reason) => assert.fail(reason) });
    for (let i = 0; i < 3; i++) producer.add({ value: Buffer.from(`m${i}`) });
    await producer.flush();
    producer.stop();
    assert.deepStrictEqual(offsets, ['0:0', '0:1', '0:2']);
  });

  it('gives up once the broker has refused for longer than the delivery timeout, saying so', async () => {
    const { link } = flakyLink(1_000);
    const producer = new IdempotentProducer(link, settings(300), { acknowledged: () => assert.fail('nothing is written'), refused: (_, reason) => assert.fail(reason) });
    producer.add({ value: Buffer.from('m') });
    await assert.rejects(producer.flush(), /ECONNREFUSED/);
    producer.stop();
  });
});
