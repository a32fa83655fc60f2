// What each topic setting means in units a person reads, and what a new value must be.
//
// Source: the topic configs Kafka defines, `org.apache.kafka.storage.internals.log.LogConfig`'s
// ConfigDef (names, types, defaults, validators) as Kafka 4.3.1, 4.1.2 and 3.7.2 ship it, and
// the names' meaning in `org.apache.kafka.common.config.TopicConfig`
// (https://kafka.apache.org/documentation/#topicconfigs): a `*.ms` setting is a duration in
// milliseconds, a `*.bytes` one a size in bytes. The table is the union of those versions'
// settings; which ones a version has is defaults.ts's (`topicSettingNames`), which the Kafka
// test level checks against each broker. Of the limits, the Kafka test level checks
// segment.bytes against the brokers; the others are transcribed from the validators. Keys
// not listed here (a newer Kafka's) fall back on the type the broker reports. Where a
// validator differs between those versions the table holds Kafka 4's and BEFORE_KAFKA_4 the
// older one (the only one in 4.3.1, 4.1.2 and 3.7.2: segment.bytes, [1048576,...] since 4.0,
// [14,...] before); which one applies comes from the topic's own settings (`logConfigLine`).

import { groupDigits, plural } from '../../text/count';
import { durationWords } from '../../text/duration';
import type { TopicConfigType } from '../types';

export type SettingUnit = 'ms' | 'bytes' | 'ratio' | 'count' | 'replicas' | 'boolean' | 'choice' | 'list' | 'level' | 'replica-list' | 'text';

export interface SettingSpec {
  readonly unit: SettingUnit;
  /** Smallest value Kafka accepts (integers), from the ConfigDef validator; `-1`, `-2` included where they mean something. */
  readonly min?: bigint;
  /** Largest: the Java type's maximum for int settings, or the validator's. */
  readonly max?: bigint;
  /** Allowed words: one of them (`choice`) or a set of them (`list`). */
  readonly choices?: readonly string[];
  /** Values with a meaning of their own, shown as words: `-1` → `unlimited`. */
  readonly special?: Readonly<Record<string, string>>;
}

const INT_MAX = 2_147_483_647n;
export const LONG_MAX = 9_223_372_036_854_775_807n;
const LONG_MAX_TEXT = LONG_MAX.toString();
const UNLIMITED = { [LONG_MAX_TEXT]: 'unlimited' };

const ms = (min: bigint, special: Record<string, string> = UNLIMITED): SettingSpec => ({ unit: 'ms', min, max: LONG_MAX, special });
const intBytes = (min: bigint): SettingSpec => ({ unit: 'bytes', min, max: INT_MAX });

/** Topic settings by name (see the file's head for the source). */
export const TOPIC_SETTINGS: Readonly<Record<string, SettingSpec>> = {
  'cleanup.policy': { unit: 'list', choices: ['delete', 'compact'] },
  'compression.type': { unit: 'choice', choices: ['uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer'] },
  'compression.gzip.level': { unit: 'level', min: -1n, max: 9n, special: { '-1': 'codec default' } },
  'compression.lz4.level': { unit: 'level', min: 1n, max: 17n },
  'compression.zstd.level': { unit: 'level', min: -131072n, max: 22n },
  'delete.retention.ms': ms(0n),
  'file.delete.delay.ms': ms(0n),
  'flush.messages': { unit: 'count', min: 1n, max: LONG_MAX, special: { [LONG_MAX_TEXT]: 'never (left to the OS)' } },
  'flush.ms': ms(0n, { [LONG_MAX_TEXT]: 'never (left to the OS)' }),
  'follower.replication.throttled.replicas': { unit: 'replica-list' },
  'leader.replication.throttled.replicas': { unit: 'replica-list' },
  'index.interval.bytes': intBytes(0n),
  'local.retention.bytes': { unit: 'bytes', min: -2n, max: LONG_MAX, special: { '-2': 'same as retention.bytes', '-1': 'unlimited' } },
  'local.retention.ms': ms(-2n, { '-2': 'same as retention.ms', '-1': 'unlimited' }),
  'max.compaction.lag.ms': ms(1n),
  'max.message.bytes': intBytes(0n),
  'message.timestamp.after.max.ms': ms(0n),
  'message.timestamp.before.max.ms': ms(0n),
  'message.timestamp.difference.max.ms': ms(0n),
  'message.timestamp.type': { unit: 'choice', choices: ['CreateTime', 'LogAppendTime'] },
  'message.downconversion.enable': { unit: 'boolean' },
  // Kafka 3.x only (KIP-724 removed it in 4.0); a version such as 3.0-IV1, which the broker checks.
  'message.format.version': { unit: 'text' },
  'min.cleanable.dirty.ratio': { unit: 'ratio' },
  'min.compaction.lag.ms': ms(0n),
  'min.insync.replicas': { unit: 'replicas', min: 1n, max: INT_MAX },
  preallocate: { unit: 'boolean' },
  'remote.storage.enable': { unit: 'boolean' },
  'remote.log.copy.disable': { unit: 'boolean' },
  'remote.log.delete.on.disable': { unit: 'boolean' },
  // No validator in LogConfig: any long; -1 (and, in practice, any negative) means no limit.
  'retention.bytes': { unit: 'bytes', min: -1n, max: LONG_MAX, special: { '-1': 'unlimited' } },
  'retention.ms': ms(-1n, { '-1': 'unlimited', [LONG_MAX_TEXT]: 'unlimited' }),
  // 1 MiB minimum since Kafka 4.0 (KIP-1030); 14 bytes before (BEFORE_KAFKA_4).
  'segment.bytes': intBytes(1_048_576n),
  'segment.index.bytes': intBytes(4n),
  'segment.jitter.ms': ms(0n),
  'segment.ms': ms(1n),
  'unclean.leader.election.enable': { unit: 'boolean' },
};

/** Validators of Kafka 3.x (LogConfig as 3.7.2 ships it) where they differ from Kafka 4's. */
const BEFORE_KAFKA_4: Readonly<Record<string, SettingSpec>> = {
  'segment.bytes': intBytes(14n),
};

/** Which Kafka's topic-config validators a broker applies: before 4.0, or 4.0 and later. */
export type LogConfigLine = 'kafka-3' | 'kafka-4';

/**
 * The line of a broker from the names of a topic's settings (DescribeConfigs lists them all,
 * defaults included): `message.format.version` is there up to 3.x and gone since Kafka 4.0
 * (KIP-724 removed it); without it, Kafka 4's limits.
 */
export function logConfigLine(names: readonly string[]): LogConfigLine {
  return names.includes('message.format.version') ? 'kafka-3' : 'kafka-4';
}

/** The line of a service declared as `kafka:<version>` (`3.7` → kafka-3); Kafka 4 when the version is not known. */
export function logConfigLineOfVersion(version: string | undefined): LogConfigLine {
  return version !== undefined && /^[0-3]\./.test(version) ? 'kafka-3' : 'kafka-4';
}

/**
 * The spec of `name` for a broker of `line` (Kafka 4 when not known), or one made from the
 * broker's type for a setting this table does not know.
 */
export function settingSpec(name: string, type: TopicConfigType = 'unknown', line: LogConfigLine = 'kafka-4'): SettingSpec {
  const known = (line === 'kafka-3' ? BEFORE_KAFKA_4[name] : undefined) ?? TOPIC_SETTINGS[name];
  if (known) return known;
  if (name.endsWith('.ms') && (type === 'long' || type === 'int')) return { unit: 'ms', max: type === 'int' ? INT_MAX : LONG_MAX };
  if (name.endsWith('.bytes') && (type === 'long' || type === 'int')) return { unit: 'bytes', max: type === 'int' ? INT_MAX : LONG_MAX };
  if (type === 'boolean') return { unit: 'boolean' };
  if (type === 'int' || type === 'short' || type === 'long') return { unit: 'count', max: type === 'long' ? LONG_MAX : type === 'int' ? INT_MAX : 32_767n };
  return { unit: 'text' };
}

const BYTE_UNITS: readonly [bigint, string][] = [
  [1n << 40n, 'TiB'],
  [1n << 30n, 'GiB'],
  [1n << 20n, 'MiB'],
  [1n << 10n, 'KiB'],
];

/**
 * `1073741824` → `1 GiB`; `1536` → `1.5 KiB`; `1048588` → `1 MiB + 12 bytes`; otherwise
 * `≈ 1.43 MiB`, the exact number left to the tooltip. Binary units, as Kafka's defaults are.
 */
export function readableSize(bytes: bigint): string {
  const sign = bytes < 0n ? '-' : '';
  const n = bytes < 0n ? -bytes : bytes;
  for (const [size, unit] of BYTE_UNITS) {
    if (n < size) continue;
    const whole = n / size;
    const rest = n % size;
    if (rest === 0n) return `${sign}${groupDigits(whole)} ${unit}`;
    // Exact to two decimals (1.5 KiB, 2.25 MiB).
    if ((rest * 100n) % size === 0n) return `${sign}${groupDigits(whole)}.${String((rest * 100n) / size).padStart(2, '0').replace(/0$/, '')} ${unit}`;
    if (rest < 1024n) return `${sign}${groupDigits(whole)} ${unit} + ${rest} ${rest === 1n ? 'byte' : 'bytes'}`;
    const approx = Math.round((Number(n) / Number(size)) * 100) / 100;
    return `${sign}≈ ${groupDigits(approx)} ${unit}`;
  }
  return `${sign}${plural(n, 'byte')}`;
}

function asInteger(raw: string): bigint | undefined {
  return /^-?\d+$/.test(raw.trim()) ? BigInt(raw.trim()) : undefined;
}

/**
 * A setting's value as a person reads it: `604800000` (retention.ms) → `7 days`, `-1` →
 * `unlimited`, `1048588` (max.message.bytes) → `1 MiB + 12 bytes`, `0.5` (a ratio) → `50%`,
 * `compact,delete` → `compact, delete`. `null` (a sensitive value, or none) → `(hidden)` or
 * `(none)`. Values that do not parse as their unit come back unchanged.
 */
export function readableValue(name: string, raw: string | null, options: { type?: TopicConfigType; sensitive?: boolean } = {}): string {
  if (raw === null) return options.sensitive ? '(hidden)' : '(none)';
  const spec = settingSpec(name, options.type);
  const special = spec.special?.[raw.trim()];
  if (special) return special;
  const integer = asInteger(raw);
  switch (spec.unit) {
    case 'ms':
      return integer === undefined ? raw : durationWords(integer);
    case 'bytes':
      return integer === undefined ? raw : readableSize(integer);
    case 'ratio': {
      const ratio = Number(raw);
      return Number.isFinite(ratio) && raw.trim() !== '' ? `${Number((ratio * 100).toPrecision(12))}%` : raw;
    }
    case 'replicas':
      return integer === undefined ? raw : plural(integer, 'replica');
    case 'count':
      return integer === undefined ? raw : groupDigits(integer);
    case 'list':
    case 'replica-list': {
      const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
      return items.length === 0 ? '(none)' : items.join(', ');
    }
    default:
      return raw === '' ? '(empty)' : raw;
  }
}
