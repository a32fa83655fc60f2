// What the registry (commands.ts), the modules that declare each command's options (peek.ts,
// groups.ts…) and the command bodies (kafka/*.ts) share: the shape of a registration and the
// options each command parses to. Imports only types, so it sits below all three and the
// imports run one way: registry → declarations → bodies → this module.

import type { Command } from 'commander';
import type { ConnectionFlags } from './connectionOptions';

/** Adds one command to `program`; the command reports its exit status through `setExitCode` (exitCodes.ts). */
export type RegisterCommand = (program: Command, setExitCode: (code: number) => void) => void;

/** `--json`, or `--format` where a command has one: see outputFormat in sharedOptions.ts. */
interface OutputFlags {
  readonly json?: boolean;
  /** Unset unless given: `--json` and `--format` are checked against each other. */
  readonly format?: 'text' | 'json';
}

/** `--key-schema`, `--value-schema`, `--schema-registry` (schemaOptions.ts, docs/schemas.md). */
export interface SchemaFlags {
  readonly keySchema?: string;
  readonly valueSchema?: string;
  readonly schemaRegistry?: string;
  /** produce only */
  readonly schemaVersion?: string;
}

/** `--partition`, as given: each a number or a comma list (partitionsOf in sharedOptions.ts). */
interface PartitionFlags {
  readonly partition: readonly string[];
}

export interface PeekFlags extends ConnectionFlags, OutputFlags, PartitionFlags, SchemaFlags {
  readonly topic: string;
  readonly count: string;
  readonly fromOffset?: string;
  readonly fromTime?: string;
  readonly stats?: boolean;
}

export interface ProduceFlags extends ConnectionFlags, OutputFlags, PartitionFlags, SchemaFlags {
  readonly topic: string;
  readonly key?: string;
  readonly header: string[];
  readonly value?: string;
  readonly file?: string;
}

export interface SearchFlags extends ConnectionFlags, OutputFlags, PartitionFlags, SchemaFlags {
  readonly topic: string;
  readonly text?: string;
  readonly regex?: string;
  readonly in: string;
  readonly caseSensitive?: boolean;
  readonly ignoreCase?: boolean;
  readonly from?: string;
  readonly to?: string;
  readonly limit: string;
  readonly matchBudget?: string;
}

export interface TopicConfigFlags extends ConnectionFlags {
  readonly topic: string;
  readonly json?: boolean;
}

export interface GroupsListFlags extends ConnectionFlags {
  readonly json?: boolean;
}

export interface GroupsResetFlags extends ConnectionFlags, PartitionFlags {
  readonly group: string;
  readonly topic: string;
  readonly toEarliest?: boolean;
  readonly toLatest?: boolean;
  readonly toTime?: string;
  readonly toOffset?: string;
  readonly shiftBy?: string;
  readonly execute?: boolean;
  readonly json?: boolean;
}

export interface GroupsDeleteFlags extends ConnectionFlags {
  readonly group: string;
}

/** `topics plan` and `topics apply`: the topics file and how it applies. */
export interface TopicsPlanFlags extends ConnectionFlags {
  readonly file: string;
  /** The Kafka service of the file to apply; defaults to `--service`, or the file's only one. */
  readonly fileService?: string;
  /** production, staging or development: which overrides apply. */
  readonly environmentType?: string;
  readonly prune?: boolean;
  readonly json?: boolean;
  readonly detailedExitcode?: boolean;
}

export interface TopicsApplyFlags extends TopicsPlanFlags {
  /** Already on the connection flags for tunnels; here it also answers apply's question. */
  readonly yes?: boolean;
}

export interface TopicsExportFlags extends ConnectionFlags {
  /** The service name the file declares the topics under; defaults to `--service`, else `kafka`. */
  readonly fileService?: string;
  /** Write here instead of standard output; refuses to replace a file without --force. */
  readonly output?: string;
  readonly force?: boolean;
  readonly json?: boolean;
}

export interface TopicsDiffFlags extends ConnectionFlags {
  /** The other side: an environment of the same service, or a broker list. */
  readonly againstEnvironment?: string;
  readonly againstBrokers?: string;
  readonly json?: boolean;
}

/** `topics usage`: bytes per topic on the brokers' disks, and the service's disk. */
export interface TopicUsageFlags extends ConnectionFlags {
  readonly json?: boolean;
}
