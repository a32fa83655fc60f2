// "Compare Environments…" and "Export Topics File" on a Kafka service. Compare reads two
// clusters (two Upsun environments through tunnels of their own, or one and a connected
// service) and shows them side by side in VS Code's diff editor; Export writes the topics file
// from what a connected service has.

import * as path from 'path';
import * as vscode from 'vscode';
import { connectCluster } from '../../kafka/connect';
import type { KafkaCluster } from '../../kafka/types';
import { compareClusters, differencesText, readClusterSide, sideText, type ClusterSide } from '../../topicsFile/compare';
import { exportTopicsFile } from '../../topicsFile/export';
import { plural } from '../../text/count';
import { TOPICS_FILE_NAME } from '../../topicsFile/file';
import { readLiveTopics } from '../../topicsFile/live';
import { locateCli, UpsunError, whyNotConnectable, type EnvironmentConnection, type LocatedCli, type TunnelTarget, type UpsunEnvironment } from '../../upsun';
import { describeError } from '../../text/error';
import { pickService, type KeyedService } from '../connections/servicePick';
import type { PickItem } from '../prompter';
import { readLiveKafkaSettings } from '../settings';
import { explainRestricted, isTrusted } from '../workspaceTrust';
import type { PlanDeps } from './planCommands';
import { ReadOnlyDocuments } from './readOnlyDocuments';

export const COMPARE_COMMAND = 'upsunKafka.compareEnvironments';
export const EXPORT_COMMAND = 'upsunKafka.exportTopicsFile';

/** One side to read: an environment (a tunnel of our own) or a service connected now. */
type Side = { readonly kind: 'environment'; readonly environment: UpsunEnvironment } | { readonly kind: 'connected'; readonly service: KeyedService };

/** What the compare command returns (the editor tests read it). */
export interface Compared {
  readonly left: string;
  readonly right: string;
  readonly leftUri: string;
  readonly rightUri: string;
  readonly differences: string;
}

export class TopicsComparisons implements vscode.Disposable {
  private readonly documents = new ReadOnlyDocuments('upsun-kafka-compare');

  constructor(private readonly deps: PlanDeps) {}

  async compare(argument: unknown): Promise<Compared | undefined> {
    const { connections, environments, prompter } = this.deps;
    const service = await pickService(connections, prompter, argument, 'Compare the environments of which Kafka service?');
    if (!service) return undefined;
    const name = service.service.name;
    if (!isTrusted()) {
      await explainRestricted(`Comparing the environments of "${name}"`);
      return undefined;
    }
    const cli = locateCli(readLiveKafkaSettings().cliPath || undefined);
    const listed = await environments.listEnvironments(cli, service);
    if (!listed) return undefined;
    const connected = connections.services().filter((s) => connections.statusOf(s.key).state === 'connected');
    const items = (exclude?: string): PickItem<Side>[] => [
      ...listed.filter((e) => e.id !== exclude).map((e) => {
        const why = whyNotConnectable(e, cli.name);
        return { label: e.id, description: [e.title !== e.id ? e.title : '', e.type].filter(Boolean).join(' · '), detail: why ? `$(circle-slash) ${why}` : undefined, unavailable: why, value: { kind: 'environment' as const, environment: e } };
      }),
      ...connected.map((s) => {
        const status = connections.statusOf(s.key);
        return { label: `$(plug) ${s.service.name}`, description: `connected: ${status.environment?.id ?? status.brokers?.join(', ') ?? ''}`, value: { kind: 'connected' as const, service: s } };
      }),
    ];
    const left = await prompter.pick(items(), { title: `Compare "${name}": first environment`, placeholder: 'an Upsun environment or a connected service' });
    if (!left) return undefined;
    const right = await prompter.pick(items(left.kind === 'environment' ? left.environment.id : undefined), { title: `Compare "${name}" on ${labelOf(left)} with…`, placeholder: 'an Upsun environment or a connected service' });
    if (!right) return undefined;
    const target = left.kind === 'environment' || right.kind === 'environment' ? await environments.pickTarget(service) : undefined;
    if ((left.kind === 'environment' || right.kind === 'environment') && !target) return undefined;
    const sides: ClusterSide[] = [];
    for (const side of [left, right]) {
      const label = labelOf(side);
      try {
        const read = side.kind === 'connected' ? await this.readConnected(side.service, label) : await this.readEnvironment(cli, service, side.environment, target as TunnelTarget, label);
        if (!read) return undefined;
        sides.push(read);
      } catch (error) {
        if (error instanceof UpsunError && error.kind === 'cancelled') return undefined;
        throw new Error(`Could not read ${name} on ${label}${sides.length ? ` (${sides[0].label} was read)` : ''}: ${describeError(error)}`);
      }
    }
    const [l, r] = sides;
    const differences = differencesText(l, r, compareClusters(l, r));
    const leftUri = this.documents.show(`${name}-${l.label}.yaml`, sideText(l));
    const rightUri = this.documents.show(`${name}-${r.label}.yaml`, sideText(r));
    await vscode.commands.executeCommand('vscode.diff', leftUri, rightUri, `${name}: ${l.label} ↔ ${r.label}`);
    this.deps.log.info(`Compared ${name} on ${l.label} and ${r.label}:\n${differences}`);
    return { left: l.label, right: r.label, leftUri: leftUri.toString(), rightUri: rightUri.toString(), differences };
  }

  private readConnected(service: KeyedService, label: string): Promise<ClusterSide> {
    const cluster = this.deps.connections.clusterFor(service.key);
    if (!cluster) throw new Error(`"${service.service.name}" is not connected any more`);
    return readClusterSide(cluster, label);
  }

  /** A tunnel and a client of their own for the read, both closed after it (a tunnel found open stays open). */
  private async readEnvironment(cli: LocatedCli, service: KeyedService, environment: UpsunEnvironment, target: TunnelTarget, label: string): Promise<ClusterSide | undefined> {
    const connection: EnvironmentConnection | undefined = await this.deps.environments.openTunnel(cli, service, environment, target, false);
    if (!connection) return undefined;
    let cluster: KafkaCluster | undefined;
    try {
      cluster = await connectCluster({ ...connection.options, clientId: 'upsun-kafka-compare' });
      return await readClusterSide(cluster, label);
    } finally {
      await cluster?.disconnect().catch(() => undefined);
      await connection.tunnel.close();
    }
  }

  /** Export Topics File: the connected service's topics written as the project's topics file. */
  async exportFile(argument: unknown): Promise<vscode.Uri | undefined> {
    const { connections, prompter } = this.deps;
    const service = await pickService(connections, prompter, argument, 'Export the topics of which Kafka service?');
    if (!service) return undefined;
    const cluster = connections.clusterFor(service.key) ?? (await connections.connectKey(service.key));
    if (!cluster) return undefined;
    const file = vscode.Uri.file(path.join(service.project.root, TOPICS_FILE_NAME));
    const exists = await vscode.workspace.fs.stat(file).then(() => true, () => false);
    if (exists && !(await prompter.confirm(`Replace ${vscode.workspace.asRelativePath(file)}?`, `It is written again from the topics "${service.service.name}" has now; what the file declares today is lost unless it is committed.`, 'Replace'))) return undefined;
    const topics = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Reading the topics of "${service.service.name}"…` }, () => readLiveTopics(cluster));
    await vscode.workspace.fs.writeFile(file, Buffer.from(exportTopicsFile(service.service.name, topics, service.service.version)));
    await vscode.window.showTextDocument(file);
    void vscode.window.showInformationMessage(`Wrote ${plural(topics.length, 'topic')} of "${service.service.name}" to ${vscode.workspace.asRelativePath(file)}.`);
    return file;
  }

  dispose(): void {
    this.documents.dispose();
  }
}

function labelOf(side: Side): string {
  return side.kind === 'environment' ? side.environment.id : side.service.service.name;
}
