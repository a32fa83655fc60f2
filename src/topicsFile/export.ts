// Writes a topics file from what a cluster has, so a team starts from the topics that exist.

import { stringify } from 'yaml';
import { editableValue, parseSettingInput } from '../kafka/topicSettings/input';
import { logConfigLineOfVersion } from '../kafka/topicSettings/specs';
import type { LiveTopic } from './plan';

/**
 * A topics file declaring `topics` for service `service`: partitions, replication factor and
 * the settings set on each topic (not the defaults), in the units a person types (`7d`,
 * `1 GiB`) whenever they read back as the same value. `version` is the service's Kafka
 * version (`4.3`), for the units' limits.
 */
export function exportTopicsFile(service: string, topics: readonly LiveTopic[], version?: string): string {
  const header = `# The Kafka topics of service "${service}", exported by upsun-kafka topics export.\n# Plan and apply with: upsun-kafka topics plan|apply --file kafka-topics.yaml\n`;
  return header + stringify(exportedTopics(service, topics, version), { lineWidth: 0 });
}

/** What exportTopicsFile writes, as the object the file holds (for `--json`). */
export function exportedTopics(service: string, topics: readonly LiveTopic[], version?: string): { services: Record<string, { topics: Record<string, unknown> }> } {
  const declared: Record<string, unknown> = {};
  for (const topic of topics) {
    const config: Record<string, string | number> = {};
    for (const [name, raw] of Object.entries(topic.config).sort(([a], [b]) => a.localeCompare(b))) config[name] = fileValue(name, raw, version);
    declared[topic.name] = { partitions: topic.partitions, replication_factor: topic.replicationFactor, ...(Object.keys(config).length ? { config } : {}) };
  }
  return { services: { [service]: { topics: declared } } };
}

/**
 * A setting's raw value (`86400000`) as a topics file declares it: the unit a person types
 * (`1d`) when it reads back as the same value, else the raw value. Numbers stay numbers.
 */
export function fileValue(name: string, raw: string, version?: string): string | number {
  const line = logConfigLineOfVersion(version);
  const typed = editableValue(name, raw, 'unknown', line);
  return parseSettingInput(name, typed, 'unknown', line).value === raw ? asYamlValue(typed) : raw;
}

/** Numbers stay numbers in the YAML; anything else is a string. */
function asYamlValue(text: string): string | number {
  return /^\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : text;
}
