// Confluent's wire format for schema-registry serializers: magic byte 0, the schema id as a
// 4-byte big-endian integer, then for Protobuf the message-index list, then the payload.
// Source: Confluent's "Wire format" documentation (schema-registry, fundamentals/serdes-develop,
// index.html#wire-format) and its Protobuf serializer (MessageIndexes.java): the list is a
// zigzag varint count followed by that many zigzag varint indexes, each the position of a
// message in its parent, from the top-level message down; the list [0] (the first message of
// the file) is written as the single byte 0.

/** Bytes before the payload in the Avro and JSON Schema forms. */
export const FRAME_HEADER_BYTES = 5;
/** At most this many message indexes are read; a nesting deeper than that is not a real .proto. */
const MAX_INDEXES = 100;

/** A record's framing once read: the schema id and where the payload starts. */
export interface Frame {
  readonly schemaId: number;
  /** Only for Protobuf: the path of the message type in its file, [0] for the first top-level one. */
  readonly messageIndexes?: readonly number[];
  readonly payload: Uint8Array;
}

/** A frame that could not be read, with the reason for the user. */
export class FrameError extends Error {}

/**
 * Whether `bytes` start like a Confluent-framed record: magic byte 0 and room for the id.
 * JSON text, UTF-8 text and most binary payloads cannot start with a zero byte.
 */
export function looksFramed(bytes: Uint8Array): boolean {
  return bytes.length >= FRAME_HEADER_BYTES && bytes[0] === 0;
}

/**
 * Reads the frame; `protobuf` also reads the message-index list. Throws FrameError naming the
 * fault: a magic byte other than 0, fewer than 5 bytes, or a message-index list that is
 * truncated, negative, longer than 100 entries or runs past the record.
 */
export function readFrame(bytes: Uint8Array, protobuf: boolean): Frame {
  if (bytes.length < FRAME_HEADER_BYTES) throw new FrameError(`${bytes.length} bytes is too short for a schema-registry frame (magic byte and 4-byte schema id)`);
  if (bytes[0] !== 0) throw new FrameError(`magic byte is ${bytes[0]}, not 0: not in the schema registry's wire format`);
  const schemaId = new DataView(bytes.buffer, bytes.byteOffset, bytes.length).getInt32(1, false);
  if (!protobuf) return { schemaId, payload: bytes.subarray(FRAME_HEADER_BYTES) };
  const at = { offset: FRAME_HEADER_BYTES };
  const count = readZigzagVarint(bytes, at);
  if (count < 0 || count > MAX_INDEXES) throw new FrameError(`message-index count ${count} is not between 0 and ${MAX_INDEXES}`);
  // A count of 0 is the shortcut for [0]: the first message in the file.
  const messageIndexes = count === 0 ? [0] : Array.from({ length: count }, () => readZigzagVarint(bytes, at));
  if (messageIndexes.some((i) => i < 0)) throw new FrameError(`message index ${messageIndexes.find((i) => i < 0)} is negative`);
  return { schemaId, messageIndexes, payload: bytes.subarray(at.offset) };
}

/** The frame for `payload`: `messageIndexes` only for Protobuf ([0] written as one zero byte). */
export function writeFrame(schemaId: number, payload: Uint8Array, messageIndexes?: readonly number[]): Buffer {
  const header = Buffer.alloc(FRAME_HEADER_BYTES);
  header.writeInt32BE(schemaId, 1);
  if (messageIndexes === undefined) return Buffer.concat([header, payload]);
  const indexes = messageIndexes.length === 1 && messageIndexes[0] === 0 ? [0] : [messageIndexes.length, ...messageIndexes].flatMap((n) => zigzagVarint(n));
  return Buffer.concat([header, Buffer.from(indexes), payload]);
}

/** A signed 32-bit value as a zigzag varint (protobuf's sint32 encoding). */
export function zigzagVarint(value: number): number[] {
  let n = ((value << 1) ^ (value >> 31)) >>> 0;
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}

function readZigzagVarint(bytes: Uint8Array, at: { offset: number }): number {
  let n = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    if (at.offset >= bytes.length) throw new FrameError('the message-index list runs past the end of the record');
    const byte = bytes[at.offset++];
    n += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
  }
  throw new FrameError('a message index is longer than 5 bytes');
}
