// The production guard in the editor: every command that changes a cluster (produce, send
// again, create or delete a topic) asks here first, before it sends anything to the cluster,
// when the connection goes to an Upsun environment of type production, or when the service,
// the project, the environment or a broker matches `upsunKafka.produce.confirmPatterns`.

import * as path from 'path';
import { matchProductionPattern, PatternMatch } from '../../live/productionGuard';
import type { ServiceRef } from '../connections/brokerSource';
import type { EnvironmentInfo } from '../connections/connectionManager';
import type { Prompter } from '../prompter';
import { readLiveKafkaSettings } from '../settings';

/** Environment variables that name the current environment when the editor runs on the platform. */
const ENVIRONMENT_VARIABLES = ['PLATFORM_ENVIRONMENT', 'PLATFORM_BRANCH'] as const;

export interface ClusterChange {
  /** What is about to happen, as a question's start: `Delete topic "orders"`. */
  readonly what: string;
  /** The dialog's button: `Delete`. */
  readonly action: string;
}

/**
 * Why a cluster looks like production (then every change to it asks first): the pattern of
 * `upsunKafka.produce.confirmPatterns` or the environment type that matched; undefined when
 * nothing did.
 */
export function productionMatch(ref: ServiceRef, brokers: readonly string[], environment?: EnvironmentInfo): PatternMatch | undefined {
  const context = [path.basename(ref.project.root), ...ENVIRONMENT_VARIABLES.map((v) => process.env[v] ?? ''), environment?.id ?? ''].filter(Boolean);
  return matchProductionPattern({ service: ref.service.name, context, brokers, environment }, readLiveKafkaSettings().confirmPatterns);
}

/**
 * True when the change may go ahead: not a production environment, nothing matches the
 * patterns, or the user confirmed. `brokers` are the connected cluster's bootstrap servers;
 * `environment` is the Upsun environment the connection tunnels to, if any.
 */
export async function confirmClusterChange(ref: ServiceRef, brokers: readonly string[], change: ClusterChange, prompter: Prompter, environment?: EnvironmentInfo): Promise<boolean> {
  const match = productionMatch(ref, brokers, environment);
  if (!match) return true;
  const why = match.byEnvironmentType
    ? `The Upsun environment "${match.matched}" is of type production.`
    : `"${match.matched}" matches the pattern "${match.pattern}" in the setting upsunKafka.produce.confirmPatterns.`;
  return prompter.confirm(`${change.what} on "${ref.service.name}"? This looks like production.`, `${why} Brokers: ${brokers.join(', ')}.`, change.action);
}
