// The options of `peek` and `search` that read keys and values with schemas (src/schemas).
// Only commander: the schema code loads with the command body.

import type { Command } from 'commander';

export interface SchemaFlags {
  readonly keySchema?: string;
  readonly valueSchema?: string;
  readonly schemaRegistry?: string;
}

/** Environment variables with the registry's credentials: never on the command line, where `ps` shows them. */
export const REGISTRY_ENV = { username: 'UPSUN_KAFKA_REGISTRY_USERNAME', password: 'UPSUN_KAFKA_REGISTRY_PASSWORD', token: 'UPSUN_KAFKA_REGISTRY_TOKEN' } as const;

export function addSchemaOptions(command: Command): Command {
  return command
    .option('--key-schema <ref>', 'read keys with this schema file: file.avsc, file.proto[#package.Message] or file.schema.json (default: the upsunKafka.schemas setting in .vscode/settings.json)')
    .option('--value-schema <ref>', 'read values with this schema file, as --key-schema')
    .option(
      '--schema-registry <url>',
      `a schema registry (Confluent's API; Apicurio's /apis/ccompat/v7, Karapace) for records in its wire format; credentials from ${REGISTRY_ENV.username} and ${REGISTRY_ENV.password}, or ${REGISTRY_ENV.token}`,
    );
}
