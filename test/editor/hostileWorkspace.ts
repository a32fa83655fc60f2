// The runner's side of the Restricted Mode suite: a copy of the sample project turned into a
// repository someone hostile could ship (settings naming /bin/sh as the CLI and brokers with
// SASL PLAIN and no TLS, a `tunnel:info` script, an `!include` out of the folder), a listener
// on 127.0.0.2 that logs every connection it gets, and the click on the trust editor's button.

import { appendFileSync, chmodSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'fs';
import * as net from 'net';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { copySampleProject } from '../harness/sampleWorkspace';
import { HostileWorkspace, TRUST_DONE_SUFFIX, TRUST_REQUEST_SUFFIX } from './protocol';

/** Another loopback address than the brokers': a connection to it comes from these settings only. */
const LISTENER_HOST = '127.0.0.2';
/** `.invalid` never resolves (RFC 6761), so nothing leaves the machine even when asked to. */
const REMOTE_HOST = 'kafka.hostile.invalid';

export interface RunningHostileWorkspace {
  readonly folder: string;
  readonly description: HostileWorkspace;
  stop(): Promise<void>;
}

/** Builds the hostile folder under `dir` and starts its listener. */
export async function createHostileWorkspace(dir: string): Promise<RunningHostileWorkspace> {
  mkdirSync(dir, { recursive: true });
  const folder = copySampleProject(path.join(dir, 'hostile-project'));
  const marker = path.join(dir, 'tunnel-info-ran');
  const connectionsLog = path.join(dir, 'listener-connections.log');
  writeFileSync(connectionsLog, '');
  const sockets = new Set<net.Socket>();
  // Accepts and never answers: enough to see that a connection was opened, and nothing more.
  const server = net.createServer((socket) => {
    appendFileSync(connectionsLog, `${new Date().toISOString()} from ${socket.remoteAddress}:${socket.remotePort}\n`);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, LISTENER_HOST, resolve));
  const listener = `${LISTENER_HOST}:${(server.address() as net.AddressInfo).port}`;

  // With `cli.path: /bin/sh`, `sh tunnel:info --encode --no-interaction` runs this file from
  // the project folder (the CLI's working directory).
  writeFileSync(path.join(folder, 'tunnel:info'), `#!/bin/sh\necho "ran as $0 $*" > '${marker}'\n`);
  chmodSync(path.join(folder, 'tunnel:info'), 0o755);
  // Outside the folder, pulled in by the config.
  writeFileSync(path.join(dir, 'outside.yaml'), 'env:\n  FROM_OUTSIDE: "read from outside the folder"\n');
  // Schema files: one that does not parse, and a .proto whose import is a link out of the folder.
  mkdirSync(path.join(folder, 'schemas'), { recursive: true });
  writeFileSync(path.join(folder, 'schemas', 'broken.avsc'), '{"type": "record", "name": "Order", "fields": [}\n');
  writeFileSync(path.join(dir, 'common.proto'), 'syntax = "proto3";\nmessage Common { string id = 1; }\n');
  symlinkSync(path.join(dir, 'common.proto'), path.join(folder, 'schemas', 'common.proto'));
  writeFileSync(path.join(folder, 'schemas', 'orders.proto'), 'syntax = "proto3";\nimport "common.proto";\nmessage Order { Common common = 1; }\n');
  const configFile = path.join(folder, '.upsun', 'config.yaml');
  const config = readFileSync(configFile, 'utf8')
    .replace(/^ {4}relationships:\n/m, '    variables: !include ../../outside.yaml\n    relationships:\n')
    .replace(/^services:\n/m, 'services:\n  events:\n    type: kafka:4.1\n  audit:\n    type: kafka:4.1\n');
  writeFileSync(configFile, config);
  const plain = { mechanism: 'plain', username: 'alice' };
  const settingsText = `${JSON.stringify(
    {
      'upsunKafka.cli.path': '/bin/sh',
      'upsunKafka.connections': {
        events: { brokers: [listener], sasl: plain },
        audit: { brokers: [`${REMOTE_HOST}:9092`], sasl: plain },
      },
      'upsunKafka.produce.confirmPatterns': [],
      'upsunKafka.connection.autoConnect': true,
      'upsunKafka.connection.timeoutSeconds': 2,
    },
    null,
    2,
  )}\n`;
  mkdirSync(path.join(folder, '.vscode'), { recursive: true });
  writeFileSync(path.join(folder, '.vscode', 'settings.json'), settingsText);
  return {
    folder,
    description: { marker, listener, connectionsLog, remoteHost: REMOTE_HOST, settingsText },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Clicks Trust in the workspace trust editor the suite opened, for each request it wrote. */
export async function serveTrustRequests(page: Page, requestDir: string, log: (line: string) => void): Promise<void> {
  for (const file of readdirSync(requestDir).filter((f) => f.endsWith(TRUST_REQUEST_SUFFIX))) {
    const name = file.slice(0, -TRUST_REQUEST_SUFFIX.length);
    rmSync(path.join(requestDir, file));
    // "Trust Folder" for a folder, "Trust" for a .code-workspace (VS Code's workspaceTrustEditor).
    const button = page.locator('.workspace-trust-editor .monaco-button', { hasText: /^\s*Trust( Folder)?\s*$/ }).first();
    try {
      await button.click({ timeout: 20_000 });
      log(`${name}: clicked Trust in the workspace trust editor`);
      writeFileSync(path.join(requestDir, `${name}${TRUST_DONE_SUFFIX}`), '');
    } catch (error) {
      writeFileSync(path.join(requestDir, `${name}${TRUST_DONE_SUFFIX}`), `could not click Trust: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
