// "Upsun Kafka: Peek at Topic…": pick a service (connecting when needed) and a topic, then
// open its message view with the newest messages. One view per topic; peeking again at the
// same topic brings its view forward.

import * as vscode from 'vscode';
import type { KafkaCluster, PeekedMessage } from '../../kafka/types';
import { decodingCluster, type SchemaDecoder } from '../../schemas/decoder';
import type { ConnectionManager } from '../connections/connectionManager';
import { pickService, topicOf } from '../connections/servicePick';
import { pickTopic } from '../connections/topicPick';
import type { Prompter } from '../prompter';
import { readLiveKafkaSettings } from '../settings';
import { MessageDocuments } from './messageDocument';
import { PeekPanel } from './peekPanel';
import { onDidChangePeekTimeZone, readPeekTimeZone, savePeekTimeZone } from './peekTimeZone';

export const PEEK_COMMAND = 'upsunKafka.peek';

export interface PeekViewsDeps {
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  readonly connections: ConnectionManager;
  readonly prompter: Prompter;
  readonly resend: (serviceKey: string, message: PeekedMessage) => Promise<void>;
  /** The schema decoder for a topic of a service (src/vscode/schemas.ts). */
  readonly schemas: (service: string, topic: string) => Promise<SchemaDecoder>;
}

export class PeekViews implements vscode.Disposable {
  /** By `${serviceKey}\n${topic}`. */
  private readonly panels = new Map<string, PeekPanel>();
  private active: PeekPanel | undefined;
  private readonly statusWatch: vscode.Disposable;
  private readonly timeZoneWatch: vscode.Disposable;
  /** Messages opened in editor tabs ("Open" in a view). */
  readonly documents = new MessageDocuments();

  constructor(private readonly deps: PeekViewsDeps) {
    this.timeZoneWatch = onDidChangePeekTimeZone(() => {
      for (const panel of this.panels.values()) panel.refresh();
    });
    // A view follows only while its service stays connected (see PeekPanel.disconnected).
    this.statusWatch = deps.connections.onDidChange((key) => {
      const { state } = deps.connections.statusOf(key);
      if (state !== 'disconnected' && state !== 'error') return;
      for (const [id, panel] of this.panels) if (id.startsWith(`${key}\n`)) panel.disconnected();
    });
  }

  /** The command: `argument` may name `{ serviceKey, topic }` (the explorer passes its node). */
  async peek(argument?: unknown): Promise<void> {
    const { connections, prompter } = this.deps;
    const target = await pickService(connections, prompter, argument, 'Peek at a topic of which Kafka service?');
    if (!target) return;
    const cluster = await connections.connect(target.project, target.service);
    if (!cluster) return;
    const topic = topicOf(argument) ?? (await pickTopic(cluster, prompter, { title: `Peek at a topic of "${target.service.name}"` }))?.name;
    if (!topic) return;
    const id = `${target.key}\n${topic}`;
    const open = this.panels.get(id);
    if (open) {
      this.active = open;
      open.reveal();
      return open.loadNewest();
    }
    const decoder = await this.deps.schemas(target.service.name, topic);
    const decoding = (c: KafkaCluster | undefined) => (c === undefined ? undefined : decodingCluster(c, decoder));
    const panel = new PeekPanel(target.service.name, topic, readLiveKafkaSettings().peekDefaultCount, {
      extensionUri: this.deps.extensionUri,
      log: this.deps.log,
      cluster: async () => decoding(await connections.connectKey(target.key)),
      connected: () => decoding(connections.clusterFor(target.key)),
      resend: (message) => this.deps.resend(target.key, message),
      open: (message) => this.documents.open(target.service.name, message),
      timeZone: readPeekTimeZone,
      setTimeZone: savePeekTimeZone,
    });
    this.panels.set(id, panel);
    this.active = panel;
    panel.onDidDispose(() => {
      this.panels.delete(id);
      if (this.active === panel) this.active = undefined;
    });
    await panel.loadNewest();
  }

  /** The message view opened or brought forward last. */
  activePanel(): PeekPanel | undefined {
    return this.active;
  }

  dispose(): void {
    this.statusWatch.dispose();
    this.timeZoneWatch.dispose();
    this.documents.dispose();
    for (const panel of this.panels.values()) panel.dispose();
    this.panels.clear();
  }
}
