// Confluent's wire format for schema-registry serializers: magic byte 0, the schema id as a
// 4-byte big-endian integer, then for Protobuf the message-index list, then the payload.
// Source: Confluent's "Wire format" documentation (schema-registry, fundamentals/serdes-develop,
// index.html#wire-format) and its Protobuf serializer (MessageIndexes.java): the list is a
// zigzag varint count followed by that many zigzag varint indexes, each the position of a
// message in its parent, from the top-level message down; the list [0] (the first message of
// the file) is written as the single byte 0. The varints are Kafka's record-format zig-zag
// varints, read and written by the one wire reader and writer.

import { WireReader, WireWriter } from '../kafka/wire/primitives';

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
 * truncated, negative, longer than 100 entries or holds a varint over 32 bits.
 */
export function readFrame(bytes: Uint8Array, protobuf: boolean): Frame {
  if (bytes.length < FRAME_HEADER_BYTES) throw new FrameError(`${bytes.length} bytes is too short for a schema-registry frame (magic byte and 4-byte schema id)`);
  if (bytes[0] !== 0) throw new FrameError(`magic byte is ${bytes[0]}, not 0: not in the schema registry's wire format`);
  const schemaId = new DataView(bytes.buffer, bytes.byteOffset, bytes.length).getInt32(1, false);
  if (!protobuf) return { schemaId, payload: bytes.subarray(FRAME_HEADER_BYTES) };
  const rest = Buffer.from(bytes.buffer, bytes.byteOffset + FRAME_HEADER_BYTES, bytes.length - FRAME_HEADER_BYTES);
  const reader = new WireReader(rest, (what, at) => new FrameError(`the message-index list is corrupt at byte ${FRAME_HEADER_BYTES + at}: ${what}`));
  const count = reader.varint('a message index');
  if (count < 0 || count > MAX_INDEXES) throw new FrameError(`message-index count ${count} is not between 0 and ${MAX_INDEXES}`);
  // A count of 0 is the shortcut for [0]: the first message in the file.
  const messageIndexes = count === 0 ? [0] : Array.from({ length: count }, () => reader.varint('a message index'));
  if (messageIndexes.some((i) => i < 0)) throw new FrameError(`message index ${messageIndexes.find((i) => i < 0)} is negative`);
  return { schemaId, messageIndexes, payload: reader.rest() };
}

/** The frame for `payload`: `messageIndexes` only for Protobuf ([0] written as one zero byte). */
export function writeFrame(schemaId: number, payload: Uint8Array, messageIndexes?: readonly number[]): Buffer {
  const header = Buffer.alloc(FRAME_HEADER_BYTES);
  header.writeInt32BE(schemaId, 1);
  if (messageIndexes === undefined) return Buffer.concat([header, payload]);
  const indexes = new WireWriter();
  if (messageIndexes.length === 1 && messageIndexes[0] === 0) indexes.varint(0);
  else for (const n of [messageIndexes.length, ...messageIndexes]) indexes.varint(n);
  return Buffer.concat([header, indexes.buffer, payload]);
}
