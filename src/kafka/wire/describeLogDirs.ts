// DescribeLogDirs (API key 35), which kafkajs 2.2.4 lacks: how many bytes each partition's log
// takes on a broker's disk, and (v4, KIP-827) the size and free space of the volume each log
// directory sits on. Each broker answers for its own disks only, so the question goes to every
// broker. Sent at the newest version both sides speak (v1 to v4; v0 is deprecated and Kafka 4
// dropped it): v1 classic, v2 the first flexible version, v3 adds the top-level error code, v4
// TotalBytes and UsableBytes per directory.
// Wire format per clients/src/main/resources/common/message/DescribeLogDirs{Request,Response}.json
// in apache/kafka.

import { protocolError } from '../kafkajs/errors';
import { sendEncoded } from '../kafkajs/requests';
import type { RawBroker } from '../kafkajs/types';
import { KafkaAccessError, LogDir, LogDirPartition } from '../types';
import { GroupApi, sendFlexible, UnsupportedGroupRequest, versionFor } from './groupRequests';
import { WireReader, WireWriter } from './primitives';

const DESCRIBE_LOG_DIRS: GroupApi = { apiKey: 35, apiName: 'DescribeLogDirs', min: 1, max: 4 };

/**
 * DescribeLogDirs to one broker for `topics` (every topic when null).
 * The request asks for every topic (null) and the answer is narrowed here: naming a topic
 * means listing its partitions, which would cost a Metadata request first.
 * @throws KafkaAccessError ('other') when the broker offers no version from 1 to 4, or refuses
 * the whole request (v3+: its top-level error code, e.g. CLUSTER_AUTHORIZATION_FAILED without
 * DESCRIBE on the cluster); ('corrupt') when the answer does not parse, naming field and byte.
 */
export async function describeLogDirs(broker: RawBroker, topics: readonly string[] | null, timeoutMs: number): Promise<LogDir[]> {
  let version: number;
  try {
    version = versionFor(broker, DESCRIBE_LOG_DIRS);
  } catch (error) {
    if (!(error instanceof UnsupportedGroupRequest)) throw error;
    throw new KafkaAccessError('The broker does not offer DescribeLogDirs v1 to v4 (Kafka 1.1 and later do), so the disk its logs take is unknown.', 'other');
  }
  const read = (r: WireReader) => keepTopics(readAnswer(r, version), topics);
  if (version < 2) {
    const api = { apiKey: DESCRIBE_LOG_DIRS.apiKey, apiVersion: version, apiName: DESCRIBE_LOG_DIRS.apiName };
    return sendEncoded(broker, api, new WireWriter().int32(-1).buffer, (answer) => read(new WireReader(answer, DESCRIBE_LOG_DIRS.apiName)), timeoutMs);
  }
  const body = new WireWriter().compactArray(null, () => undefined).taggedFields();
  return sendFlexible(broker, DESCRIBE_LOG_DIRS, version, body, read, timeoutMs);
}

/** The answer's log directories (after the response header), for `version`. */
function readAnswer(r: WireReader, version: number): LogDir[] {
  const flexible = version >= 2;
  r.int32('the throttle time');
  if (version >= 3) {
    const errorCode = r.int16('the error code');
    if (errorCode !== 0) throw refused(errorCode);
  }
  const string = (what: string) => (flexible ? r.compactString(what) : r.string(what));
  const array = <T>(what: string, minBytes: number, entry: () => T): T[] => {
    if (flexible) return r.compactArray(what, () => r.struct(entry));
    const out: T[] = [];
    for (let n = r.count(what, minBytes); n > 0; n--) out.push(entry());
    return out;
  };
  return array('the log directory count', 8, () => {
    const errorCode = r.int16('a log directory\'s error code');
    const path = string('a log directory\'s path');
    const partitions = array(`${path}'s topic count`, 6, () => {
      const topic = string('a topic name');
      return array(`${topic}'s partition count`, 21, (): LogDirPartition => {
        const partition = r.int32(`a partition of ${topic}`);
        const sizeBytes = bytes(r.int64(`${topic}-${partition}'s size`), `${topic}-${partition}'s size`, r);
        r.int64(`${topic}-${partition}'s offset lag`);
        return { topic, partition, sizeBytes, isFuture: r.boolean(`${topic}-${partition}'s future flag`) };
      });
    }).flat();
    // -1 (unknown) is what a broker sends when it could not read the volume.
    const volume = (what: string) => {
      const value = r.int64(what);
      return value < 0n ? null : bytes(value, what, r);
    };
    const totalBytes = version >= 4 ? volume(`${path}'s total bytes`) : null;
    const usableBytes = version >= 4 ? volume(`${path}'s usable bytes`) : null;
    return { path, error: errorCode === 0 ? null : protocolError(errorCode).message, totalBytes, usableBytes, partitions };
  });
}

/** A byte count as a number: at most 2^53 (8 PiB), never below 0; past either, the answer is garbage. */
function bytes(value: bigint, what: string, r: WireReader): number {
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new KafkaAccessError(`The broker's DescribeLogDirs answer is corrupt: ${what} is ${value}, ${r.left()} bytes from the end.`, 'corrupt');
  }
  return Number(value);
}

function refused(code: number): KafkaAccessError {
  const error = protocolError(code);
  const hint = error.type === 'CLUSTER_AUTHORIZATION_FAILED' ? ' DescribeLogDirs needs the DESCRIBE permission on the cluster.' : '';
  // Not 'auth': the connection is fine, only this request is refused.
  return new KafkaAccessError(`The broker refused DescribeLogDirs: ${error.message}.${hint}`, 'other');
}

/** The directories with only the partitions of `topics` (every one when null). */
function keepTopics(dirs: LogDir[], topics: readonly string[] | null): LogDir[] {
  if (topics === null) return dirs;
  const wanted = new Set(topics);
  return dirs.map((d) => ({ ...d, partitions: d.partitions.filter((p) => wanted.has(p.topic)) }));
}
