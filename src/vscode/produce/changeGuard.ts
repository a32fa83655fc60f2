// The production guard in the editor: every command that changes a cluster (produce, send
// again, create or delete a topic) asks here first, before it sends anything to the cluster,
// when the connection goes to an Upsun environment of type production, or when the service,
// the project, the environment or a broker matches `upsunKafka.produce.confirmPatterns`.

import * as path from 'path';
import { changeQuestion, ClusterChange, matchProductionPattern, PatternMatch } from '../../upsun/productionGuard';
import type { ServiceRef } from '../../config/model';
import type { EnvironmentInfo } from '../connections/connectionManager';
import type { Prompter } from '../prompter';
import { readLiveKafkaSettings } from '../settings';

/** Environment variables that name the current environment when the editor runs on the platform. */
const ENVIRONMENT_VARIABLES = ['PLATFORM_ENVIRONMENT', 'PLATFORM_BRANCH'] as const;

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
 * True when the change may go ahead: nothing to ask (not a production environment, nothing
 * matches the patterns, no consequence to state) or the user confirmed, in one question.
 * `brokers` are the connected cluster's bootstrap servers; `environment` is the Upsun
 * environment the connection tunnels to, if any.
 */
export async function confirmClusterChange(ref: ServiceRef, brokers: readonly string[], change: ClusterChange, prompter: Prompter, environment?: EnvironmentInfo): Promise<boolean> {
  const question = changeQuestion(change, ref.service.name, brokers, productionMatch(ref, brokers, environment));
  return question ? prompter.confirm(question.message, question.detail, change.action) : true;
}
