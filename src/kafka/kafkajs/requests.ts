// Requests sent on kafkajs' connections: the ones kafkajs defines (Metadata, ListOffsets, Fetch)
// with our decoders or with their error codes kept, and bodies we encode ourselves (src/kafka/wire).

import { KafkaAccessError } from '../types';
import type { RawBroker, RawFetchArgs, RawOffsets, RawProtocolRequest } from './types';

/**
 * Fetch and ListOffsets isolation levels. READ_COMMITTED is what a consumer with
 * isolation.level=read_committed sees, and its end is the last stable offset (the first offset
 * of the oldest open transaction); READ_UNCOMMITTED's end is the high watermark, which Kafka's
 * own tools count lag against (kafka-consumer-groups asks ListOffsets with the admin client's
 * default, READ_UNCOMMITTED). A peek shows what consumers see: READ_COMMITTED.
 */
export const READ_COMMITTED = 1;
export const READ_UNCOMMITTED = 0;
export type IsolationLevel = typeof READ_COMMITTED | typeof READ_UNCOMMITTED;

/** kafkajs' request definitions and API keys for the requests we send ourselves. */
export const protocol = () => ({
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- kafkajs' internals ship no types
  requests: (require('kafkajs/src/protocol/requests') as { requests: { Metadata: unknown; ListOffsets: unknown; Fetch: unknown } }).requests,
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- kafkajs' internals ship no types
  apiKeys: require('kafkajs/src/protocol/requests/apiKeys') as { Metadata: number; ListOffsets: number; Fetch: number },
});

/**
 * Sends a Fetch request at the newest version both sides speak, with `decode` in place of
 * kafkajs' response decoder (which flattens batches and groups headers by key). Returns what
 * `decode` makes of the response body and the version it was written in.
 */
export async function sendFetch<T>(broker: RawBroker, args: RawFetchArgs, decode: (payload: Buffer, apiVersion: number) => T): Promise<T> {
  const { requests, apiKeys } = protocol();
  const built = broker.lookupRequest<unknown>(apiKeys.Fetch, requests.Fetch)(args);
  const version = built.request.apiVersion;
  return send(broker, {
    request: built.request,
    requestTimeout: built.requestTimeout,
    response: { decode: async (payload) => decode(payload, version), parse: async (decoded) => decoded },
  });
}

/**
 * Sends a request whose body we encode ourselves (`body`, without the request header) on the
 * broker's connection, and decodes the answer with `decode`.
 */
export function sendEncoded<T>(broker: RawBroker, api: { apiKey: number; apiVersion: number; apiName: string }, body: Buffer, decode: (payload: Buffer) => T, requestTimeout?: number): Promise<T> {
  // kafkajs' request framing only reads `buf` and `buffer` of what `encode` returns.
  const encoded = { buf: body, buffer: body };
  return send(broker, {
    request: { ...api, encode: async () => encoded },
    requestTimeout,
    response: { decode: async (payload) => decode(payload), parse: async (decoded) => decoded },
  });
}

export async function send<T>(broker: RawBroker, request: RawProtocolRequest<T>): Promise<T> {
  try {
    const decode = (payload: Buffer) => request.response.decode(payload);
    return await broker.connectionPool.send({ ...request, response: { ...request.response, decode: corruptWhenUnreadable(request.request.apiName, decode) } });
  } catch (error) {
    // As kafkajs' own Broker does: a closed connection is reopened by the next request.
    if ((error as Error).name === 'KafkaJSConnectionClosedError') await broker.disconnect();
    throw error;
  }
}

/**
 * `decode`, with what a decoder throws on bytes that cannot be read (kafkajs' Decoder throws
 * RangeError past the end, or its own varint errors) made a KafkaAccessError ('corrupt') that
 * names the API. An error code the broker sent (kafkajs' protocol error) and our own
 * KafkaAccessErrors (wire/primitives.ts) pass as they are.
 */
function corruptWhenUnreadable<T>(api: string, decode: (payload: Buffer) => Promise<T>): (payload: Buffer) => Promise<T> {
  return async (payload) => {
    try {
      return await decode(payload);
    } catch (error) {
      if (error instanceof KafkaAccessError || (error as Error).name === 'KafkaJSProtocolError') throw error;
      throw new KafkaAccessError(`The broker's ${api} answer is corrupt (${(error as Error).message}).`, 'corrupt');
    }
  };
}

/** The same request, answered as decoded: error codes stay in the data for the caller to sort. */
export function keepingErrors<T>(request: RawProtocolRequest<T>): RawProtocolRequest<T> {
  return { ...request, response: { ...request.response, parse: async (data: T) => data } };
}

/**
 * ListOffsets to one broker for partitions it leads; `timestamp` -2 earliest, -1 latest (the
 * last stable offset at READ_COMMITTED, the high watermark at READ_UNCOMMITTED), else ms (the
 * broker answers -1 when the first offset at that time lies at or past that end).
 * Error codes stay per partition. `offset` is the answer for every request version.
 */
export async function listRawOffsets(
  broker: RawBroker,
  topics: readonly { topic: string; partitions: readonly number[] }[],
  timestamp: number,
  isolation: IsolationLevel = READ_COMMITTED,
): Promise<{ topic: string; partition: number; errorCode: number; offset: string }[]> {
  const { requests, apiKeys } = protocol();
  const request = broker.lookupRequest<RawOffsets>(apiKeys.ListOffsets, requests.ListOffsets)({
    isolationLevel: isolation,
    topics: topics.map(({ topic, partitions }) => ({ topic, partitions: partitions.map((partition) => ({ partition, timestamp: String(timestamp) })) })),
  });
  const { responses } = await send(broker, keepingErrors(request));
  return responses.flatMap(({ topic, partitions }) =>
    partitions.map((p) => ({ topic, partition: p.partition, errorCode: p.errorCode, offset: p.offset ?? p.offsets?.[p.offsets.length - 1] ?? '-1' })),
  );
}
