// The declared service a connection is for, and the order in which the extension looks for
// its brokers: settings, PLATFORM_RELATIONSHIPS, the CLI's tunnel (the last two from the pure
// resolver in src/upsun/resolve), and only then a prompt.

import type { ServiceRef } from '../../config/model';
import { ConnectionSourceProvider, relationshipsSource, tunnelSource } from '../../upsun/resolve';
import type { Prompter } from '../prompter';
import { readLiveKafkaSettings } from '../settings';
import type { ServiceSecrets } from './serviceSecrets';
import { settingsSource } from './settingsSource';

/** Sources (a) to (c) for one service; the prompt (d) comes after them all. */
export function sourcesFor(ref: ServiceRef, secrets: ServiceSecrets, prompter: Prompter): ConnectionSourceProvider[] {
  const { cliPath, timeoutSeconds } = readLiveKafkaSettings();
  return [
    settingsSource(ref, secrets, prompter),
    relationshipsSource(process.env),
    // The CLI finds the project and environment from the folder's git remote.
    tunnelSource({ cliPath: cliPath || undefined, cwd: ref.project.root, timeoutMs: Math.max(timeoutSeconds * 1000, 15_000) }),
  ];
}
