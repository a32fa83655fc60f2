// A Kafka service's row says how its connection stands: a failed connection (also one tried on
// open, which shows no pop-up) is a short note on the row and the whole message in its tooltip.

import * as assert from 'assert';
import { buildProjectModel } from '../../src/config/buildModel';
import { buildDeclaredTree, ServiceStatus } from '../../src/explorer/declaredTree';
import type { ServiceNode } from '../../src/explorer/nodes';
import { renderedMarkdown } from '../harness/markdown';

const TEXT = `services:
  kafka:
    type: kafka:4.3
`;

function kafkaRow(status: ServiceStatus): ServiceNode {
  const project = buildProjectModel('/p', [{ path: '/p/.upsun/config.yaml', kind: 'upsun', text: TEXT }]);
  const tree = buildDeclaredTree([project], { statusOf: () => status });
  const find = (nodes: readonly unknown[]): ServiceNode | undefined => {
    for (const node of nodes as { kind: string; children?: unknown[] }[]) {
      if (node.kind === 'service') return node as unknown as ServiceNode;
      const inner = find(node.children ?? []);
      if (inner) return inner;
    }
    return undefined;
  };
  const row = find(tree.roots);
  assert.ok(row, 'no service row');
  return row;
}

describe('service row: connection status', () => {
  it('shows a failure as a note, with the message only in the tooltip', () => {
    const message = 'Could not connect to Kafka: 127.0.0.1:30000 did not answer within 2 s. Check the network or VPN; raise the connection timeout for a slow link.';
    const row = kafkaRow({ connected: false, notes: ['not connected: failed'], detail: message });
    assert.strictEqual(row.description, 'kafka:4.3 · not connected: failed');
    assert.ok(renderedMarkdown(row.tooltip ?? '').text.endsWith(`not connected: failed\n${message}`), row.tooltip);
    assert.strictEqual(row.contextValue, 'kafka');
  });

  it('keeps the description short when connected, and names brokers and source in the tooltip', () => {
    const row = kafkaRow({ connected: true, brokers: ['10.0.0.1:9092', '10.0.0.2:9092'], source: 'PLATFORM_RELATIONSHIPS (relationship "kafka")' });
    assert.strictEqual(row.description, 'kafka:4.3');
    assert.ok(renderedMarkdown(row.tooltip ?? '').text.trimEnd().endsWith('Connected to 10.0.0.1:9092, 10.0.0.2:9092 (brokers from PLATFORM_RELATIONSHIPS (relationship "kafka")).'), row.tooltip);
    assert.strictEqual(row.contextValue, 'cluster');
  });

  it('says connected to screen readers, which do not see the dot', () => {
    assert.strictEqual(kafkaRow({ connected: true, notes: ['shop-eu (production)'] }).accessibilityLabel, 'kafka, kafka:4.3, shop-eu (production), connected');
    assert.strictEqual(kafkaRow({ connected: false, notes: ['not connected: failed'] }).accessibilityLabel, undefined);
  });
});
