// Apicurio Registry's own OpenAPI document of its Confluent-compatible API (ccompat v7), as
// shipped inside io.apicurio:apicurio-registry-app on Maven Central, unpacked by Maven and
// cached under .cache/apicurio/<version>/. The registry itself cannot be run here (docs/schemas.md
// says why); its document is the contract the registry client is checked against.

import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '../harness/paths';

export const APICURIO_VERSION = '3.3.3';
const ENTRY = 'META-INF/resources/api-specifications/ccompat/v7/openapi.json';
/** Maven fetching the app's jar on a cold ~/.m2. */
export const SPEC_SETUP_MS = 300_000;

/** The parts of an OpenAPI 3.0 document the contract test reads. */
export interface OpenApi {
  readonly info: { readonly title: string; readonly version: string };
  readonly paths: Record<string, Record<string, Operation> | string>;
  readonly components: { readonly schemas: Record<string, unknown>; readonly responses: Record<string, Response> };
}

export interface Operation {
  readonly parameters?: readonly { readonly name: string; readonly in: string; readonly schema?: { readonly type?: string } }[];
  readonly responses: Record<string, Response | { readonly $ref: string }>;
}

export interface Response {
  readonly content?: Record<string, { readonly schema?: unknown; readonly example?: unknown; readonly examples?: Record<string, { readonly value: unknown }> }>;
}

/** The ccompat v7 document of Apicurio Registry APICURIO_VERSION. Throws when Maven cannot fetch the jar. */
export async function apicurioCcompatSpec(): Promise<OpenApi> {
  const dir = path.join(REPO_ROOT, '.cache', 'apicurio', APICURIO_VERSION);
  const file = path.join(dir, ...ENTRY.split('/'));
  const cached = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (cached !== undefined) return JSON.parse(cached) as OpenApi;
  const args = ['-B', '-q', 'dependency:unpack', `-Dartifact=io.apicurio:apicurio-registry-app:${APICURIO_VERSION}`, `-Dmdep.unpack.includes=${ENTRY}`, `-DoutputDirectory=${dir}`];
  await fs.mkdir(dir, { recursive: true });
  // Run in the cache folder: Maven without a pom leaves its plugin's markers in the current one.
  await new Promise<void>((resolve, reject) =>
    execFile('mvn', args, { timeout: SPEC_SETUP_MS, cwd: dir }, (error, stdout, stderr) => (error ? reject(new Error(`mvn ${args.join(' ')}: ${error.message}\n${stderr}${stdout}`)) : resolve())),
  );
  return JSON.parse(await fs.readFile(file, 'utf8')) as OpenApi;
}
