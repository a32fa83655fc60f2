// Turns what a person types for a topic setting (`7d`, `1 GiB`, `50%`, `compact, delete`) into
// the value Kafka expects (`604800000`, `1073741824`, `0.5`, `compact,delete`), or says why it
// cannot be one, with the limits of topicSettings.ts, before anything is sent to the cluster.

import { parseDuration, typedDuration } from '../../text/duration';
import type { TopicConfigType } from '../types';
import { LogConfigLine, readableValue, settingSpec, SettingSpec } from './specs';

export type SettingInput = { readonly value: string; readonly problem?: undefined } | { readonly value?: undefined; readonly problem: string };

const SIZE = /^(\d+(?:\.\d+)?)\s*(b|bytes?|kib|mib|gib|tib|kb|mb|gb|tb|k|m|g|t)?$/i;
const SIZE_BYTES: Record<string, bigint> = {
  b: 1n, byte: 1n, bytes: 1n,
  kib: 1n << 10n, mib: 1n << 20n, gib: 1n << 30n, tib: 1n << 40n,
  // Kafka's own docs write sizes in binary units; a bare k/m/g means the same.
  k: 1n << 10n, m: 1n << 20n, g: 1n << 30n, t: 1n << 40n,
  kb: 1_000n, mb: 1_000_000n, gb: 1_000_000_000n, tb: 1_000_000_000_000n,
};
const WORDS_FOR_NO_LIMIT = new Set(['unlimited', 'infinite', 'none', 'never']);
const REPLICA_LIST = /^(\*|\d+:\d+(\s*,\s*\d+:\d+)*)?$/;

/** `1GiB`, `512 KiB`, `1.5 MiB`, `10MB` (decimal), `1048576`; undefined when it is none, or not a whole byte count. */
export function parseSize(text: string): bigint | undefined {
  const t = text.trim();
  if (/^-?\d+$/.test(t)) return BigInt(t);
  const match = SIZE.exec(t);
  if (!match) return undefined;
  const factor = SIZE_BYTES[(match[2] ?? 'b').toLowerCase()];
  const [whole, fraction = ''] = match[1].split('.');
  const scale = 10n ** BigInt(fraction.length);
  const scaled = BigInt(whole + fraction) * factor;
  return scaled % scale === 0n ? scaled / scale : undefined;
}

function inRange(n: bigint, spec: SettingSpec, name: string, shown: (n: bigint) => string): string | undefined {
  if (spec.min !== undefined && n < spec.min) return `${name} is at least ${shown(spec.min)}.`;
  if (spec.max !== undefined && n > spec.max) return `${name} is at most ${shown(spec.max)}.`;
  return undefined;
}

function integerSetting(name: string, n: bigint | undefined, spec: SettingSpec, what: string): SettingInput {
  if (n === undefined) return { problem: what };
  const problem = inRange(n, spec, name, (v) => `${v} (${readableValue(name, String(v))})`);
  return problem ? { problem } : { value: n.toString() };
}

/**
 * The value to send for setting `name` given what the user typed, or the problem to show.
 * `type` is the broker's type of the setting (DescribeConfigs), for settings topicSettings.ts
 * does not know; `line` whose limits apply (see `logConfigLine`). Words for "no limit" map to
 * the setting's own special value (`-1`).
 */
export function parseSettingInput(name: string, text: string, type: TopicConfigType = 'unknown', line: LogConfigLine = 'kafka-4'): SettingInput {
  const spec = settingSpec(name, type, line);
  const t = text.trim();
  const noLimit = Object.entries(spec.special ?? {}).find(([, word]) => word === 'unlimited')?.[0];
  if (noLimit !== undefined && WORDS_FOR_NO_LIMIT.has(t.toLowerCase())) return { value: noLimit };
  switch (spec.unit) {
    case 'ms':
      return integerSetting(name, parseDuration(t), spec, `${name} is a duration: a number of milliseconds, or with a unit such as 7d, 12h, 30m, 45s, 500ms${noLimit ? `, or "unlimited"` : ''}.`);
    case 'bytes':
      return integerSetting(name, parseSize(t), spec, `${name} is a size in bytes: a number, or with a unit such as 512KiB, 1MiB, 1GiB${noLimit ? `, or "unlimited"` : ''}.`);
    case 'count':
    case 'replicas':
    case 'level':
      return integerSetting(name, /^-?\d+$/.test(t) ? BigInt(t) : undefined, spec, `${name} is a whole number.`);
    case 'ratio': {
      const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(t);
      const ratio = percent ? Number(percent[1]) / 100 : /^\d+(\.\d+)?$|^\.\d+$/.test(t) ? Number(t) : NaN;
      if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) return { problem: `${name} is a ratio from 0 to 1 (or 0% to 100%).` };
      return { value: String(ratio) };
    }
    case 'boolean': {
      const lower = t.toLowerCase();
      return lower === 'true' || lower === 'false' ? { value: lower } : { problem: `${name} is true or false.` };
    }
    case 'choice': {
      const choice = spec.choices?.find((c) => c.toLowerCase() === t.toLowerCase());
      return choice ? { value: choice } : { problem: `${name} is one of ${spec.choices?.join(', ')}.` };
    }
    case 'list': {
      const items = t.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
      const unknown = items.find((i) => !spec.choices?.includes(i));
      const all = spec.choices?.join(', ') ?? '';
      if (items.length === 0 || unknown !== undefined) return { problem: `${name} is ${spec.choices?.join(', or ')}, or both (${spec.choices?.join(',')})${unknown ? `; "${unknown}" is not one of ${all}` : ''}.` };
      if (new Set(items).size !== items.length) return { problem: `${name} names each of ${all} at most once.` };
      return { value: items.join(',') };
    }
    case 'replica-list':
      return REPLICA_LIST.test(t) ? { value: t.replace(/\s+/g, '') } : { problem: `${name} is "*" or a list partition:broker, such as 0:101,1:102.` };
    default:
      if (type === 'double') return Number.isFinite(Number(t)) && t !== '' ? { value: t } : { problem: `${name} is a number.` };
      return { value: text };
  }
}

const SIZE_UNITS: readonly (readonly [string, bigint])[] = [['TiB', 1n << 40n], ['GiB', 1n << 30n], ['MiB', 1n << 20n], ['KiB', 1n << 10n]];

/** `1073741824` → `1 GiB`: the largest binary unit that divides it exactly, else the bytes. */
function typedSize(bytes: bigint): string {
  const unit = SIZE_UNITS.find(([, size]) => bytes % size === 0n);
  return unit ? `${bytes / unit[1]} ${unit[0]}` : bytes.toString();
}

/**
 * What an edit box pre-fills for setting `name` whose broker value is `raw`: the form a person
 * types (`7d`, `1h 30m`, `1 GiB`, `50%`, `unlimited`, `compact, delete`) when it reads back as
 * exactly `raw` through parseSettingInput, else `raw` as the broker sent it (null: empty).
 */
export function editableValue(name: string, raw: string | null, type: TopicConfigType = 'unknown', line: LogConfigLine = 'kafka-4'): string {
  if (raw === null) return '';
  const spec = settingSpec(name, type, line);
  const integer = /^\d+$/.test(raw.trim()) ? BigInt(raw.trim()) : undefined;
  let typed: string | undefined;
  if (spec.special?.[raw.trim()]) typed = spec.special[raw.trim()];
  else if (spec.unit === 'ms' && integer !== undefined && integer > 0n) typed = typedDuration(integer);
  else if (spec.unit === 'bytes' && integer !== undefined && integer > 0n) typed = typedSize(integer);
  else if (spec.unit === 'ratio' || spec.unit === 'list') typed = readableValue(name, raw, { type });
  return typed !== undefined && parseSettingInput(name, typed, type, line).value === raw ? typed : raw;
}
