// How long completion and hover take on a large project (100 applications, 100 services,
// about 3,000 lines) and a typical one, per request, as the editor asks on a keystroke.
//   npm run compile && node out/bench/completion.js

import { performance } from 'perf_hooks';
import { parseDocument } from 'yaml';
import { buildProjectModel } from '../src/config/buildModel';
import { completionsAt } from '../src/language/completions';
import { hoverAt } from '../src/language/hovers';

const FILE = '/bench/.upsun/config.yaml';
const RUNS = 100;

function project(apps: number, services: number): string {
  const lines = ['applications:'];
  for (let a = 0; a < apps; a++) {
    lines.push(`  app${a}:`, '    type: nodejs:24', '    source:', `      root: app${a}`, '    relationships:');
    for (let r = 0; r < 5; r++) lines.push(`      rel${r}: { service: svc${(a + r) % services}, endpoint: kafka }`);
    lines.push('    web:', '      commands:', '        start: node server.js', '    mounts:', "      'tmp': { source: storage }");
    lines.push('    hooks:', '      build: npm ci', '    variables:', '      env:', `        APP: app${a}`);
  }
  lines.push('services:');
  for (let s = 0; s < services; s++) lines.push(`  svc${s}:`, '    type: kafka:4.3', '    configuration: {}');
  return `${lines.join('\n')}\n`;
}

function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(2);
  return `median ${at(0.5)} ms, p95 ${at(0.95)} ms`;
}

function measure(label: string, text: string): void {
  const model = buildProjectModel('/bench', [{ path: FILE, kind: 'upsun', text }]);
  const lastType = text.lastIndexOf('type: kafka:') + 'type: kafka:'.length;
  const relationship = text.indexOf('rel0:') + 2;
  const time = (f: () => unknown) => Array.from({ length: RUNS }, () => {
    const start = performance.now();
    f();
    return performance.now() - start;
  });
  const lines = text.split('\n').length - 1;
  console.log(`${label} (${lines} lines)`);
  // Completion parses the text once with a marker at the cursor: \`yaml\`'s own parse is its floor.
  console.log(`  yaml parseDocument (floor):   ${stats(time(() => parseDocument(text)))}`);
  console.log(`  completion of kafka versions: ${stats(time(() => completionsAt(model, FILE, lastType)))}`);
  console.log(`  hover on a relationship:      ${stats(time(() => hoverAt(model, FILE, relationship)))}`);
}

measure('large project', project(100, 100));
measure('typical project', project(2, 2));
