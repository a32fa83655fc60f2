// DescribeLogDirs answers of every version we speak, well-formed and hostile: sizes per partition
// and the volume's bytes (v4) read right; a negative size, a count past the answer, a refusal of
// the whole request, and a broker without the request each become one clear message. Real
// answers are compared with Kafka's own LogDirsCommand in test/kafka/logDirs.test.ts.

import * as assert from 'assert';
import { describeLogDirs } from '../../src/kafka/wire/describeLogDirs';
import type { RawBroker } from '../../src/kafka/kafkajs/types';
import { KafkaAccessError } from '../../src/kafka/types';
import { WireWriter } from '../../src/kafka/wire/primitives';

/** A broker offering DescribeLogDirs up to `max` that answers with `payload` (response header included) and records the version asked. */
function answering(payload: Buffer, max: number, min = 1): RawBroker & { asked: number[] } {
  const broker = {
    asked: [] as number[],
    versions: { 35: { minVersion: min, maxVersion: max } },
    connectionPool: {
      host: 'hostile',
      port: 9092,
      send: async <T>(request: { request: { apiVersion: number }; response: { decode(b: Buffer): Promise<T> } }) => {
        broker.asked.push(request.request.apiVersion);
        return request.response.decode(payload);
      },
    },
  };
  return broker as unknown as RawBroker & { asked: number[] };
}

interface Dir {
  error: number;
  path: string;
  topics: { name: string; partitions: { index: number; size: bigint; future?: boolean }[] }[];
  total?: bigint;
  usable?: bigint;
}

/** An answer as a broker of `version` writes it. */
function answer(version: number, dirs: Dir[], topError = 0): Buffer {
  const w = new WireWriter();
  const flexible = version >= 2;
  if (flexible) w.taggedFields(); // response header v1
  w.int32(0);
  if (version >= 3) w.int16(topError);
  const str = (s: string) => (flexible ? w.compactString(s) : w.string(s));
  const arr = <T>(items: T[], each: (item: T) => void) => {
    if (flexible) w.uvarint(items.length + 1);
    else w.int32(items.length);
    for (const item of items) {
      each(item);
      if (flexible) w.taggedFields();
    }
  };
  arr(dirs, (d) => {
    w.int16(d.error);
    str(d.path);
    arr(d.topics, (t) => {
      str(t.name);
      arr(t.partitions, (p) => w.int32(p.index).int64(p.size).int64(0n).boolean(p.future ?? false));
    });
    if (version >= 4) w.int64(d.total ?? -1n).int64(d.usable ?? -1n);
  });
  if (flexible) w.taggedFields();
  return w.buffer;
}

const DIRS: Dir[] = [
  { error: 0, path: '/data/kafka', topics: [{ name: 'orders', partitions: [{ index: 0, size: 327_155_712n }, { index: 1, size: 1_024n }] }, { name: 'audit', partitions: [{ index: 0, size: 77n, future: true }] }], total: 536_870_912n, usable: 209_715_200n },
  { error: 56, path: '/data/offline', topics: [] },
];

const corrupt = (message: RegExp) => (error: unknown) => error instanceof KafkaAccessError && error.cause_ === 'corrupt' && message.test(error.message);

describe('DescribeLogDirs', () => {
  for (const version of [1, 2, 3, 4]) {
    it(`reads a v${version} answer: sizes per partition, an offline directory's error${version >= 4 ? ', the volume' : ''}`, async () => {
      const broker = answering(answer(version, DIRS), version);
      const dirs = await describeLogDirs(broker, null, 1_000);
      assert.deepStrictEqual(broker.asked, [version]);
      assert.deepStrictEqual(dirs[0], {
        path: '/data/kafka',
        error: null,
        totalBytes: version >= 4 ? 536_870_912 : null,
        usableBytes: version >= 4 ? 209_715_200 : null,
        partitions: [
          { topic: 'orders', partition: 0, sizeBytes: 327_155_712, isFuture: false },
          { topic: 'orders', partition: 1, sizeBytes: 1_024, isFuture: false },
          { topic: 'audit', partition: 0, sizeBytes: 77, isFuture: true },
        ],
      });
      assert.strictEqual(dirs[1].path, '/data/offline');
      assert.match(dirs[1].error ?? '', /disk|storage/i);
    });
  }

  it('asks at the newest version both speak, and keeps only the topics asked for', async () => {
    const broker = answering(answer(4, DIRS), 9);
    const [dir] = await describeLogDirs(broker, ['audit'], 1_000);
    assert.deepStrictEqual(broker.asked, [4]);
    assert.deepStrictEqual(dir.partitions.map((p) => p.topic), ['audit']);
  });

  it('reads -1 volume bytes as unknown', async () => {
    const [dir] = await describeLogDirs(answering(answer(4, [{ error: 0, path: '/d', topics: [] }]), 4), null, 1_000);
    assert.strictEqual(dir.totalBytes, null);
    assert.strictEqual(dir.usableBytes, null);
  });

  it('refuses a negative partition size and a size past 2^53', async () => {
    const negative: Dir[] = [{ error: 0, path: '/d', topics: [{ name: 't', partitions: [{ index: 3, size: -5n }] }] }];
    await assert.rejects(describeLogDirs(answering(answer(2, negative), 2), null, 1_000), corrupt(/^The broker's DescribeLogDirs answer is corrupt: t-3's size is -5/));
    const huge: Dir[] = [{ error: 0, path: '/d', topics: [{ name: 't', partitions: [{ index: 0, size: 2n ** 62n }] }] }];
    await assert.rejects(describeLogDirs(answering(answer(1, huge), 1), null, 1_000), corrupt(/t-0's size is 4611686018427387904/));
  });

  it('refuses a count the answer cannot hold, before reading entries (classic and flexible)', async () => {
    // v1: throttle time, then 2^31 - 1 log directories in no bytes.
    const classic = Buffer.from([0, 0, 0, 0, 0x7f, 0xff, 0xff, 0xff]);
    await assert.rejects(describeLogDirs(answering(classic, 1), null, 1_000), corrupt(/the log directory count is 2147483647 with 0 bytes left, at byte 4\.$/));
    // v4: header tags, throttle time, error code, then 2^21 - 1 directories.
    const flexible = Buffer.from([0, 0, 0, 0, 0, 0, 0, 0x80, 0x80, 0x80, 0x01]);
    await assert.rejects(describeLogDirs(answering(flexible, 4), null, 1_000), corrupt(/the log directory count is 2097151 with 0 bytes left, at byte 7\.$/));
  });

  it('refuses an answer cut inside a partition', async () => {
    const full = answer(2, [{ error: 0, path: '/d', topics: [{ name: 't', partitions: [{ index: 0, size: 10n }] }] }]);
    await assert.rejects(describeLogDirs(answering(full.subarray(0, full.length - 8), 2), null, 1_000), corrupt(/it ends inside t-0's/));
  });

  it('turns a refusal of the whole request (v3+, no DESCRIBE on the cluster) into a message that says what is needed', async () => {
    await assert.rejects(describeLogDirs(answering(answer(3, [], 31), 3), null, 1_000), (error: unknown) =>
      error instanceof KafkaAccessError && error.cause_ === 'other' && /refused DescribeLogDirs: .*authoriz.*DESCRIBE permission on the cluster/i.test(error.message),
    );
  });

  it('sends nothing to a broker without a version it speaks', async () => {
    const none = answering(Buffer.alloc(0), 0, 0);
    await assert.rejects(describeLogDirs(none, null, 1_000), (error: unknown) => error instanceof KafkaAccessError && /does not offer DescribeLogDirs v1 to v4/.test(error.message));
    assert.deepStrictEqual(none.asked, []);
  });
});
