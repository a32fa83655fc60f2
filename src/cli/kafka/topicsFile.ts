// The bodies of `upsun-kafka topics plan|apply|export|diff`: topics as code (docs/topics.md),
// loaded with the Kafka client when one of them runs.

import { existsSync, renameSync, writeFileSync } from 'fs';
import * as path from 'path';
import * as readline from 'readline';
import { FileRefusedError, readRegularFile } from '../../config/asyncFs';
import { loadProjectsIn } from '../../config/discover';
import { positionOf } from '../../config/positions';
import type { KafkaCluster } from '../../kafka/types';
import { applyPlan } from '../../topicsFile/apply';
import { compareClusters, differencesText, readClusterSide } from '../../topicsFile/compare';
import { exportedTopics, exportTopicsFile } from '../../topicsFile/export';
import { kafkaServicesOf, MAX_TOPICS_FILE_BYTES, parseTopicsFile, resolveTopics, type KafkaServices, type ResolvedTopic } from '../../topicsFile/file';
import { readLiveTopics } from '../../topicsFile/live';
import { changeText, planTopics, planText, type TopicPlan } from '../../topicsFile/plan';
import { PRODUCTION_TYPE } from '../../upsun/productionGuard';
import type { TopicsApplyFlags, TopicsDiffFlags, TopicsExportFlags, TopicsPlanFlags } from '../contract';
import { EXIT_CHANGES, EXIT_FAILED, EXIT_INTERRUPTED, UsageError } from '../exitCodes';
import { terminalJson, terminalText } from '../terminalText';
import { runKafkaCommand, withCluster, type Reached } from './connection';

/** The variable Upsun and Platform.sh set in an app container: the environment's type. */
const ENVIRONMENT_TYPE_VARIABLE = 'PLATFORM_ENVIRONMENT_TYPE';

export function topicsPlan(flags: TopicsPlanFlags, setExitCode: (code: number) => void): Promise<void> {
  return runKafkaCommand(setExitCode, async () => {
    const declared = await declaredTopics(flags);
    await withCluster(flags, async (cluster, reached) => {
      const environmentType = environmentTypeOf(flags, reached);
      const plan = await planAgainst(cluster, declared.topics(environmentType), flags);
      const target = targetName(flags, reached);
      process.stdout.write(flags.json ? `${terminalJson({ target, environmentType: environmentType ?? null, ...plan }, 2)}\n` : `${terminalText(planText(plan, target), { keepNewlines: true })}\n`);
      // What Kafka cannot do (fewer partitions, another replication factor) is reported, not a failure: apply would leave it as it is.
      if (flags.detailedExitcode && plan.changes.length > 0) setExitCode(EXIT_CHANGES);
    });
  });
}

export function topicsApply(flags: TopicsApplyFlags, setExitCode: (code: number) => void): Promise<void> {
  return runKafkaCommand(setExitCode, async () => {
    const declared = await declaredTopics(flags);
    // --yes answers apply's question here; with --environment it also opens the tunnel.
    const connection = flags.environment === undefined ? { ...flags, yes: undefined } : flags;
    await withCluster(connection, async (cluster, reached) => {
      const environmentType = environmentTypeOf(flags, reached);
      const plan = await planAgainst(cluster, declared.topics(environmentType), flags);
      const target = targetName(flags, reached);
      if (plan.changes.length === 0) {
        process.stdout.write(flags.json ? `${terminalJson({ target, applied: [], failed: null, notApplied: [], cancelled: false, impossible: plan.impossible }, 2)}\n` : `${terminalText(planText(plan, target), { keepNewlines: true })}\n`);
        return;
      }
      process.stderr.write(`${terminalText(planText(plan, target), { keepNewlines: true })}\n`);
      if (!(await confirmed(flags, target, environmentType === PRODUCTION_TYPE))) {
        process.stderr.write('Nothing applied.\n');
        return;
      }
      const abort = new AbortController();
      const stop = () => abort.abort();
      process.once('SIGINT', stop);
      try {
        const result = await applyPlan(cluster, plan, { signal: abort.signal, onChange: (text) => process.stderr.write(`${terminalText(text)}\n`) });
        if (flags.json) process.stdout.write(`${terminalJson({ target, ...result, failed: result.failed ?? null, impossible: plan.impossible }, 2)}\n`);
        else process.stdout.write(`${terminalText(resultText(result.applied.length, plan, result), { keepNewlines: true })}\n`);
        if (result.cancelled) setExitCode(EXIT_INTERRUPTED);
        // Only a change that failed fails the run: drift Kafka cannot undo is reported above, and a deploy hook goes on.
        else if (result.failed) setExitCode(EXIT_FAILED);
      } finally {
        process.off('SIGINT', stop);
      }
    });
  });
}

export function topicsExport(flags: TopicsExportFlags, setExitCode: (code: number) => void): Promise<void> {
  return runKafkaCommand(setExitCode, async () => {
    if (flags.output !== undefined && existsSync(flags.output) && !flags.force) throw new UsageError(`--output: ${flags.output} exists; pass --force to replace it`);
    // Checked before the cluster is read, so a long export does not end in ENOENT on its .partial file.
    if (flags.output !== undefined && !existsSync(path.dirname(path.resolve(flags.output)))) throw new UsageError(`--output: the folder ${path.dirname(flags.output)} does not exist; create it first, or name a file in a folder that exists`);
    const service = flags.fileService ?? flags.service ?? 'kafka';
    const version = (await kafkaServicesHere()).get(service);
    await withCluster(flags, async (cluster) => {
      const live = await readLiveTopics(cluster);
      const text = flags.json ? `${JSON.stringify(exportedTopics(service, live, version), null, 2)}\n` : exportTopicsFile(service, live, version);
      if (flags.output === undefined) {
        process.stdout.write(flags.json ? terminalJson(exportedTopics(service, live, version), 2) + '\n' : terminalText(text, { keepNewlines: true }));
        return;
      }
      // Written whole or not at all: a half-written topics file would plan deletions.
      const partial = `${flags.output}.partial`;
      writeFileSync(partial, text);
      renameSync(partial, flags.output);
      process.stderr.write(`Wrote ${terminalText(flags.output)}.\n`);
    });
  });
}

export function topicsDiff(flags: TopicsDiffFlags, setExitCode: (code: number) => void): Promise<void> {
  return runKafkaCommand(setExitCode, async () => {
    if (flags.againstEnvironment === undefined && flags.againstBrokers === undefined) throw new UsageError('say what to compare with: --against-environment ID or --against-brokers HOST:PORT');
    if (flags.againstEnvironment !== undefined && flags.service === undefined) throw new UsageError('--against-environment needs --service NAME: the Kafka service to compare');
    const other = flags.againstEnvironment !== undefined
      ? { ...flags, brokers: undefined, environment: flags.againstEnvironment }
      : { brokers: flags.againstBrokers, timeout: flags.timeout, tunnelCli: flags.tunnelCli };
    const left = await withCluster(flags, async (cluster, reached) => readClusterSide(cluster, reached.environment?.id ?? flags.environment ?? flags.brokers ?? flags.service ?? 'left'));
    const right = await withCluster(other, async (cluster, reached) => readClusterSide(cluster, reached.environment?.id ?? flags.againstBrokers ?? 'right'));
    const differences = compareClusters(left, right);
    process.stdout.write(flags.json ? `${terminalJson({ left: left.label, right: right.label, differences }, 2)}\n` : `${terminalText(differencesText(left, right, differences), { keepNewlines: true })}\n`);
  });
}

/** The file read and checked; each problem goes to stderr as `file:line:col: message [code]`, and any error stops the command. */
async function declaredTopics(flags: TopicsPlanFlags): Promise<{ topics: (environmentType: string | undefined) => ResolvedTopic[] }> {
  let text: string;
  try {
    text = (await readRegularFile(flags.file, MAX_TOPICS_FILE_BYTES)).toString('utf8');
  } catch (error) {
    const why = error instanceof FileRefusedError ? error.message : (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UsageError(`--file: cannot read ${flags.file}: ${why}`);
  }
  const kafkaServices = await kafkaServicesHere();
  const file = parseTopicsFile(text, kafkaServices.size > 0 ? kafkaServices : undefined);
  for (const p of file.problems) {
    const { line, character } = positionOf(file, p.start);
    process.stderr.write(`${terminalText(flags.file)}:${line + 1}:${character + 1}: ${p.severity}: ${terminalText(p.message)} [${p.code}]\n`);
  }
  const errors = file.problems.filter((p) => p.severity === 'error').length;
  if (errors > 0) throw new UsageError(`${flags.file} has ${errors === 1 ? 'an error' : `${errors} errors`}; nothing was read from or sent to a cluster`);
  const wanted = flags.fileService ?? flags.service;
  const names = file.services.map((s) => s.name);
  const service = wanted !== undefined ? file.services.find((s) => s.name === wanted) : file.services.length === 1 ? file.services[0] : undefined;
  if (!service) {
    throw new UsageError(wanted !== undefined
      ? `${flags.file} declares no topics for service "${wanted}" (it has ${names.join(', ') || 'none'}); name another with --file-service`
      : names.length === 0
        ? `${flags.file} declares no services: a topics file is \`services:\` with a Kafka service's name, its \`topics:\` and each topic's \`partitions:\` (see docs/topics.md, or write one from a cluster with \`upsun-kafka topics export\`)`
        : `${flags.file} declares ${names.length} services (${names.join(', ')}): pick one with --file-service or --service`);
  }
  return { topics: (environmentType) => resolveTopics(service, environmentType) };
}

/** The project's Kafka services in the current folder, name → version; empty outside a project. */
async function kafkaServicesHere(): Promise<KafkaServices> {
  return kafkaServicesOf(await loadProjectsIn(process.cwd()).catch(() => []));
}

function environmentTypeOf(flags: TopicsPlanFlags, reached: Reached): string | undefined {
  return flags.environmentType ?? reached.environment?.type ?? (process.env[ENVIRONMENT_TYPE_VARIABLE] || undefined);
}

function targetName(flags: TopicsPlanFlags, reached: Reached): string {
  const service = flags.service ?? flags.fileService ?? 'kafka';
  if (reached.environment) return `${service} on ${reached.environment.id}`;
  return flags.brokers !== undefined ? `${service} at ${flags.brokers}` : service;
}

async function planAgainst(cluster: KafkaCluster, declared: readonly ResolvedTopic[], flags: TopicsPlanFlags): Promise<TopicPlan> {
  return planTopics(declared, await readLiveTopics(cluster), { prune: flags.prune });
}

/**
 * Whether to go on: `--yes`, or a "y" typed at the terminal. A production environment is never
 * changed on a default: without --yes it asks, and without a terminal to ask on it refuses.
 */
async function confirmed(flags: TopicsApplyFlags, target: string, production: boolean): Promise<boolean> {
  if (flags.yes) return true;
  if (!process.stdin.isTTY) throw new UsageError(`apply changes ${target}${production ? ', a production environment,' : ''} without a terminal to confirm on: pass --yes`);
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await new Promise<string>((resolve) => rl.question(`Apply these changes to ${target}${production ? ' (PRODUCTION)' : ''}? [y/N] `, resolve));
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

function resultText(applied: number, plan: TopicPlan, result: Awaited<ReturnType<typeof applyPlan>>): string {
  const lines = [`Applied ${applied} of ${plan.changes.length} changes.`];
  if (result.cancelled) lines.push('Stopped by Ctrl+C.');
  if (result.failed) lines.push(`Failed: ${changeText(result.failed.change)}: ${result.failed.message}`);
  if (result.notApplied.length > 0) lines.push('Not applied:', ...result.notApplied.map((c) => `  ${changeText(c)}`));
  for (const { topic, reason } of plan.impossible) lines.push(`! ${topic} ${reason}`);
  return lines.join('\n');
}
