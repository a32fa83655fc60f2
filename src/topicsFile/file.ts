// The topics file: a project's Kafka topics declared in its repository, per Kafka service, with
// overrides per environment type. Read here into plain data with every problem at its
// characters, so the editor's diagnostics, `upsun-kafka topics plan` and apply refuse the same
// files for the same reasons before anything touches a cluster.
//
// Why a file of its own, outside `.upsun/` and `.platform/`: the platform merges every YAML
// file directly in `.upsun/` into its own config and would refuse an unknown top-level key
// (docs.upsun.com, "Configuration files"); topics are not part of the platform's config.

import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { entries } from '../config/yamlNodes';
import type { OffsetRange, ProjectModel, Severity } from '../config/model';
import { parseSettingInput } from '../kafka/topicSettings/input';
import { topicSettingNames } from '../kafka/topicSettings/defaults';
import { logConfigLineOfVersion, TOPIC_SETTINGS, type LogConfigLine } from '../kafka/topicSettings/specs';
import { topicNameProblem } from '../kafka/topicName';
import { groupDigits } from '../text/count';
import { closest } from '../validation/closest';
import { bytesText } from '../text/bytes';

/** Where the file lives: the root of the project, beside `.upsun/` or `.platform/`. */
export const TOPICS_FILE_NAME = 'kafka-topics.yaml';

/** Upsun's environment types (`upsun environment:info type`); overrides are keyed by them. */
export const ENVIRONMENT_TYPES = ['production', 'staging', 'development'] as const;
export type EnvironmentTypeName = (typeof ENVIRONMENT_TYPES)[number];

/** Largest file read (bytes): a topics file of thousands of topics is a few hundred KiB. */
export const MAX_TOPICS_FILE_BYTES = 1024 * 1024;

/**
 * Kafka's limit on partitions per topic is the cluster's; this only refuses typing slips (it is
 * far below the wire's INT32). A replication factor is an INT16 on the wire (CreateTopics'
 * ReplicationFactor), so at most 32,767.
 */
const MAX_COUNT = { partitions: 100_000, replication_factor: 32_767 } as const;

export interface TopicsProblem extends OffsetRange {
  readonly severity: Severity;
  /** Stable identifier, listed in docs/topics.md. */
  readonly code: string;
  readonly message: string;
}

/** What one level of a topic declares; settings hold the value Kafka is sent (ms, bytes as decimal strings), null for "back to the default". */
export interface TopicLevel {
  readonly partitions?: number;
  readonly replicationFactor?: number;
  readonly config: Readonly<Record<string, string | null>>;
  /** `partitions` is written but is not a valid count (already reported). */
  readonly invalidPartitions?: boolean;
}

export interface DeclaredTopic {
  readonly name: string;
  readonly base: TopicLevel;
  readonly environments: Readonly<Partial<Record<EnvironmentTypeName, TopicLevel>>>;
  /** The topic's key in the file. */
  readonly span: OffsetRange;
}

export interface DeclaredService {
  readonly name: string;
  readonly topics: readonly DeclaredTopic[];
  readonly span: OffsetRange;
}

export interface TopicsFile {
  /** The file's line table, for positionOf (src/config/positions.ts). */
  readonly lineCounter: LineCounter;
  readonly services: readonly DeclaredService[];
  /** Every problem found; a file with an error is refused by plan and apply. */
  readonly problems: readonly TopicsProblem[];
}

/** One topic as an environment of a given type should have it. */
export interface ResolvedTopic {
  readonly name: string;
  readonly partitions: number;
  /** Absent: the broker's default at creation, and not compared afterwards. */
  readonly replicationFactor?: number;
  /** Settings set on the topic, as Kafka is sent them (ms and bytes as decimal strings). */
  readonly config: Readonly<Record<string, string>>;
}

/** The Kafka services a project declares, by name, with their version (`4.3`), for the file's checks. */
export type KafkaServices = ReadonlyMap<string, string>;

/** The Kafka services `projects` declare, name → version ('' when none is written). */
export function kafkaServicesOf(projects: readonly ProjectModel[]): KafkaServices {
  return new Map(projects.flatMap((p) => p.services).filter((s) => s.typeName === 'kafka').map((s) => [s.name, s.version ?? '']));
}

/**
 * Reads a topics file. `kafkaServices`, when given, is what the project declares: a service
 * not in it is an error. Never throws; every fault is a problem at its characters.
 */
export function parseTopicsFile(text: string, kafkaServices?: KafkaServices): TopicsFile {
  const problems: TopicsProblem[] = [];
  const problem = (range: OffsetRange | undefined, code: string, message: string, severity: Severity = 'error'): void => {
    problems.push({ start: range?.start ?? 0, end: range?.end ?? 0, severity, code, message });
  };
  const lineCounter = new LineCounter();
  if (text.length > MAX_TOPICS_FILE_BYTES) {
    problem({ start: 0, end: 0 }, 'topics-file-too-large', `The topics file is larger than ${bytesText(MAX_TOPICS_FILE_BYTES)}; it is not read.`);
    return { lineCounter, services: [], problems };
  }
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, merge: true, prettyErrors: false });
  for (const error of doc.errors) problem({ start: error.pos[0], end: Math.max(error.pos[1], error.pos[0] + 1) }, 'topics-yaml-error', `YAML syntax error: ${error.message.split('\n')[0]}`);
  if (doc.errors.length > 0) return { lineCounter, services: [], problems };
  const root = doc.contents;
  if (root === null) return { lineCounter, services: [], problems };
  if (!isMap(root)) {
    problem(rangeOf(root), 'topics-not-a-map', 'The topics file is a map with one key, `services`.');
    return { lineCounter, services: [], problems };
  }
  const services: DeclaredService[] = [];
  for (const pair of pairs(doc, root)) {
    const key = keyText(pair);
    // `x-` keys hold YAML anchors (`x-defaults: &defaults`) for topics to merge, as Compose files do.
    if (key.startsWith('x-')) continue;
    if (key !== 'services') {
      problem(rangeOf(pair.key), 'topics-unknown-key', `Unknown key \`${key}\`: the topics file has one top-level key, \`services\`, and \`x-\` keys to hold YAML anchors.`);
      continue;
    }
    if (!isMap(pair.value)) {
      problem(rangeOf(pair.value ?? pair.key), 'topics-not-a-map', '`services` maps each Kafka service\'s name to its `topics`.');
      continue;
    }
    for (const servicePair of pairs(doc, pair.value)) services.push(readService(doc, servicePair, kafkaServices, problem));
  }
  return { lineCounter, services, problems };
}

type Report = (range: OffsetRange | undefined, code: string, message: string, severity?: Severity) => void;

function readService(doc: Document, pair: KeyValue, kafkaServices: KafkaServices | undefined, problem: Report): DeclaredService {
  const name = keyText(pair);
  const span = rangeOf(pair.key) ?? { start: 0, end: 0 };
  const version = kafkaServices?.get(name);
  if (kafkaServices && version === undefined) {
    const near = closest(name, kafkaServices.keys());
    const declared = [...kafkaServices.keys()];
    problem(span, 'topics-unknown-service', `No Kafka service \`${name}\` is declared in this project${near ? `; did you mean \`${near}\`?` : declared.length ? ` (declared: ${declared.map((s) => `\`${s}\``).join(', ')}).` : '; declare a service of type kafka first.'}`);
  }
  const topics: DeclaredTopic[] = [];
  if (!isMap(pair.value)) {
    problem(rangeOf(pair.value ?? pair.key), 'topics-not-a-map', `Service \`${name}\` holds a map with one key, \`topics\`.`);
    return { name, topics, span };
  }
  const kafka: KafkaLine = { line: logConfigLineOfVersion(version), label: version ? `Kafka ${version}` : 'Kafka 4' };
  for (const inner of pairs(doc, pair.value)) {
    const key = keyText(inner);
    if (key !== 'topics') {
      problem(rangeOf(inner.key), 'topics-unknown-key', `Unknown key \`${key}\` in service \`${name}\`: it holds \`topics\`.`);
      continue;
    }
    if (inner.value === null || (isScalar(inner.value) && inner.value.value === null)) continue;
    if (!isMap(inner.value)) {
      problem(rangeOf(inner.value), 'topics-not-a-map', '`topics` maps each topic\'s name to its partitions and settings.');
      continue;
    }
    const seen: string[] = [];
    for (const topicPair of pairs(doc, inner.value)) {
      const topicName = keyText(topicPair);
      const topicSpan = rangeOf(topicPair.key) ?? span;
      const nameProblem = topicNameProblem(topicName, seen);
      if (nameProblem) problem(topicSpan, 'topics-invalid-topic-name', nameProblem);
      seen.push(topicName);
      topics.push(readTopic(doc, topicName, topicPair, topicSpan, kafka, problem));
    }
  }
  return { name, topics, span };
}

const LEVEL_KEYS = ['partitions', 'replication_factor', 'config'] as const;

/** Whose settings and limits apply: the service's declared Kafka (`Kafka 3.7`), Kafka 4 when none is written. */
interface KafkaLine {
  readonly line: LogConfigLine;
  readonly label: string;
}

function readTopic(doc: Document, name: string, pair: KeyValue, span: OffsetRange, kafka: KafkaLine, problem: Report): DeclaredTopic {
  const environments: Partial<Record<EnvironmentTypeName, TopicLevel>> = {};
  if (!isMap(pair.value)) {
    problem(rangeOf(pair.value ?? pair.key), 'topics-not-a-map', `Topic \`${name}\` holds \`partitions\`, and optionally \`replication_factor\`, \`config\` and \`environments\`.`);
    return { name, base: { config: {} }, environments, span };
  }
  const base = readLevel(doc, pair.value, kafka, problem, false, ['environments']);
  if (base.partitions === undefined && !base.invalidPartitions) problem(span, 'topics-missing-partitions', `Topic \`${name}\` needs \`partitions\`: the number of partitions it is created with.`);
  const envNode = pairs(doc, pair.value).find((p) => keyText(p) === 'environments')?.value ?? undefined;
  if (envNode !== undefined && !(isScalar(envNode) && envNode.value === null)) {
    if (!isMap(envNode)) problem(rangeOf(envNode), 'topics-not-a-map', '`environments` maps an environment type (production, staging, development) to what differs there.');
    else {
      for (const envPair of pairs(doc, envNode)) {
        const type = keyText(envPair);
        if (!(ENVIRONMENT_TYPES as readonly string[]).includes(type)) {
          const near = closest(type, ENVIRONMENT_TYPES) ?? ENVIRONMENT_TYPES.find((t) => type.length >= 3 && t.startsWith(type.toLowerCase()));
          problem(rangeOf(envPair.key), 'topics-unknown-environment-type', `\`${type}\` is not an environment type; Upsun's are ${ENVIRONMENT_TYPES.join(', ')}${near ? ` (did you mean \`${near}\`?)` : ''}.`);
          continue;
        }
        if (!isMap(envPair.value)) {
          problem(rangeOf(envPair.value ?? envPair.key), 'topics-not-a-map', `\`${type}\` holds what differs in ${type} environments: \`partitions\`, \`replication_factor\`, \`config\`.`);
          continue;
        }
        environments[type as EnvironmentTypeName] = readLevel(doc, envPair.value, kafka, problem, true, []);
      }
    }
  }
  for (const [type, level] of [['', undefined], ...Object.entries(environments)] as [string, TopicLevel | undefined][]) {
    const rf = level?.replicationFactor ?? base.replicationFactor;
    const isr = level && MIN_ISR in level.config ? level.config[MIN_ISR] : base.config[MIN_ISR];
    if (rf !== undefined && isr != null && Number(isr) > rf) {
      const where = type ? ` in ${type} environments` : '';
      problem(span, 'topics-min-insync-above-replication', `Topic \`${name}\`${where} has min.insync.replicas ${isr} above its replication factor ${rf}: producers with acks=all could never write to it (NOT_ENOUGH_REPLICAS). Lower min.insync.replicas or raise replication_factor.`, 'warning');
    }
  }
  return { name, base, environments, span };
}

/** A topic setting that must not exceed the replication factor (Kafka's TopicConfig). */
const MIN_ISR = 'min.insync.replicas';

function readLevel(doc: Document, map: YamlNode, kafka: KafkaLine, problem: Report, override: boolean, alsoAllowed: readonly string[]): TopicLevel {
  let partitions: number | undefined;
  let replicationFactor: number | undefined;
  let invalidPartitions = false;
  const config: Record<string, string | null> = {};
  for (const pair of pairs(doc, map)) {
    const key = keyText(pair);
    if (key === 'partitions' || key === 'replication_factor') {
      const value = isScalar(pair.value) ? pair.value.value : undefined;
      const what = key === 'partitions' ? 'number of partitions' : 'replication factor';
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_COUNT[key]) {
        problem(rangeOf(pair.value ?? pair.key), 'topics-invalid-count', `The ${what} is a whole number from 1 to ${groupDigits(MAX_COUNT[key])}${typeof value === 'string' ? ', written without quotes' : ''}.`);
        // Said once: the topic does have partitions, only not a valid count.
        if (key === 'partitions') invalidPartitions = true;
      } else if (key === 'partitions') partitions = value;
      else replicationFactor = value;
    } else if (key === 'config') {
      if (pair.value === null || (isScalar(pair.value) && pair.value.value === null)) continue;
      if (!isMap(pair.value)) {
        problem(rangeOf(pair.value), 'topics-not-a-map', '`config` maps topic settings (`retention.ms: 7d`) to their values.');
        continue;
      }
      for (const setting of pairs(doc, pair.value)) readSetting(setting, kafka, override, config, problem);
    } else if (!alsoAllowed.includes(key)) {
      const near = closest(key, [...LEVEL_KEYS, ...alsoAllowed]);
      problem(rangeOf(pair.key), 'topics-unknown-key', `Unknown key \`${key}\`${near ? `; did you mean \`${near}\`?` : `: a topic holds ${[...LEVEL_KEYS, ...alsoAllowed].map((k) => `\`${k}\``).join(', ')}.`}`);
    }
  }
  return { ...(partitions !== undefined ? { partitions } : {}), ...(replicationFactor !== undefined ? { replicationFactor } : {}), config, ...(invalidPartitions ? { invalidPartitions } : {}) };
}

function readSetting(pair: KeyValue, kafka: KafkaLine, override: boolean, config: Record<string, string | null>, problem: Report): void {
  const name = keyText(pair);
  const keyRange = rangeOf(pair.key);
  const names = topicSettingNames(kafka.line);
  if (!names.includes(name)) {
    const near = closest(name, names);
    const why = !(name in TOPIC_SETTINGS) ? 'is not a topic setting Kafka knows' : `is not a topic setting of ${kafka.label}: ${kafka.line === 'kafka-4' ? 'Kafka 4.0 removed it' : 'a later Kafka added it'}`;
    problem(keyRange, 'topics-unknown-setting', `\`${name}\` ${why}${near ? `; did you mean \`${near}\`?` : '.'}`);
    return;
  }
  const node = pair.value;
  if (node === null || (isScalar(node) && node.value === null)) {
    if (override) config[name] = null;
    else problem(keyRange, 'topics-invalid-value', `\`${name}\` has no value; leave it out to keep Kafka's default.`);
    return;
  }
  // A YAML number above 2^53 has lost digits (9007199254740993 reads as …992): take its source
  // text, which Kafka's longs need (Long.MAX_VALUE, 9223372036854775807, means "unlimited").
  const exact = isScalar(node) && typeof node.value === 'number' && !Number.isSafeInteger(node.value) && typeof node.source === 'string' && /^[-+]?\d+$/.test(node.source.trim());
  const value = isScalar(node) ? (exact ? String(node.source).trim() : node.value) : undefined;
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    problem(rangeOf(node), 'topics-invalid-value', `\`${name}\` takes one value, such as \`7d\` or \`compact,delete\`.`);
    return;
  }
  const parsed = parseSettingInput(name, String(value), 'unknown', kafka.line);
  if (parsed.problem !== undefined) problem(rangeOf(node), 'topics-invalid-value', parsed.problem);
  else config[name] = parsed.value;
}

/**
 * The topics an environment of `environmentType` should have for `service`: each topic's base
 * level with that type's overrides on top (a setting set to null in an override goes back to
 * Kafka's default). Undefined type: the base levels alone.
 */
export function resolveTopics(service: DeclaredService, environmentType?: string): ResolvedTopic[] {
  return service.topics.flatMap((topic) => {
    const override = environmentType ? topic.environments[environmentType as EnvironmentTypeName] : undefined;
    const partitions = override?.partitions ?? topic.base.partitions;
    if (partitions === undefined) return [];
    const merged: Record<string, string> = {};
    for (const [name, value] of Object.entries({ ...topic.base.config, ...(override?.config ?? {}) })) if (value !== null) merged[name] = value;
    const replicationFactor = override?.replicationFactor ?? topic.base.replicationFactor;
    return [{ name: topic.name, partitions, ...(replicationFactor !== undefined ? { replicationFactor } : {}), config: merged }];
  });
}

/** A map's key and its value, aliases followed. */
interface KeyValue {
  readonly key: unknown;
  readonly value: YamlNode | null;
}

/**
 * A map's entries as YAML defines them: aliases (`*base`) followed and merge keys (`<<: *base`)
 * applied, keys written in the map winning, as the platform's own files are read (src/config/yamlNodes.ts).
 */
function pairs(doc: Document, map: YamlNode | null): KeyValue[] {
  return entries(doc, map).map((e) => ({ key: e.keyNode, value: e.value }));
}

function keyText(pair: KeyValue): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

function rangeOf(node: unknown): OffsetRange | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? { start: range[0], end: range[1] } : undefined;
}
