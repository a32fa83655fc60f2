// Names and texts from a broker or a config file in tree tooltips and hovers: rendered, they
// show as the text they are, with no image (fetched on hover), link, HTML or code span of theirs.

import * as assert from 'assert';
import { buildProjectModel } from '../../src/config/buildModel';
import { buildDeclaredTree } from '../../src/explorer/declaredTree';
import { groupNodes, topicNodes } from '../../src/explorer/liveTree';
import { nameFilter } from '../../src/explorer/nameFilter';
import type { ExplorerNode } from '../../src/explorer/nodes';
import { loadSettings, settingNode, settingsNode } from '../../src/explorer/topicSettingsTree';
import type { KafkaCluster } from '../../src/kafka/types';
import { hoverAt } from '../../src/language/hovers';
import { renderedMarkdown } from '../harness/markdown';

const IMAGE = '![x](https://evil.example/track.png)';
const HTML = '<img src=https://evil.example/t.png>';
const HOSTILE = `a${IMAGE}${HTML}[link](https://evil.example) **b** \`c\` | d`;
const all = { filter: nameFilter(''), filterText: '', showInternal: false };

/** Renders `markdown` and checks it holds no element the text brought, and shows `expected` verbatim. */
function assertInert(markdown: string | undefined, ...expected: string[]): void {
  const { html, text } = renderedMarkdown(markdown ?? '');
  assert.doesNotMatch(html, /<img|<a |<strong>b|<code>c</, html);
  for (const e of expected) assert.ok(text.includes(e), `${JSON.stringify(e)} not shown in:\n${text}`);
}

describe('tooltips and hovers show names and texts as text', () => {
  it('a consumer group: its id, type, state, assignor, note, members and topics', () => {
    const member = { memberId: `m${IMAGE}`, clientId: `c${IMAGE}`, clientHost: `h${IMAGE}`, assignment: [{ topic: `t${IMAGE}`, partitions: [0] }] };
    const group = { groupId: HOSTILE, type: `odd${IMAGE}`, state: `Stable${IMAGE}`, members: 1, memberList: [member], assignor: `a${IMAGE}`, note: `n${IMAGE}`, lag: [{ topic: `t${IMAGE}`, lag: '1', timeLagMs: null, partitions: [] }] };
    const [node] = groupNodes('svc/groups', 'key', [group], all.filter, '');
    assertInert(node.tooltip, HOSTILE, `Stable${IMAGE}, 1 member, assignor a${IMAGE}`, `⚠ n${IMAGE}`, `c${IMAGE} on h${IMAGE}: t${IMAGE}:0`, `t${IMAGE}: lag 1`);
    const memberRow = node.kind === 'group' ? node.children.find((c) => c.kind === 'member') : undefined;
    assertInert(memberRow?.tooltip, `m${IMAGE}`, `of ${HOSTILE}: c${IMAGE} on h${IMAGE}: t${IMAGE}:0`);
  });

  it('a topic and its settings: name, value, type and the broker\'s documentation', () => {
    const [topic] = topicNodes('svc/topics', 'key', [{ name: HOSTILE, internal: false, messageCount: '0', partitions: [] }], all);
    assertInert(topic.tooltip, HOSTILE);
    const settings = settingsNode('svc/topics/t', 'key', HOSTILE);
    assertInert(settings.tooltip, `The settings of ${HOSTILE}:`);
    const setting = settingNode(settings, { name: `x${IMAGE}`, value: `v\`${IMAGE}`, source: 'topic', readOnly: false, sensitive: false, type: 'string', documentation: `Docs ${HTML} ${IMAGE}`, synonyms: [] });
    assertInert(setting.tooltip, `x${IMAGE}:`, `Raw value: v\`${IMAGE}, string`, `Docs ${HTML} ${IMAGE}`);
  });

  it('a failure message from the broker', async () => {
    const cluster = { describeTopicConfig: () => Promise.reject(new Error(`Broker said ${HTML} ${IMAGE}`)) } as unknown as KafkaCluster;
    const [row] = await loadSettings(cluster, settingsNode('svc/topics/t', 'key', 't'));
    assert.strictEqual(row.kind, 'message');
    assertInert(row.tooltip, `Broker said ${HTML} ${IMAGE}`, 'Refresh to try again.');
  });

  it('a declared service, its relationship, the connection\'s notes, and the hovers', () => {
    const name = 'q`![x](https://evil.example/t.png)';
    const text = `applications:\n  app:\n    type: nodejs:22\n    relationships:\n      events: { service: "${name}", endpoint: kafka }\nservices:\n  "${name}":\n    type: kafka:4.1\n`;
    const project = buildProjectModel('/p', [{ path: '/p/.upsun/config.yaml', kind: 'upsun', text }]);
    const walk = (nodes: readonly ExplorerNode[]): ExplorerNode[] => nodes.flatMap((n) => [n, ...walk(((n as { children?: ExplorerNode[] }).children ?? []))]);
    const nodes = walk(buildDeclaredTree([project], { statusOf: () => ({ connected: false, notes: [`failed ${IMAGE}`], detail: `Broker said ${HTML}` }) }).roots);
    const service = nodes.find((n) => n.kind === 'service')!;
    assertInert(service.tooltip, name, `failed ${IMAGE}`, `Broker said ${HTML}`);
    const binding = nodes.find((n) => n.kind === 'binding')!;
    assertInert(binding.tooltip, `"service": "${name}"`);
    const hover = hoverAt(project, '/p/.upsun/config.yaml', text.indexOf(name) + 2)!;
    assertInert(hover.markdown, `Relationship events of app`, `To service ${name} (kafka:4.1)`);
    const serviceHover = hoverAt(project, '/p/.upsun/config.yaml', text.lastIndexOf(name) + 2)!;
    assertInert(serviceHover.markdown, `Service ${name}: kafka:4.1`);
  });
});
