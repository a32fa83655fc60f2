// The topic and consumer group filter of each service, remembered in the workspace's state
// so it survives a reload of the window.

import * as vscode from 'vscode';
import { nameFilter, NameFilter } from '../../explorer/nameFilter';

const STATE_KEY = 'upsunKafka.explorer.filters';

export class FilterStore {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the key of the service whose filter changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  /** The filter as the user typed it; empty when there is none. */
  textOf(serviceKey: string): string {
    return this.all()[serviceKey] ?? '';
  }

  filterOf(serviceKey: string): NameFilter {
    return nameFilter(this.textOf(serviceKey));
  }

  async set(serviceKey: string, text: string): Promise<void> {
    const all = { ...this.all() };
    if (text.trim()) all[serviceKey] = text.trim();
    else delete all[serviceKey];
    await this.state.update(STATE_KEY, all);
    this.changed.fire(serviceKey);
  }

  private all(): Readonly<Record<string, string>> {
    return this.state.get<Record<string, string>>(STATE_KEY) ?? {};
  }

  dispose(): void {
    this.changed.dispose();
  }
}
