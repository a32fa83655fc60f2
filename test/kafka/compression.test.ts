// Topics compressed by another client are readable: the Kafka distribution's own Java producer
// writes gzip, snappy, lz4 and zstd batches, and a peek decodes them with our pure-JS codecs.

import * as assert from 'assert';
import { execFile } from 'child_process';
import * as path from 'path';
import { connectCluster } from '../../src/kafka/connect';
import { KafkaCluster } from '../../src/kafka/types';
import type { decompressRecords } from '../../src/kafka/wire/compression';
import { REPO_ROOT } from '../harness/paths';
import { kafkaClasspath, testBrokers } from '../harness/kafkaBroker';
import { uniqueName } from './helpers';

const CODECS = ['gzip', 'snappy', 'lz4', 'zstd'] as const;
const PER_CODEC = 200;
const PRODUCER = path.join(REPO_ROOT, 'test', 'kafka', 'java', 'CompressedProducer.java');

/** Kafka's compression type of each codec (the batch attributes' low bits). */
const CODEC_TYPES = { gzip: 1, snappy: 2, lz4: 3, zstd: 4 } as const;

/** Counts decompressions of compression type `type` from now on, through the codecs module fetch.ts calls. */
function countDecompressions(type: number): () => number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module object itself, to wrap its export
  const codecs = require('../../src/kafka/wire/compression') as { decompressRecords: typeof decompressRecords };
  const original = codecs.decompressRecords;
  let count = 0;
  codecs.decompressRecords = (codec, bytes, maxBytes) => {
    if (codec === type) count += 1;
    return original(codec, bytes, maxBytes);
  };
  return () => {
    codecs.decompressRecords = original;
    return count;
  };
}

function java(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('java', args, { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stdout}${stderr}`)) : resolve(),
    );
  });
}

describe('compressed topics', function () {
  this.timeout(180_000);
  let cluster: KafkaCluster;
  const topic = uniqueName('compressed');

  before(async () => {
    cluster = await connectCluster({ brokers: testBrokers() });
    await cluster.createTopic({ topic, partitions: CODECS.length, replicationFactor: 1 });
    // Partition i holds the messages compressed with CODECS[i].
    await java(['-cp', await kafkaClasspath(), PRODUCER, testBrokers().join(','), topic, String(PER_CODEC), ...CODECS]);
  });

  after(async () => {
    await cluster?.disconnect();
  });

  for (const [partition, codec] of CODECS.entries()) {
    it(`reads ${codec}: the newest messages, and from an offset inside a batch`, async () => {
      const decompressed = countDecompressions(CODEC_TYPES[codec]);
      const newest = await cluster.peek({ topic, limit: 3, partition });
      assert.deepStrictEqual(
        newest.map((m) => [m.offset, m.key?.text, (JSON.parse(Buffer.from(m.value!.base64, 'base64').toString()) as { n: number }).n]),
        [PER_CODEC - 1, PER_CODEC - 2, PER_CODEC - 3].map((n) => [String(n), `${codec}-${n}`, n]),
      );
      assert.strictEqual(newest[0].value?.kind, 'json');
      assert.match(newest[0].value.text, new RegExp(`"codec": "${codec}"`));

      // From an offset inside a batch: the batch starts earlier, the peek starts where asked.
      const middle = await cluster.peek({ topic, limit: 2, partition, fromOffset: '57' });
      assert.deepStrictEqual(middle.map((m) => m.key?.text), [`${codec}-58`, `${codec}-57`]);
      // Proves the batches really were compressed with this codec, and decoded by ours.
      assert.ok(decompressed() > 0, `no ${codec} batch was decompressed`);
    });
  }
});
