
import { readApiVersionsAnswer } from '../../src/kafka/wire/apiVersions';// The ApiVersions check a tunnel must pass before use (src/kafka/brokerProbe.ts), against
// answers crafted wrong on purpose; a real broker's answer is read in test/kafka/upsunTunnel.test.ts.

import * as assert from 'assert';

const CORRELATION_ID = 0x55_4b_54_31;

/** An ApiVersions v0 answer: size, correlation ID, error code, then (key, min, max) entries. */
function answer(entries: [number, number, number][], options: { errorCode?: number; correlationId?: number; count?: number; extra?: number } = {}): Buffer {
  const body = Buffer.alloc(10 + entries.length * 6 + (options.extra ?? 0));
  body.writeInt32BE(options.correlationId ?? CORRELATION_ID, 0);
  body.writeInt16BE(options.errorCode ?? 0, 4);
  body.writeInt32BE(options.count ?? entries.length, 6);
  entries.forEach(([key, min, max], i) => {
    body.writeInt16BE(key, 10 + i * 6);
    body.writeInt16BE(min, 12 + i * 6);
    body.writeInt16BE(max, 14 + i * 6);
  });
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length - (options.extra ?? 0), 0);
  return Buffer.concat([size, body]);
}

const KAFKA_LIKE: [number, number, number][] = [
  [0, 3, 12],
  [3, 0, 13],
  [18, 0, 4],
];

describe('ApiVersions answer check', () => {
  it('accepts a well-formed answer that lists ApiVersions, also with UNSUPPORTED_VERSION', () => {
    assert.deepStrictEqual(readApiVersionsAnswer(answer(KAFKA_LIKE)), { answer: 'kafka', apiKeys: 3 });
    assert.deepStrictEqual(readApiVersionsAnswer(answer(KAFKA_LIKE, { errorCode: 35 })), { answer: 'kafka', apiKeys: 3 });
  });

  it('waits for the rest of an answer that may still be well-formed', () => {
    const whole = answer(KAFKA_LIKE);
    for (const length of [0, 3, 4, 8, whole.length - 1]) assert.strictEqual(readApiVersionsAnswer(whole.subarray(0, length)), undefined, `${length} bytes`);
  });

  const wrong: [string, Buffer, RegExp][] = [
    ['an HTTP answer', Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n'), /^its answer starts "HTTP\/1\.1 400 Bad Request", which is no Kafka response$/],
    ['a negative size', Buffer.from([0xff, 0xff, 0xff, 0xf0]), /starts 0xfffffff0, which is no Kafka response/],
    ['a size over 64 KiB', Buffer.from([0x00, 0x01, 0x00, 0x01]), /starts 0x00010001/],
    ['a size between entries', Buffer.from([0, 0, 0, 13]), /starts 0x0000000d/],
    ['another correlation ID', answer(KAFKA_LIKE, { correlationId: 7 }).subarray(0, 8), /another correlation ID/],
    ['an error code', answer(KAFKA_LIKE, { errorCode: 1 }), /error code 1$/],
    ['a count that is not what it holds', answer(KAFKA_LIKE, { count: 9 }), /another number of requests than it holds/],
    ['min above max', answer([[18, 5, 4]]), /request 18 with versions 5 to 4/],
    ['a negative API key', answer([[18, 0, 4], [-1, 0, 0]]), /request -1/],
    ['no ApiVersions in the list', answer([[3, 0, 13]]), /does not list ApiVersions/],
    ['bytes after the answer', answer(KAFKA_LIKE, { extra: 2 }), /more than one answer/],
  ];
  for (const [what, bytes, why] of wrong) {
    it(`refuses ${what}`, () => {
      const verdict = readApiVersionsAnswer(bytes);
      assert.strictEqual(verdict?.answer, 'not-kafka', JSON.stringify(verdict));
      assert.match(verdict.why, why);
    });
  }
});
