// The JSON Schema of the topics file, shipped as syntaxes/kafka-topics.schema.json for the YAML
// extension and for editors without ours. Like the platform schemas it describes (keys,
// descriptions, allowed words) and does not validate values: the extension checks them itself
// against the limits of the service's Kafka version, and one mistake must not show twice.

import { TOPIC_SETTINGS, type SettingSpec } from '../kafka/topicSettings/specs';
import { ENVIRONMENT_TYPES } from './file';

type JsonSchema = Record<string, unknown>;

/** What a setting takes, in one or two sentences (the schema's description, and the editor's hover). */
export function settingDescription(name: string, spec: SettingSpec): string {
  const unit: Record<SettingSpec['unit'], string> = {
    ms: 'A duration: milliseconds, or with a unit (`7d`, `12h`, `30m`, `45s`, `500ms`).',
    bytes: 'A size: bytes, or with a unit (`512KiB`, `1MiB`, `1GiB`).',
    ratio: 'A ratio from 0 to 1, or a percentage (`50%`).',
    count: 'A whole number.',
    replicas: 'A number of replicas.',
    boolean: '`true` or `false`.',
    choice: `One of ${spec.choices?.map((c) => `\`${c}\``).join(', ') ?? ''}.`,
    list: `Any of ${spec.choices?.map((c) => `\`${c}\``).join(', ') ?? ''}, comma-separated.`,
    level: 'A compression level.',
    'replica-list': '`*` or a list `partition:broker`.',
    text: 'Text.',
  };
  const special = Object.entries(spec.special ?? {}).map(([value, word]) => `\`${value}\`: ${word}`);
  return [`Kafka topic setting \`${name}\`.`, unit[spec.unit], special.length ? `Special values: ${special.join('; ')}.` : ''].filter(Boolean).join(' ');
}

function settingSchema(name: string, spec: SettingSpec): JsonSchema {
  return {
    description: settingDescription(name, spec),
    type: ['string', 'number', 'boolean', 'null'],
    ...(spec.unit === 'choice' && spec.choices ? { examples: spec.choices } : {}),
  };
}

/** The schema as an object; `scripts/generate-yaml-schemas.ts` writes it, a unit test keeps it current. */
export function topicsFileSchema(): JsonSchema {
  const config = {
    type: 'object',
    description: 'Topic settings with their values in readable units; leave a setting out to keep Kafka\'s default.',
    properties: Object.fromEntries(Object.entries(TOPIC_SETTINGS).map(([name, spec]) => [name, settingSchema(name, spec)])),
  };
  const level = (what: string): JsonSchema => ({
    type: 'object',
    properties: {
      partitions: { type: 'integer', minimum: 1, description: `Partitions ${what}. Kafka can add partitions, never remove them.` },
      replication_factor: { type: 'integer', minimum: 1, description: `Replicas of each partition ${what}. Left out: the broker's default at creation, not compared afterwards.` },
      config,
    },
  });
  const topic = level('of the topic');
  (topic.properties as JsonSchema).environments = {
    type: 'object',
    description: 'What differs in environments of a type; a setting set to null there goes back to Kafka\'s default.',
    properties: Object.fromEntries(ENVIRONMENT_TYPES.map((type) => [type, { ...level(`in ${type} environments`), description: `Overrides in ${type} environments.` }])),
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Kafka topics of an Upsun or Platform.sh project (kafka-topics.yaml)',
    type: 'object',
    properties: {
      services: {
        type: 'object',
        description: 'Each Kafka service, by the name the project declares it under, with its topics.',
        additionalProperties: {
          type: 'object',
          properties: {
            topics: { type: 'object', description: 'Each topic by name, with its partitions and settings.', additionalProperties: topic },
          },
        },
      },
    },
  };
}
