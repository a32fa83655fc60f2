// Where the cursor is in a topics file, for completion, hovers and go to definition. Read from
// the lines' indentation, not from a parse, so it works on the half-typed line completion is
// asked on (`      ret` under `config:` parses as something else, or not at all).

import { readableValue, settingSpec, logConfigLineOfVersion, TOPIC_SETTINGS, type SettingSpec } from '../kafka/topicSettings/specs';
import { kafkaDefault, topicSettingNames } from '../kafka/topicSettings/defaults';
import { fileValue } from './export';
import type { OffsetRange } from '../config/model';
import { settingDescription } from './schema';

export type TopicsCursor =
  /** Typing a key in a `config:` map: a setting's name; `range` is the word typed so far. */
  | { readonly kind: 'setting-name'; readonly service: string; readonly range: OffsetRange }
  /** On a setting's value (`retention.ms: 7|`). */
  | { readonly kind: 'setting-value'; readonly service: string; readonly setting: string; readonly range: OffsetRange }
  /** On a setting's key, written whole. */
  | { readonly kind: 'setting-key'; readonly service: string; readonly setting: string; readonly range: OffsetRange }
  /** On a service's name under `services:`. */
  | { readonly kind: 'service'; readonly service: string; readonly range: OffsetRange };

/** Lines looked at above the cursor: a topic's block is short; a huge file is not walked whole per keystroke. */
const MAX_LINES_UP = 2_000;

/** The keys above `offset` by indentation, outermost first, with the cursor's own line split at `key:`. */
export function topicsCursorAt(text: string, offset: number): TopicsCursor | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEndAt = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEndAt === -1 ? text.length : lineEndAt).replace(/\r$/, '');
  const indent = line.length - line.trimStart().length;
  const path = keysAbove(text, lineStart, indent);
  const colon = keyColon(line);
  const column = offset - lineStart;
  const service = path[0] === 'services' ? path[1] : undefined;
  if (path.length === 1 && path[0] === 'services' && colon !== -1 && column <= colon) {
    return { kind: 'service', service: line.slice(indent, colon).trim(), range: { start: lineStart + indent, end: lineStart + colon } };
  }
  if (!service || path[path.length - 1] !== 'config' || !isSettingsMap(path)) return undefined;
  if (colon === -1 || column <= colon) {
    const keyEnd = colon === -1 ? line.length : colon;
    const word = line.slice(indent, keyEnd);
    if (colon !== -1 && word.trim() in TOPIC_SETTINGS) return { kind: 'setting-key', service, setting: word.trim(), range: { start: lineStart + indent, end: lineStart + keyEnd } };
    return { kind: 'setting-name', service, range: { start: lineStart + Math.min(indent, column), end: lineStart + Math.max(column, keyEnd) } };
  }
  const setting = line.slice(indent, colon).trim();
  const valueStart = colon + 1 + (line.slice(colon + 1).length - line.slice(colon + 1).trimStart().length);
  const comment = line.indexOf(' #', valueStart);
  const valueEnd = comment === -1 ? line.length : comment;
  return { kind: 'setting-value', service, setting, range: { start: lineStart + Math.min(valueStart, column), end: lineStart + Math.max(valueEnd, column) } };
}

/** `config` of a topic (services.S.topics.T.config) or of an override (….environments.E.config). */
function isSettingsMap(path: readonly string[]): boolean {
  return (path.length === 5 && path[2] === 'topics') || (path.length === 7 && path[2] === 'topics' && path[4] === 'environments');
}

/** The column of the colon ending a block key on `line` (`retention.ms: 7d`), or -1. */
function keyColon(line: string): number {
  const match = /^\s*(?:"[^"]*"|'[^']*'|[^\s#'"][^:#]*?)\s*:(?:\s|$)/.exec(line);
  return match ? match[0].trimEnd().length - 1 : -1;
}

function keysAbove(text: string, lineStart: number, indent: number): string[] {
  const path: string[] = [];
  let end = lineStart - 1;
  let within = indent;
  for (let n = 0; end > 0 && within > 0 && n < MAX_LINES_UP; n++) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).replace(/\r$/, '');
    end = start - 1;
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const lineIndent = line.length - trimmed.length;
    if (lineIndent >= within) continue;
    const colon = keyColon(line);
    if (colon === -1) return [];
    path.unshift(unquote(line.slice(lineIndent, colon).trim()));
    within = lineIndent;
  }
  return within === 0 ? path : [];
}

function unquote(key: string): string {
  return /^(["']).*\1$/.test(key) ? key.slice(1, -1) : key;
}

/**
 * The settings a topics file may give a service of `version` (`4.3`; Kafka 4 when not known),
 * sorted, each with its validator for that version: a Kafka 4 service is not offered what 4.0
 * removed (`message.format.version`), nor a 3.7 one what 3.8 added.
 */
export function settingNamesFor(version: string | undefined): { readonly name: string; readonly spec: SettingSpec }[] {
  const line = logConfigLineOfVersion(version);
  return topicSettingNames(line).map((name) => ({ name, spec: settingSpec(name, 'unknown', line) }));
}

/** The values offered for a setting: its words, or examples in its unit. */
export function settingValueExamples(name: string, version?: string): string[] {
  const spec = settingSpec(name, 'unknown', logConfigLineOfVersion(version));
  switch (spec.unit) {
    case 'choice':
      return [...(spec.choices ?? [])];
    case 'list':
      return spec.choices && spec.choices.length > 1 ? [...spec.choices, spec.choices.join(',')] : [...(spec.choices ?? [])];
    case 'boolean':
      return ['true', 'false'];
    case 'ms':
      return ['1h', '1d', '7d', ...(spec.special ? ['unlimited'].filter(() => Object.values(spec.special!).includes('unlimited')) : [])];
    case 'bytes':
      return ['1MiB', '64MiB', '1GiB', ...(spec.special && Object.values(spec.special).includes('unlimited') ? ['unlimited'] : [])];
    case 'ratio':
      return ['0.5', '50%'];
    default:
      return [];
  }
}

/**
 * A setting's hover in Markdown: what it takes, and Kafka's limits for the service's version
 * (`4.3`; Kafka 4 when not known), from the ConfigDef table in src/kafka/topicSettings/specs.ts,
 * and Kafka's default (src/kafka/topicSettings/defaults.ts).
 */
export function settingHover(name: string, version: string | undefined): string {
  const line = logConfigLineOfVersion(version);
  const spec = settingSpec(name, 'unknown', line);
  const lines = [settingDescription(name, spec)];
  const bound = (value: bigint | undefined) => {
    if (value === undefined) return undefined;
    const special = spec.special?.[value.toString()];
    return special ? `\`${value}\` (${special})` : readableValue(name, value.toString());
  };
  const [min, max] = [bound(spec.min), bound(spec.max)];
  if (min !== undefined || max !== undefined) lines.push('', `Kafka ${line === 'kafka-3' ? '3' : '4'} accepts ${min !== undefined ? `from ${min}` : ''}${min !== undefined && max !== undefined ? ' ' : ''}${max !== undefined ? `up to ${max}` : ''}.`);
  const fallback = kafkaDefault(name, line);
  if (fallback === '') lines.push('', "Kafka's default: none, unless the service's brokers set another.");
  else if (fallback !== undefined) {
    const typed = String(fileValue(name, fallback, version));
    const words = readableValue(name, fallback);
    lines.push('', `Kafka's default: \`${typed}\`${words !== typed ? ` (${words})` : ''}, unless the service's brokers set another.`);
  }
  lines.push('', `[Kafka's documentation](https://kafka.apache.org/documentation/#topicconfigs_${name})`);
  return lines.join('\n');
}
