// The production guard in the editor: every command that changes a cluster (produce, send
// again, create or delete a topic) asks here first, before it sends anything to the cluster,
// when the connection goes to an Upsun environment of type production, or when the service,
// the project, the environment or a broker matches `upsunKafka.produce.confirmPatterns`.

import { changeQuestion, ClusterChange, productionMatch } from '../../upsun/productionGuard';
import type { ServiceRef } from '../../config/model';
import type { EnvironmentInfo } from '../connections/connectionManager';
import type { Prompter } from '../prompter';
import { readLiveKafkaSettings } from '../settings';

/**
 * True when the change may go ahead: nothing to ask (not a production environment, nothing
 * matches the patterns, no consequence to state) or the user confirmed, in one question.
 * `brokers` are the connected cluster's bootstrap servers; `environment` is the Upsun
 * environment the connection tunnels to, if any.
 */
export async function confirmClusterChange(ref: ServiceRef, brokers: readonly string[], change: ClusterChange, prompter: Prompter, environment?: EnvironmentInfo): Promise<boolean> {
  const question = changeQuestion(change, ref.service.name, brokers, productionMatch(ref, brokers, readLiveKafkaSettings().confirmPatterns, environment));
  return question ? prompter.confirm(question.message, question.detail, change.action) : true;
}
