// The list of subcommands. Each module adds its command to the program and reports its exit
// status through `setExitCode`, so main.ts stays the only place that ends the process.

import type { Command } from 'commander';
import { registerGroups } from './groups';
import { registerLint } from './lint';
import { registerPeek } from './peek';
import { registerProduce } from './produce';
import { registerSearch } from './search';
import { registerTopics } from './topics';

export type RegisterCommand = (program: Command, setExitCode: (code: number) => void) => void;

export const commands: readonly RegisterCommand[] = [registerLint, registerPeek, registerProduce, registerGroups, registerTopics, registerSearch];
