// The options of `peek` and `search` that read keys and values with schemas (src/schemas).
// Only commander: the schema code loads with the command body.

import type { Command } from 'commander';
import type { SchemaFlags } from './contract';

export type { SchemaFlags };

/** Environment variables with the registry's credentials: never on the command line, where `ps` shows them. */
export const REGISTRY_ENV = { username: 'UPSUN_KAFKA_REGISTRY_USERNAME', password: 'UPSUN_KAFKA_REGISTRY_PASSWORD', token: 'UPSUN_KAFKA_REGISTRY_TOKEN' } as const;

/** `read` for peek and search; `write` for produce, which encodes values only. */
export function addSchemaOptions(command: Command, use: 'read' | 'write' = 'read'): Command {
  if (use === 'write') {
    return command
      .option('--value-schema <ref>', 'encode each value, written as JSON, with this schema file: file.avsc, file.proto[#package.Message] or file.schema.json (checked only)')
      .option('--schema-registry <url>', `encode with the latest schema of the subject <topic>-value in this registry and frame with its id; credentials as for peek (${REGISTRY_ENV.username}…)`)
      .option('--schema-version <n>', 'with --schema-registry: this version of the subject instead of the latest');
  }
  return command
    .option('--key-schema <ref>', 'read keys with this schema file: file.avsc, file.proto[#package.Message] or file.schema.json (default: the upsunKafka.schemas setting in .vscode/settings.json)')
    .option('--value-schema <ref>', 'read values with this schema file, as --key-schema')
    .option(
      '--schema-registry <url>',
      `a schema registry (Confluent's API; Apicurio's /apis/ccompat/v7, Karapace) for records in its wire format; credentials from ${REGISTRY_ENV.username} and ${REGISTRY_ENV.password}, or ${REGISTRY_ENV.token}`,
    );
}
