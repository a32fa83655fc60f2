// Validation speed: the engine on a generated large project (100 applications, 100 services,
// about 3,000 lines) and a typical 60-line one, against `yaml`'s own parse of the same text
// (the floor) and yaml-language-server validating the same files against the official Upsun
// JSON Schema, in the same run. Then large files as `upsun-kafka lint` meets them, each a whole
// process: routes and variables of 1 MiB, a 5 MB routes file and 64,000 variables (issue 24:
// under 1 s and 200 MB for 5 MB), against a process that only reads the file and runs `yaml`'s
// parseDocument on it (the floor) and one that runs yaml-language-server's validation with the
// official schema on it, with CPU time and peak resident memory: on a shared, loaded machine
// the wall-clock ratio swings, the CPU-time ratio much less.
//   npm run bench:validate   (BENCH_LARGE_RUNS=N for the whole-process runs, default 3;
//   BENCH_LARGE_ONLY=1 for those alone). For quick rounds, BENCH_VALIDATE_ONLY=routes5 (a
//   comma-separated list of large, typical, routes1, variables1, routes5, variables64k) runs
//   only those cases and leaves out yaml-language-server, whose runs take most of the 6 minutes
//   of a full one, unless the list also names `peer`. BENCH_VALIDATE_BASELINE=<another
//   dist/cli.js> runs that build's lint in the same turns, to compare a change with the code
//   before it on a loaded machine.

import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { getLanguageService } from 'yaml-language-server';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildProjectModel, MAX_CONFIG_FILE_BYTES } from '../src/config/buildModel';
import { validateProject } from '../src/validation/validate';
import { referenceDir, REPO_ROOT } from '../scripts/referenceDir';

const OFFICIAL_SCHEMA = path.join(referenceDir(), 'upsun-config.schema.json');
const RUNTIMES = ['nodejs:24', 'php:8.4', 'python:3.14', 'golang:1.26', 'ruby:3.4', 'java:21'];
const SERVICES = ['kafka:4.3', 'postgresql:17', 'mariadb:11.8', 'redis:8.0', 'opensearch:3', 'rabbitmq:4.3', 'valkey:8.1'];
/** Each service type's endpoint, as the registry names it. */
const ENDPOINTS: Record<string, string> = { kafka: 'kafka', postgresql: 'postgresql', mariadb: 'mysql', redis: 'redis', opensearch: 'opensearch', rabbitmq: 'rabbitmq', valkey: 'valkey' };

function largeProject(apps: number, services: number): string {
  const lines = ['applications:'];
  for (let i = 0; i < apps; i++) {
    lines.push(
      `  app${i}:`,
      `    type: "${RUNTIMES[i % RUNTIMES.length]}"`,
      '    source:',
      `      root: apps/app${i}`,
      '    relationships:',
      `      svc${i}:`,
      `      events: { service: svc${(i + 1) % services}, endpoint: ${ENDPOINTS[SERVICES[((i + 1) % services) % SERVICES.length].split(':')[0]]} }`,
      '    variables:',
      '      env:',
      `        APP_NAME: app${i}`,
      '        LOG_LEVEL: info',
      '    hooks:',
      '      build: |',
      '        set -e',
      '        make build',
      '      deploy: make migrate',
      '    mounts:',
      `      "var/cache": { source: storage, source_path: cache${i} }`,
      '    web:',
      '      commands:',
      `        start: ./bin/server --port $PORT --name app${i}`,
      '      locations:',
      '        "/":',
      '          passthru: true',
      '    crons:',
      '      cleanup:',
      `        spec: "*/${(i % 50) + 5} * * * *"`,
      '        commands:',
      '          start: ./bin/cleanup',
    );
  }
  lines.push('services:');
  for (let i = 0; i < services; i++) lines.push(`  svc${i}:`, `    type: ${SERVICES[i % SERVICES.length]}`, '    configuration: {}');
  lines.push('routes:', '  "https://{default}/":', '    type: upstream', '    upstream: "app0:http"', '  "https://www.{default}/":', '    type: redirect', '    to: "https://{default}/"');
  return lines.join('\n') + '\n';
}

const TYPICAL = `# A typical project: one app with Kafka and a database.
applications:
  backend:
    type: "nodejs:24"
    source:
      root: backend
    relationships:
      kafka:
      database: { service: db, endpoint: postgresql }
    variables:
      env:
        NODE_ENV: production
    hooks:
      build: |
        set -e
        npm ci
        npm run build
      deploy: npm run migrate
    mounts:
      "uploads":
        source: storage
        source_path: uploads
    web:
      commands:
        start: node dist/server.js
      locations:
        "/":
          passthru: true
    workers:
      consumer:
        commands:
          start: node dist/consumer.js
    crons:
      report:
        spec: "0 3 * * *"
        commands:
          start: node dist/report.js
services:
  kafka:
    type: kafka:4.3
  db:
    type: postgresql:17
    configuration:
      extensions:
        - pg_trgm
routes:
  "https://{default}/":
    type: upstream
    upstream: "backend:http"
    cache:
      enabled: false
  "https://www.{default}/":
    type: redirect
    to: "https://{default}/"
  "https://api.{default}/":
    type: upstream
    upstream: "backend:http"
`;

interface Stats {
  median: number;
  p95: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95) };
}

/**
 * Runs the contenders in turn, round after round, so that load from other processes on a
 * shared machine weighs on all of them alike.
 */
async function measure(runs: number, warmup: number, contenders: readonly (() => unknown)[]): Promise<Stats[]> {
  for (let i = 0; i < warmup; i++) for (const fn of contenders) await fn();
  const samples: number[][] = contenders.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [k, fn] of contenders.entries()) {
      const start = process.hrtime.bigint();
      await fn();
      samples[k].push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return samples.map(stats);
}

const SCHEMA_URI = 'file:///upsun.schema.json';
const PEER_FILE = '/project/.upsun/config.yaml';

function peer(schemaText: string) {
  const service = getLanguageService({
    // The official schema names the registry's version lists by URL; strings stand in for them offline.
    schemaRequestService: async (uri: string) => (uri === SCHEMA_URI ? schemaText : '{"type":"string"}'),
    workspaceContext: { resolveRelativePath: (relative: string, resource: string) => new URL(relative, resource).toString() },
  });
  service.configure({ validate: true, hover: false, completion: false, customTags: ['!include mapping', '!include scalar', '!archive scalar'], schemas: [{ uri: SCHEMA_URI, fileMatch: [PEER_FILE] }] });
  let version = 0;
  return async (text: string) => service.doValidation(TextDocument.create(`file://${PEER_FILE}`, 'yaml', ++version, text), false);
}

function engine(text: string) {
  return validateProject(buildProjectModel('/project', [{ path: '/project/.upsun/config.yaml', kind: 'upsun', text }]));
}

const fmt = (s: Stats) => `median ${s.median.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms`;

/** The cases BENCH_VALIDATE_ONLY names, or undefined for a complete run. */
const ONLY = process.env.BENCH_VALIDATE_ONLY ? new Set(process.env.BENCH_VALIDATE_ONLY.split(',').map((c) => c.trim())) : undefined;
const KNOWN_CASES = ['large', 'typical', 'routes1', 'variables1', 'routes5', 'variables64k', 'peer'];
const runs = (name: string) => !ONLY || ONLY.has(name);
const withPeer = !ONLY || ONLY.has('peer');

async function main(): Promise<void> {
  const unknown = [...(ONLY ?? [])].filter((c) => !KNOWN_CASES.includes(c));
  if (unknown.length > 0) throw new Error(`BENCH_VALIDATE_ONLY names no case ${unknown.join(', ')}: use ${KNOWN_CASES.join(', ')}`);
  if (runs('large')) await largeInProcess();
  if (runs('typical')) await typicalInProcess();
}

async function largeInProcess(): Promise<void> {
  const large = largeProject(100, 100);
  const validatePeer = peer(readFileSync(OFFICIAL_SCHEMA, 'utf8'));
  const largeLines = large.split('\n').length - 1;
  const problems = engine(large).filter((p) => p.severity === 'error' || p.severity === 'warning');
  // Both must really check: one misspelled key, and each reports it.
  const broken = large.replace('    relationships:', '    relationshps:');
  const caught = engine(broken).some((p) => p.code === 'unknown-key');
  if (!withPeer) {
    console.log(`large project: ${largeLines} lines, ${large.length} chars; errors/warnings: engine ${problems.length}; a misspelled key caught: engine ${caught}`);
    const [parse, full] = await measure(60, 10, [() => parseDocument(large), () => engine(large)]);
    console.log(`  yaml parseDocument (floor)          ${fmt(parse)}`);
    console.log(`  engine: model + validation          ${fmt(full)}  = ${(full.median / parse.median).toFixed(2)}x the floor (target <= 1.3x)`);
    return;
  }
  const peerProblems = await validatePeer(large);
  const peerCaught = (await validatePeer(broken)).some((d) => /relationshps/.test(d.message));
  console.log(`large project: ${largeLines} lines, ${large.length} chars; errors/warnings: engine ${problems.length}, yaml-language-server ${peerProblems.length}; a misspelled key caught: engine ${caught}, yaml-language-server ${peerCaught}`);
  const [parse, full, peerLarge] = await measure(60, 10, [() => parseDocument(large), () => engine(large), () => validatePeer(large)]);
  console.log(`  yaml parseDocument (floor)          ${fmt(parse)}`);
  console.log(`  engine: model + validation          ${fmt(full)}  = ${(full.median / parse.median).toFixed(2)}x the floor (target <= 1.3x)`);
  console.log(`  yaml-language-server + JSON Schema  ${fmt(peerLarge)}  = ${(peerLarge.median / full.median).toFixed(1)}x the engine`);
}

async function typicalInProcess(): Promise<void> {
  const typicalLines = TYPICAL.split('\n').length - 1;
  const contenders = withPeer ? [() => engine(TYPICAL), validatePeerOfficial()] : [() => engine(TYPICAL)];
  const [typicalEngine, typicalPeer] = await measure(500, 100, contenders);
  console.log(`typical project: ${typicalLines} lines`);
  console.log(`  engine: model + validation          ${fmt(typicalEngine)}  (target < 2 ms median)`);
  if (typicalPeer) console.log(`  yaml-language-server + JSON Schema  ${fmt(typicalPeer)}`);
}

function validatePeerOfficial(): () => Promise<unknown> {
  const validatePeer = peer(readFileSync(OFFICIAL_SCHEMA, 'utf8'));
  return () => validatePeer(TYPICAL);
}

/** `.upsun/config.yaml` with one app and routes until the text reaches `bytes`. */
function routesFile(bytes: number): string {
  const lines = ['applications:', '  app:', '    type: nodejs:24', '    web:', '      commands:', '        start: node server.js', 'routes:'];
  let size = lines.join('\n').length;
  for (let i = 0; size < bytes; i++) {
    const route = [`  "https://r${i}.{default}/":`, '    type: upstream', '    upstream: "app:http"', '    cache:', '      enabled: true', '      headers: [ "Accept", "Accept-Language" ]'];
    lines.push(...route);
    size += route.join('\n').length + 1;
  }
  return lines.join('\n') + '\n';
}

/** `.upsun/config.yaml` with one app holding `count` environment variables, or as many as fit in `maxBytes`. */
function variablesFile(count: number, maxBytes = Infinity): string {
  const lines = ['applications:', '  app:', '    type: nodejs:24', '    web:', '      commands:', '        start: node server.js', '    variables:', '      env:'];
  let size = lines.join('\n').length + 1;
  for (let i = 0; i < count; i++) {
    const line = `        VARIABLE_${i}: "value ${i}"`;
    if (size + line.length + 1 > maxBytes) break;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n') + '\n';
}

/** A preloaded script that writes the process's peak resident memory (KB) and CPU time (µs) to stderr as it exits. */
const RSS_PRELOAD = "process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeSync(2, '\\nmaxrss ' + u.maxRSS + ' cpu ' + (u.userCPUTime + u.systemCPUTime) + '\\n'); });";

interface ProcessRun {
  readonly ms: number;
  readonly cpuMs: number;
  readonly rssMb: number;
}

function runProcess(args: readonly string[], preload: string, okStatus: readonly number[]): ProcessRun {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['-r', preload, ...args], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status === null || !okStatus.includes(run.status)) throw new Error(`node ${args.join(' ')} exited ${run.status ?? run.signal}: ${run.stderr}`);
  const usage = /maxrss (\d+) cpu (\d+)/.exec(run.stderr);
  return { ms, cpuMs: usage ? Number(usage[2]) / 1000 : NaN, rssMb: usage ? Number(usage[1]) / 1024 : NaN };
}

/** Whole processes, taking turns: `upsun-kafka lint` (dist/cli.js) and `yaml`'s parse of the same file. */
function largeFiles(): void {
  const rounds = Number(process.env.BENCH_LARGE_RUNS) || 3;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-validate-'));
  try {
    const preload = path.join(dir, 'rss.js');
    writeFileSync(preload, RSS_PRELOAD);
    const floor = path.join(dir, 'floor.js');
    // The floor does what any checker must: read the file and parse it once, positions included.
    writeFileSync(floor, `const { parseDocument, LineCounter } = require(${JSON.stringify(require.resolve('yaml'))});\nparseDocument(require('fs').readFileSync(process.argv[2], 'utf8'), { lineCounter: new LineCounter(), uniqueKeys: false });\n`);
    // yaml-language-server as the YAML extension runs it: the file validated against the official schema.
    const peerScript = path.join(dir, 'peer.js');
    writeFileSync(
      peerScript,
      `const { getLanguageService } = require(${JSON.stringify(require.resolve('yaml-language-server'))});\n` +
        `const { TextDocument } = require(${JSON.stringify(require.resolve('vscode-languageserver-textdocument'))});\n` +
        `const schema = require('fs').readFileSync(${JSON.stringify(OFFICIAL_SCHEMA)}, 'utf8');\n` +
        `const service = getLanguageService({ schemaRequestService: async (uri) => (uri === ${JSON.stringify(SCHEMA_URI)} ? schema : '{"type":"string"}'), workspaceContext: { resolveRelativePath: (r, b) => new URL(r, b).toString() } });\n` +
        `service.configure({ validate: true, hover: false, completion: false, customTags: ['!include mapping', '!include scalar', '!archive scalar'], schemas: [{ uri: ${JSON.stringify(SCHEMA_URI)}, fileMatch: [${JSON.stringify(PEER_FILE)}] }] });\n` +
        `service.doValidation(TextDocument.create('file://${PEER_FILE}', 'yaml', 1, require('fs').readFileSync(process.argv[2], 'utf8')), false).then((d) => { if (!Array.isArray(d)) process.exit(3); });\n`,
    );
    const cli = path.join(REPO_ROOT, 'dist', 'cli.js');
    const cases = [
      ['routes1', 'routes, 1 MiB', () => routesFile(1024 * 1024 - 200)],
      ['variables1', 'variables, 1 MiB', () => variablesFile(Infinity, 1024 * 1024)],
      ['routes5', '5 MB of routes', () => routesFile(5 * 1024 * 1024)],
      ['variables64k', '64,000 variables', () => variablesFile(64_000)],
    ] as const;
    const inputs = cases.filter(([name]) => runs(name)).map(([, label, text]) => [label, text()] as const);
    const baseline = process.env.BENCH_VALIDATE_BASELINE ? path.resolve(process.env.BENCH_VALIDATE_BASELINE) : undefined;
    if (inputs.some(([, text]) => Buffer.byteLength(text) > MAX_CONFIG_FILE_BYTES)) throw new Error('an input is over the loader\'s size budget: it would not be checked');
    console.log(`whole processes; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`);
    for (const [label, text] of inputs) {
      const project = path.join(dir, label.replace(/\W+/g, '-'));
      mkdirSync(path.join(project, '.upsun'), { recursive: true });
      const file = path.join(project, '.upsun', 'config.yaml');
      writeFileSync(file, text);
      const lint: ProcessRun[] = [];
      const parse: ProcessRun[] = [];
      const peerRuns: ProcessRun[] = [];
      const baselineRuns: ProcessRun[] = [];
      for (let i = 0; i < rounds; i++) {
        parse.push(runProcess([floor, file], preload, [0]));
        lint.push(runProcess([cli, 'lint', project], preload, [0, 1]));
        if (baseline) baselineRuns.push(runProcess([baseline, 'lint', project], preload, [0, 1]));
        if (withPeer) peerRuns.push(runProcess([peerScript, file], preload, [0]));
      }
      const med = (list: ProcessRun[], key: keyof ProcessRun) => [...list.map((r) => r[key])].sort((a, b) => a - b)[Math.floor(list.length / 2)];
      console.log(`${label}: ${(text.length / 1024 / 1024).toFixed(2)} MB, ${text.split('\n').length - 1} lines, ${rounds} runs each, taking turns`);
      const row = (name: string, runs: ProcessRun[]) => `  ${name.padEnd(36)} median ${med(runs, 'ms').toFixed(0)} ms wall, ${med(runs, 'cpuMs').toFixed(0)} ms CPU, peak ${med(runs, 'rssMb').toFixed(0)} MB resident`;
      console.log(row('node + yaml parseDocument (floor)', parse));
      console.log(`${row('upsun-kafka lint (whole process)', lint)}  = ${(med(lint, 'ms') / med(parse, 'ms')).toFixed(2)}x the floor's wall time, ${(med(lint, 'cpuMs') / med(parse, 'cpuMs')).toFixed(2)}x its CPU (target <= 1.3x), ${(med(lint, 'rssMb') / med(parse, 'rssMb')).toFixed(2)}x its memory`);
      if (baseline) console.log(`${row('baseline lint (the other build)', baselineRuns)}  = ${(med(baselineRuns, 'cpuMs') / med(lint, 'cpuMs')).toFixed(2)}x lint's CPU`);
      if (withPeer) console.log(`${row('yaml-language-server + JSON Schema', peerRuns)}  = ${(med(peerRuns, 'cpuMs') / med(lint, 'cpuMs')).toFixed(2)}x lint's CPU`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

(process.env.BENCH_LARGE_ONLY ? Promise.resolve() : main()).then(largeFiles).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
