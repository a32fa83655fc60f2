// The list of subcommands. Each module adds its command to the program and reports its exit
// status through `setExitCode`, so main.ts stays the only place that ends the process. The
// registry imports the subcommands; they import only the contract (contract.ts), never this.

import type { RegisterCommand } from './contract';
import { registerGroups } from './groups';
import { registerLint } from './lint';
import { registerPeek } from './peek';
import { registerProduce } from './produce';
import { registerSearch } from './search';
import { registerTopics } from './topics';

export const commands: readonly RegisterCommand[] = [registerLint, registerPeek, registerProduce, registerGroups, registerTopics, registerSearch];
