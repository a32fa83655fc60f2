// Probes of the layering rules in eslint.config.mjs: an import each layer must refuse, and one
// it must allow, linted as if the file sat at that path. Without them a rule that matches
// nothing (a pattern written for the wrong depth, a folder renamed) would pass in silence.

import { ESLint, Linter } from 'eslint';
import * as path from 'path';
import tseslint from 'typescript-eslint';
import { REPO_ROOT } from '../mochaRun';

interface Probe {
  /** Where the probe sits, relative to the repository. */
  readonly file: string;
  readonly text: string;
  /** The rule that must report it, or undefined when the import is allowed. */
  readonly refusedBy: 'no-restricted-imports' | 'no-restricted-syntax' | undefined;
}

const LAYER_RULES = ['no-restricted-imports', 'no-restricted-syntax'] as const;

const PROBES: readonly Probe[] = [
  { file: 'src/text/probe.ts', text: "import type { PeekedMessage } from '../kafka/types';", refusedBy: 'no-restricted-imports' },
  { file: 'src/text/probe.ts', text: "import { plural } from './count';", refusedBy: undefined },
  { file: 'src/config/probe.ts', text: "import * as vscode from 'vscode';", refusedBy: 'no-restricted-imports' },
  { file: 'src/kafka/probe.ts', text: "import { x } from '../vscode/settings';", refusedBy: 'no-restricted-imports' },
  { file: 'src/kafka/probe.ts', text: "import { x } from '../cli/main';", refusedBy: 'no-restricted-imports' },
  { file: 'src/kafka/probe.ts', text: "import type { X } from '../explorer/nodes';", refusedBy: 'no-restricted-imports' },
  { file: 'src/kafka/wire/probe.ts', text: "import type { X } from '../../messageView/protocol';", refusedBy: 'no-restricted-imports' },
  { file: 'src/kafka/wire/probe.ts', text: "import { plural } from '../../text/count';", refusedBy: undefined },
  { file: 'src/kafka/probe.ts', text: "const Cluster = require('kafkajs/src/cluster');", refusedBy: 'no-restricted-syntax' },
  { file: 'src/kafka/kafkajs/probe.ts', text: "const Cluster = require('kafkajs/src/cluster');", refusedBy: undefined },
  { file: 'src/messageView/probe.ts', text: "import { x } from '../explorer/nodes';", refusedBy: 'no-restricted-imports' },
  { file: 'src/webview/peek/probe.ts', text: "import { x } from '../../messageView/session';", refusedBy: 'no-restricted-imports' },
  { file: 'src/webview/peek/probe.ts', text: "import type { PeekRow } from '../../messageView/protocol';", refusedBy: undefined },
  { file: 'src/webview/peek/probe.ts', text: "import { plural } from '../../text/count';", refusedBy: undefined },
  { file: 'src/webview/peek/probe.ts', text: "import { applyRowsChange } from '../../messageView/rowsChange';", refusedBy: undefined },
  { file: 'src/vscode/probe.ts', text: "import * as vscode from 'vscode';", refusedBy: undefined },
  { file: 'src/vscode/probe.ts', text: "import { x } from '../cli/main';", refusedBy: 'no-restricted-imports' },
  { file: 'src/upsun/probe.ts', text: "import { x } from './cli';", refusedBy: undefined },
  { file: 'src/cli/probe.ts', text: "import * as vscode from 'vscode';", refusedBy: 'no-restricted-imports' },
];

/** Each probe's failure, or an empty list when every layer refused and allowed what it should. */
export async function layerProbeFailures(): Promise<{ readonly passed: number; readonly failures: string[] }> {
  // ESLint computes the config each path gets; the probe is then linted with only the layering
  // rules and no type information, since a probe file is not on disk.
  const eslint = new ESLint({ cwd: REPO_ROOT });
  const linter = new Linter({ configType: 'flat' });
  const failures: string[] = [];
  for (const probe of PROBES) {
    const filePath = path.join(REPO_ROOT, probe.file);
    const computed = (await eslint.calculateConfigForFile(filePath)) as Linter.Config;
    const rules = Object.fromEntries(LAYER_RULES.filter((r) => computed.rules?.[r] !== undefined).map((r) => [r, computed.rules![r]!]));
    const messages = linter.verify(probe.text, [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, rules }], filePath);
    const found = messages.map((m) => m.ruleId ?? m.message);
    const ok = probe.refusedBy ? found.includes(probe.refusedBy) : found.length === 0;
    if (!ok) failures.push(`${probe.file}: \`${probe.text}\` should be ${probe.refusedBy ? `refused by ${probe.refusedBy}` : 'allowed'}; ESLint said [${found.join(', ')}]`);
  }
  return { passed: PROBES.length - failures.length, failures };
}
