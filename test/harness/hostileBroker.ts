// A Kafka broker that answers wrongly on purpose, on loopback: the one fake of the protocol the
// tests allow, because no real broker sends decompression bombs, impossible lengths or fetch
// answers that go nowhere. It speaks just enough for our real client (kafkajs' connection
// plus our own requests) to connect and peek or search one topic: ApiVersions v0-2, Metadata
// v1, ListOffsets v2 (or v6, flexible, with `listOffsetsVersion`) and Fetch v4, each request
// header v1 (the non-flexible one kafkajs sends) but for ListOffsets v6 (header v2).
// What a Fetch answers is the test's: `records` gives each partition's record bytes as sent.

import * as net from 'net';
import { int16, int32, int64 } from './recordBatches';

export interface FetchAsk {
  readonly partition: number;
  readonly fetchOffset: bigint;
  readonly maxBytes: number;
}

export interface HostileBrokerOptions {
  readonly topic: string;
  readonly partitions: number;
  /** Low and high watermark of every partition (ListOffsets answers these; the last stable offset is the high one). */
  readonly low: bigint;
  readonly high: bigint;
  /** The record bytes a partition answers a fetch with. */
  readonly records: (ask: FetchAsk) => Buffer;
  /** In place of a whole Fetch answer's body, for answers broken outside the records. */
  readonly fetchBody?: (asks: readonly FetchAsk[]) => Buffer;
  /** In place of a whole ListOffsets answer's body. */
  readonly listOffsetsBody?: () => Buffer;
  /** The newest ListOffsets version it offers: 2 (what kafkajs writes), or 6, the first flexible one (what our own request writes). */
  readonly listOffsetsVersion?: 2 | 6;
}

export interface HostileBroker {
  /** `127.0.0.1:port`, what a connection's bootstrap servers name. */
  readonly address: string;
  /** Fetch requests answered so far. */
  readonly fetches: () => number;
  close(): Promise<void>;
}

const API_VERSIONS = 18;
const METADATA = 3;
const LIST_OFFSETS = 2;
const FETCH = 1;
/** What it speaks: api key, lowest and highest version. */
const SPOKEN: readonly (readonly [number, number, number])[] = [
  [FETCH, 4, 4],
  [LIST_OFFSETS, 2, 2],
  [METADATA, 1, 1],
  [API_VERSIONS, 0, 2],
];
const NODE_ID = 0;

export async function startHostileBroker(options: HostileBrokerOptions): Promise<HostileBroker> {
  let fetches = 0;
  let port = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let pending = Buffer.alloc(0);
    socket.on('data', (data: Buffer) => {
      pending = Buffer.concat([pending, data]);
      while (pending.length >= 4 && pending.length >= 4 + pending.readInt32BE(0)) {
        const request = new Reader(pending.subarray(4, 4 + pending.readInt32BE(0)));
        pending = pending.subarray(4 + pending.readInt32BE(0));
        const apiKey = request.int16();
        const version = request.int16();
        const correlationId = request.int32();
        request.string(); // client id
        // Request header v2 and response header v1 (flexible versions) end in tagged fields, none here.
        const flexible = apiKey === LIST_OFFSETS && version >= 6;
        if (flexible) request.uvarint();
        if (apiKey === FETCH) fetches += 1;
        const body = answer(apiKey, version, request, options, port);
        const header = flexible ? Buffer.concat([int32(correlationId), Buffer.from([0])]) : int32(correlationId);
        const frame = Buffer.concat([int32(header.length + body.length), header, body]);
        socket.write(frame);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
  return {
    address: `127.0.0.1:${port}`,
    fetches: () => fetches,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function answer(apiKey: number, version: number, request: Reader, options: HostileBrokerOptions, port: number): Buffer {
  switch (apiKey) {
    case API_VERSIONS:
      return Buffer.concat([
        int16(0),
        array(SPOKEN.map(([key, min, max]) => Buffer.concat([int16(key), int16(min), int16(key === LIST_OFFSETS ? (options.listOffsetsVersion ?? max) : max)]))),
        version >= 1 ? int32(0) : Buffer.alloc(0),
      ]);
    case METADATA: {
      const partitions = Array.from({ length: options.partitions }, (_, p) => Buffer.concat([int16(0), int32(p), int32(NODE_ID), array([int32(NODE_ID)]), array([int32(NODE_ID)])]));
      const topic = Buffer.concat([int16(0), string(options.topic), Buffer.from([0]), array(partitions)]);
      return Buffer.concat([array([Buffer.concat([int32(NODE_ID), string('127.0.0.1'), int32(port), int16(-1)])]), int32(NODE_ID), array([topic])]);
    }
    case LIST_OFFSETS: {
      if (version >= 6) return flexibleListOffsets(request, options);
      request.int32(); // replica
      request.int8(); // isolation level
      const topics = request.array(() => ({ topic: request.string(), partitions: request.array(() => ({ partition: request.int32(), timestamp: request.int64() })) }));
      if (options.listOffsetsBody) return options.listOffsetsBody();
      const offsetOf = (timestamp: bigint) => (timestamp === -1n ? options.high : options.low);
      return Buffer.concat([
        int32(0),
        array(topics.map((t) => Buffer.concat([string(t.topic), array(t.partitions.map((p) => Buffer.concat([int32(p.partition), int16(0), int64(-1n), int64(offsetOf(p.timestamp))])))]))),
      ]);
    }
    case FETCH: {
      request.int32(); // replica
      request.int32(); // max wait
      request.int32(); // min bytes
      request.int32(); // max bytes
      request.int8(); // isolation level
      const asks = request.array(() => ({ topic: request.string(), partitions: request.array(() => ({ partition: request.int32(), fetchOffset: request.int64(), maxBytes: request.int32() })) })).flatMap((t) => t.partitions);
      if (options.fetchBody) return options.fetchBody(asks);
      const partitions = asks.map((ask) => {
        const records = options.records(ask);
        return Buffer.concat([int32(ask.partition), int16(0), int64(options.high), int64(options.high), int32(0), int32(records.length), records]);
      });
      return Buffer.concat([int32(0), array([Buffer.concat([string(options.topic), array(partitions)])])]);
    }
    default:
      throw new Error(`the hostile broker does not speak api ${apiKey}`);
  }
}

/** ListOffsets v6: compact arrays and strings, tagged fields after each struct. */
function flexibleListOffsets(request: Reader, options: HostileBrokerOptions): Buffer {
  request.int32(); // replica
  request.int8(); // isolation level
  const topics = request.compactArray(() => {
    const topic = request.compactString();
    const partitions = request.compactArray(() => {
      const partition = request.int32();
      request.int32(); // current leader epoch
      const timestamp = request.int64();
      request.uvarint(); // tagged fields
      return { partition, timestamp };
    });
    request.uvarint(); // tagged fields
    return { topic, partitions };
  });
  if (options.listOffsetsBody) return options.listOffsetsBody();
  const offsetOf = (timestamp: bigint) => (timestamp === -1n ? options.high : options.low);
  const compact = (items: readonly Buffer[]) => Buffer.concat([Buffer.from([items.length + 1]), ...items]);
  const partitions = (t: (typeof topics)[number]) => compact(t.partitions.map((p) => Buffer.concat([int32(p.partition), int16(0), int64(-1n), int64(offsetOf(p.timestamp)), int32(-1), Buffer.from([0])])));
  return Buffer.concat([int32(0), compact(topics.map((t) => Buffer.concat([Buffer.from([Buffer.byteLength(t.topic) + 1]), Buffer.from(t.topic), partitions(t), Buffer.from([0])]))), Buffer.from([0])]);
}

const string = (s: string) => Buffer.concat([int16(Buffer.byteLength(s)), Buffer.from(s)]);
const array = (items: readonly Buffer[]) => Buffer.concat([int32(items.length), ...items]);

class Reader {
  private at = 0;
  constructor(private readonly buffer: Buffer) {}
  int8(): number {
    return this.buffer.readInt8((this.at += 1) - 1);
  }
  int16(): number {
    return this.buffer.readInt16BE((this.at += 2) - 2);
  }
  int32(): number {
    return this.buffer.readInt32BE((this.at += 4) - 4);
  }
  int64(): bigint {
    return this.buffer.readBigInt64BE((this.at += 8) - 8);
  }
  string(): string {
    const length = this.int16();
    if (length < 0) return '';
    return this.buffer.toString('utf8', this.at, (this.at += length));
  }
  array<T>(item: () => T): T[] {
    return Array.from({ length: Math.max(0, this.int32()) }, item);
  }
  uvarint(): number {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = this.buffer.readUInt8(this.at++);
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  }
  compactString(): string {
    const length = this.uvarint() - 1;
    return this.buffer.toString('utf8', this.at, (this.at += length));
  }
  compactArray<T>(item: () => T): T[] {
    return Array.from({ length: Math.max(0, this.uvarint() - 1) }, item);
  }
}
