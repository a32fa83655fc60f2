// Hostile answers to the group requests we encode ourselves: a broker that answers past the
// end of its payload, or claims more entries than it sent, is refused as corrupt, naming the API; a
// broker that does not offer a request gets UnsupportedGroupRequest before anything is sent.
// Well-formed answers are checked against a real broker in test/kafka/groupTypes.test.ts.

import * as assert from 'assert';
import { describeConsumerGroups, describeShareGroupOffsets, listTypedGroups, UnsupportedGroupRequest } from '../../src/kafka/wire/groupRequests';
import type { RawBroker } from '../../src/kafka/kafkajs/types';
import { KafkaAccessError } from '../../src/kafka/types';

/** The 'corrupt' error the reader makes of an answer that does not parse, naming the API, the field and the byte. */
const corrupt = (message: string) => (error: unknown) => error instanceof KafkaAccessError && error.cause_ === 'corrupt' && error.message === message;

/** A broker offering `versions` that answers every request with `payload` (response header included). */
function answering(payload: Buffer, versions: Record<number, { minVersion: number; maxVersion: number }>): RawBroker & { sent: number } {
  const broker = {
    sent: 0,
    versions,
    connectionPool: {
      host: 'hostile',
      port: 9092,
      send: async <T>(request: { response: { decode(b: Buffer): Promise<T> } }) => {
        broker.sent += 1;
        return request.response.decode(payload);
      },
    },
  };
  return broker as unknown as RawBroker & { sent: number };
}

const ALL = { 16: { minVersion: 0, maxVersion: 5 }, 69: { minVersion: 0, maxVersion: 1 }, 90: { minVersion: 0, maxVersion: 1 } };

describe('group requests against hostile answers', () => {
  it('refuses an answer that ends inside a group', async () => {
    // Header tags, throttle time, then one group whose error code is cut short.
    const cut = Buffer.from([0, 0, 0, 0, 0, 2, 0]);
    await assert.rejects(describeConsumerGroups(answering(cut, ALL), ['g'], 1_000), corrupt("The broker's ConsumerGroupDescribe answer is corrupt: it ends inside the error code (2 bytes, 1 left), at byte 6."));
  });

  it('refuses an array longer than the answer', async () => {
    // ListGroups v5: header tags, throttle time, error code 0, then 2^21 - 1 groups in no bytes.
    const huge = Buffer.from([0, 0, 0, 0, 0, 0, 0, 0x80, 0x80, 0x80, 0x01]);
    await assert.rejects(listTypedGroups(answering(huge, ALL), 1_000), corrupt("The broker's ListGroups answer is corrupt: the group count is 2097151 with 0 bytes left, at byte 7."));
    // DescribeShareGroupOffsets: header tags, throttle time, then 2^21 - 1 groups.
    await assert.rejects(describeShareGroupOffsets(answering(Buffer.from([0, 0, 0, 0, 0, 0x80, 0x80, 0x80, 0x01]), ALL), 'g', 1_000), corrupt("The broker's DescribeShareGroupOffsets answer is corrupt: the group count is 2097151 with 0 bytes left, at byte 5."));
  });

  it('sends nothing to a broker that does not offer the request (Kafka 3.7: ListGroups up to v4, no ConsumerGroupDescribe)', async () => {
    const old = answering(Buffer.alloc(0), { 16: { minVersion: 0, maxVersion: 4 } });
    await assert.rejects(listTypedGroups(old, 1_000), (error: unknown) => error instanceof UnsupportedGroupRequest && /ListGroups/.test(error.message));
    await assert.rejects(describeConsumerGroups(old, ['g'], 1_000), UnsupportedGroupRequest);
    assert.strictEqual(old.sent, 0);
  });
});
