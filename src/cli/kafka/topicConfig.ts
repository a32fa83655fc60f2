// The body of `upsun-kafka topics config`, loaded with the Kafka client when the command runs.

import type { TopicConfigEntry } from '../../kafka/types';
import { entryValue, orderedSettings, sourceTag } from '../../kafka/topicSettings/edit';
import type { TopicConfigFlags } from '../contract';
import { terminalJson, terminalText } from '../terminalText';
import { runKafkaCommand, withCluster } from './connection';

export function topicConfig(flags: TopicConfigFlags, setExitCode: (code: number) => void): Promise<void> {
  return runKafkaCommand(setExitCode, async () => {
    await withCluster(flags, async (cluster) => {
      const entries = orderedSettings(await cluster.describeTopicConfig(flags.topic));
      process.stdout.write(flags.json ? `${terminalJson(entries.map(jsonEntry), 2)}\n` : table(entries));
    });
  });
}

/** `value` exactly as the broker sent it (ms, bytes), `readable` as the editor shows it. */
function jsonEntry(e: TopicConfigEntry) {
  return { name: e.name, value: e.value, readable: entryValue(e), source: e.source, readOnly: e.readOnly, sensitive: e.sensitive, type: e.type };
}

/** Three aligned columns; the raw value in brackets when the readable one differs. */
function table(entries: readonly TopicConfigEntry[]): string {
  const rows = entries.map((e) => {
    const shown = entryValue(e);
    const raw = e.value !== null && e.value !== '' && e.value !== shown && !e.sensitive ? ` [${e.value}]` : '';
    const notes = [e.readOnly ? 'read-only' : '', e.sensitive ? 'sensitive' : ''].filter(Boolean).join(', ');
    return [terminalText(e.name), terminalText(shown + raw), sourceTag(e.source) + (notes ? `, ${notes}` : '')];
  });
  const width = (column: number) => Math.max(...rows.map((r) => r[column].length));
  const [w0, w1] = [width(0), width(1)];
  return rows.map(([name, value, source]) => `${name.padEnd(w0)}  ${value.padEnd(w1)}  ${source}\n`).join('');
}
