// What the explorer and the CLI do with a topic's settings before the cluster sees anything:
// the order they are listed in, where each value comes from in words, an edit or a reset
// checked against what the broker said of the setting, and the warning before partitions
// are added.

import type { TopicConfigChange, TopicConfigEntry, TopicConfigSource } from '../types';
import { plural } from '../../text/count';
import { parseSettingInput } from './input';
import { logConfigLine, readableValue } from './specs';

/** Short, for a row: `set` on the topic, `broker default` (a broker-level value), `default` (Kafka's own). */
export function sourceTag(source: TopicConfigSource): string {
  if (source === 'topic') return 'set';
  if (source === 'default') return 'default';
  if (source === 'unknown') return 'unknown source';
  return 'broker default';
}

/** In a sentence, for a tooltip or `--json`-less CLI output. */
export function sourceDescription(source: TopicConfigSource): string {
  switch (source) {
    case 'topic':
      return 'set on this topic';
    case 'dynamic-broker':
      return "the broker's default, set at run time on this broker";
    case 'dynamic-default-broker':
      return "the brokers' default, set at run time for every broker";
    case 'static-broker':
      return "the broker's default, from its server.properties";
    case 'default':
      return "Kafka's built-in default";
    default:
      return 'from a source the broker did not name';
  }
}

/** Set on the topic first, then the defaults; each group by name. */
export function orderedSettings(entries: readonly TopicConfigEntry[]): TopicConfigEntry[] {
  return [...entries].sort((a, b) => Number(b.source === 'topic') - Number(a.source === 'topic') || a.name.localeCompare(b.name));
}

/** An entry's value in words: `7 days`, `(hidden)` for a sensitive one. */
export function entryValue(entry: TopicConfigEntry): string {
  return readableValue(entry.name, entry.value, { type: entry.type, sensitive: entry.sensitive });
}

export type EditPlan = { readonly change: TopicConfigChange; readonly problem?: undefined } | { readonly change?: undefined; readonly problem: string };

function findEntry(entries: readonly TopicConfigEntry[], name: string): TopicConfigEntry | string {
  const entry = entries.find((e) => e.name === name);
  if (!entry) return `The topic has no setting "${name}". Its settings: ${entries.map((e) => e.name).join(', ')}.`;
  if (entry.readOnly) return `${name} is read-only: the broker does not let it be changed on a topic.`;
  return entry;
}

/**
 * The change that sets `name` to what the user typed (`7d`, `1GiB`), or why it cannot be
 * sent: no such setting, read-only, or a value outside the constraints of the broker's Kafka
 * (told from `entries`, see `logConfigLine`).
 */
export function planSettingEdit(entries: readonly TopicConfigEntry[], name: string, typed: string): EditPlan {
  const entry = findEntry(entries, name);
  if (typeof entry === 'string') return { problem: entry };
  const parsed = parseSettingInput(name, typed, entry.type, logConfigLine(entries.map((e) => e.name)));
  if (parsed.problem !== undefined) return { problem: parsed.problem };
  return { change: { name, value: parsed.value } };
}

/** The change that removes the topic's own value of `name`, or why there is none to remove. */
export function planSettingReset(entries: readonly TopicConfigEntry[], name: string): EditPlan {
  const entry = findEntry(entries, name);
  if (typeof entry === 'string') return { problem: entry };
  if (entry.source !== 'topic') return { problem: `${name} is not set on this topic; it already has ${sourceDescription(entry.source)} (${entryValue(entry)}).` };
  return { change: { name, value: null } };
}

/**
 * The default a reset would bring back, from the broker's synonyms (the first that is not the
 * topic's own), in words; undefined when the broker listed none.
 */
export function defaultAfterReset(entry: TopicConfigEntry): string | undefined {
  const next = entry.synonyms.find((s) => s.source !== 'topic');
  if (!next) return undefined;
  const value = readableValue(entry.name, inMilliseconds(next.name, next.value), { type: entry.type, sensitive: entry.sensitive });
  return `${value} (${sourceDescription(next.source)}${next.name !== entry.name ? `: ${next.name}` : ''})`;
}

/** Broker synonyms such as `log.retention.hours` (168) or `log.roll.minutes` stand for a topic's `*.ms`. */
const SYNONYM_UNITS: readonly [RegExp, bigint][] = [
  [/\.hours$/, 3_600_000n],
  [/\.minutes$/, 60_000n],
];

function inMilliseconds(synonym: string, value: string | null): string | null {
  const unit = SYNONYM_UNITS.find(([suffix]) => suffix.test(synonym))?.[1];
  if (unit === undefined || value === null || !/^-?\d+$/.test(value)) return value;
  const n = BigInt(value);
  return n < 0n ? value : (n * unit).toString();
}

/** Why `typed` is not a partition count above `current` (Kafka cannot remove partitions). */
export function partitionCountProblem(current: number, typed: string): string | undefined {
  const t = typed.trim();
  if (!/^\d+$/.test(t)) return 'The new partition count is a whole number.';
  const n = Number(t);
  if (n <= current) return `The topic has ${plural(current, 'partition')}; the new count must be larger. Kafka cannot remove partitions.`;
  if (n > 100_000) return 'The new partition count is too large.';
  return undefined;
}

/** What a person must know before partitions are added: keyed messages move, and there is no way back. */
export function addPartitionsWarning(topic: string, from: number, to: number): string {
  return (
    `"${topic}" goes from ${plural(from, 'partition')} to ${to}. ` +
    `A keyed message goes to partition hash(key) % partition count, so from now on most keys map to a different partition than before: ` +
    `a consumer that relies on one key's messages staying in order in one partition sees new messages for that key elsewhere. ` +
    `The partition count cannot be decreased afterwards.`
  );
}
