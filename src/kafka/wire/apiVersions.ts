// ApiVersions v0 (KIP-35), the request every Kafka client starts a connection with, written and
// its answer checked field by field, for the probe of an address (brokerProbe.ts).
//
// Wire format, from Kafka's clients/src/main/resources/common/message/ApiVersionsRequest.json
// and ApiVersionsResponse.json: request header v1 (int16 api_key = 18, int16 api_version = 0,
// int32 correlation_id, nullable string client_id), no body; response header v0 (int32
// correlation_id), then int16 error_code and an array of (int16 api_key, int16 min_version,
// int16 max_version). Version 0 has no tagged fields, so its size is exact. Every broker from
// 0.10 to 4.x answers it (ApiVersions is how a client learns which versions to use).

import { WireReader, WireWriter } from './primitives';

export type BrokerProbe =
  /** A well-formed ApiVersions answer listing `apiKeys` requests, ApiVersions among them. */
  | { readonly answer: 'kafka'; readonly apiKeys: number }
  /** Refused, closed before a whole answer, or silent until the timeout: worth asking again. */
  | { readonly answer: 'none'; readonly why: string }
  /** Something answered, and not as Kafka does. */
  | { readonly answer: 'not-kafka'; readonly why: string };

const API_VERSIONS_KEY = 18;
const CORRELATION_ID = 0x55_4b_54_31;
const CLIENT_ID = 'upsun-kafka-tools';
/** error_code NONE, and UNSUPPORTED_VERSION (answered with the version list all the same). */
const ANSWERED_CODES = new Set([0, 35]);
/** An ApiVersions v0 answer is 6 bytes per request type, about 600 bytes for Kafka 4.x. */
const MAX_ANSWER_BYTES = 64 * 1024;
/** correlation_id, error_code and the array's length. */
const FIXED_BYTES = 4 + 2 + 4;
const ENTRY_BYTES = 6;

/** The request, framed (its size first), as it goes on a fresh connection. */
export function apiVersionsRequest(): Buffer {
  const body = new WireWriter().int16(API_VERSIONS_KEY).int16(0).int32(CORRELATION_ID).string(CLIENT_ID).buffer;
  return Buffer.concat([new WireWriter().int32(body.length).buffer, body]);
}

/**
 * What an answer received so far says: undefined while a well-formed answer may still
 * complete it; a `kafka` or `not-kafka` verdict as soon as the bytes decide. Never throws: each
 * read comes after the check that the bytes hold it.
 */
export function readApiVersionsAnswer(bytes: Buffer): BrokerProbe | undefined {
  if (bytes.length < 4) return undefined;
  const r = new WireReader(bytes, 'ApiVersions');
  const size = r.int32('the size');
  const entries = (size - FIXED_BYTES) / ENTRY_BYTES;
  if (size < FIXED_BYTES || size > MAX_ANSWER_BYTES || !Number.isInteger(entries)) {
    return { answer: 'not-kafka', why: `its answer starts ${describeStart(bytes)}, which is no Kafka response` };
  }
  // size is at least FIXED_BYTES, so fewer than 8 bytes is an answer still arriving.
  if (bytes.length < 8) return undefined;
  if (r.int32('the correlation ID') !== CORRELATION_ID) return { answer: 'not-kafka', why: 'its answer is not to the request sent (another correlation ID)' };
  if (bytes.length < 4 + size) return undefined;
  if (bytes.length > 4 + size) return { answer: 'not-kafka', why: 'it sent more than one answer to one request' };
  const errorCode = r.int16('the error code');
  if (!ANSWERED_CODES.has(errorCode)) return { answer: 'not-kafka', why: `its ApiVersions answer has error code ${errorCode}` };
  if (r.int32('the request count') !== entries) return { answer: 'not-kafka', why: 'its ApiVersions answer lists another number of requests than it holds' };
  let listsItself = false;
  for (let i = 0; i < entries; i++) {
    const key = r.int16('an API key');
    const [min, max] = [r.int16(`request ${key}'s min version`), r.int16(`request ${key}'s max version`)];
    if (key < 0 || min < 0 || min > max) return { answer: 'not-kafka', why: `its ApiVersions answer holds request ${key} with versions ${min} to ${max}` };
    listsItself ||= key === API_VERSIONS_KEY;
  }
  if (!listsItself) return { answer: 'not-kafka', why: 'its ApiVersions answer does not list ApiVersions' };
  return { answer: 'kafka', apiKeys: entries };
}

/** The first bytes as text when they are printable (`HTTP/1.1 400…`), else in hex. */
function describeStart(bytes: Buffer): string {
  const text = bytes.subarray(0, 40).toString('latin1');
  return /^[\x20-\x7e\r\n\t]+$/.test(text) ? JSON.stringify(text.replace(/[\r\n\t].*$/s, '')) : `0x${bytes.subarray(0, 16).toString('hex')}`;
}
