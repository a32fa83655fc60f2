// Apache Avro's and Google's protobuf Java libraries, and protoc, as the ground truth of the
// schema tests: the jars and protoc come from Maven Central (test/schemas/pom.xml), cached
// under .cache/schemas/<pom hash>/, and one JVM answers a test file's requests in turn
// (java/SchemaTruth.java says what each request does).

import { ChildProcessWithoutNullStreams, execFile, spawn } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createInterface } from 'readline';
import { REPO_ROOT } from '../harness/paths';

const POM = path.join(REPO_ROOT, 'test', 'schemas', 'pom.xml');
const TRUTH = path.join(REPO_ROOT, 'test', 'schemas', 'java', 'SchemaTruth.java');
/** Maven resolving the jars the first time on a cold ~/.m2. */
export const TRUTH_SETUP_MS = 600_000;

function run(command: string, args: readonly string[], timeoutMs: number, cwd?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, cwd }, (error, stdout, stderr) =>
      error ? reject(new Error(`${command} ${args.join(' ')}: ${error.message}\n${stderr}${stdout}`)) : resolve(stdout),
    );
  });
}

/**
 * The jars' classpath, protoc's path and an include folder with Google's well-known .proto
 * files (the protoc on Maven Central ships without them; protobuf-java's jar has them).
 */
async function tools(): Promise<{
  classpath: string;
  protoc: string;
  include: string;
}> {
  const hash = createHash('sha256')
    .update(await fs.readFile(POM))
    .digest('hex')
    .slice(0, 12);
  const dir = path.join(REPO_ROOT, '.cache', 'schemas', hash);
  const cpFile = path.join(dir, 'classpath.txt');
  const binDir = path.join(dir, 'bin');
  const cached = await fs.readFile(cpFile, 'utf8').catch(() => undefined);
  const protocName = async () => (await fs.readdir(binDir).catch(() => [] as string[])).find((f) => f.startsWith('protoc-'));
  let protoc = await protocName();
  if (
    !cached ||
    !protoc ||
    !cached
      .trim()
      .split(path.delimiter)
      .every((jar) => existsSync(jar))
  ) {
    await fs.mkdir(dir, { recursive: true });
    const partial = `${cpFile}.${process.pid}.tmp`;
    await run('mvn', ['-B', '-q', '-f', POM, '-DexcludeTypes=exe', `-Dmdep.outputFile=${partial}`, 'dependency:build-classpath'], TRUTH_SETUP_MS);
    await run('mvn', ['-B', '-q', '-f', POM, '-DincludeTypes=exe', `-DoutputDirectory=${binDir}`, 'dependency:copy-dependencies'], TRUTH_SETUP_MS);
    await fs.rename(partial, cpFile);
    protoc = await protocName();
    if (!protoc) throw new Error(`protoc was not copied to ${binDir}`);
  }
  const protocPath = path.join(binDir, protoc);
  await fs.chmod(protocPath, 0o755);
  const classpath = (await fs.readFile(cpFile, 'utf8')).trim();
  const include = path.join(dir, 'include');
  if (!existsSync(path.join(include, 'google', 'protobuf', 'timestamp.proto'))) {
    const jar = classpath.split(path.delimiter).find((j) => /protobuf-java-\d[^/]*\.jar$/.test(j));
    if (!jar) throw new Error('protobuf-java is not on the truth classpath');
    await fs.mkdir(include, { recursive: true });
    await run(
      'jar',
      [
        'xf',
        jar,
        'google/protobuf/timestamp.proto',
        'google/protobuf/duration.proto',
        'google/protobuf/wrappers.proto',
        'google/protobuf/struct.proto',
        'google/protobuf/field_mask.proto',
        'google/protobuf/empty.proto',
        'google/protobuf/any.proto',
      ],
      60_000,
      include,
    );
  }
  return { classpath, protoc: protocPath, include };
}

/** One JVM running SchemaTruth; `ask` sends a request and resolves with its answer. */
export class SchemaTruth {
  private readonly pending: ((line: string) => void)[] = [];
  private stderr = '';

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly protoc: string,
    private readonly include: string,
  ) {
    createInterface({ input: child.stdout }).on('line', (line) => this.pending.shift()?.(line));
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  static async start(): Promise<SchemaTruth> {
    const { classpath, protoc, include } = await tools();
    return new SchemaTruth(
      spawn('java', ['-cp', classpath, TRUTH], {
        stdio: ['pipe', 'pipe', 'pipe'],
      }),
      protoc,
      include,
    );
  }

  ask(request: Record<string, unknown>): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const exited = () => reject(new Error(`SchemaTruth exited: ${this.stderr}`));
      this.child.once('exit', exited);
      this.pending.push((line) => {
        this.child.off('exit', exited);
        const answer = JSON.parse(line) as Record<string, unknown>;
        if (typeof answer.error === 'string') reject(new Error(`Java: ${answer.error}`));
        else resolve(answer);
      });
      this.child.stdin.write(`${JSON.stringify(request)}\n`);
    });
  }

  /**
   * Avro's JSON encoding (unions as {"type": value}) to binary, written by Avro's
   * GenericDatumWriter; a string is sent as it is (JSON text with longs past 2^53).
   */
  async avroEncode(schema: unknown, avroJson: unknown): Promise<Buffer> {
    const answer = await this.ask({
      op: 'avroEncode',
      schema: JSON.stringify(schema),
      json: typeof avroJson === 'string' ? avroJson : JSON.stringify(avroJson),
    });
    return Buffer.from(answer.hex as string, 'hex');
  }

  /** Readable JSON of a datum as Avro's GenericDatumReader reads it (writer, and reader schema when given). */
  async avroDecode(bytes: Buffer, writer: unknown, reader?: unknown): Promise<unknown> {
    return (
      await this.ask({
        op: 'avroDecode',
        writer: JSON.stringify(writer),
        reader: reader === undefined ? null : JSON.stringify(reader),
        hex: bytes.toString('hex'),
      })
    ).value;
  }

  /**
   * protoc's descriptor set (imports included) for `files` written to a temporary folder,
   * `entry` compiled with that folder as the import path.
   */
  async descriptorSet(files: Record<string, string>, entry: string): Promise<string> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'schema-truth-'));
    try {
      for (const [name, text] of Object.entries(files)) {
        await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
        await fs.writeFile(path.join(dir, name), text);
      }
      const out = path.join(dir, 'set.pb');
      await run(this.protoc, [`-I${dir}`, `-I${this.include}`, '--include_imports', `--descriptor_set_out=${out}`, path.join(dir, entry)], 60_000);
      return (await fs.readFile(out)).toString('base64');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }

  /** protobuf-java's JsonFormat.parser(): canonical JSON to the message's bytes. */
  async protoEncode(descriptorSet: string, message: string, json: unknown): Promise<Buffer> {
    return Buffer.from(
      (
        await this.ask({
          op: 'protoEncode',
          descriptorSet,
          message,
          json: JSON.stringify(json),
        })
      ).hex as string,
      'hex',
    );
  }

  /** protobuf-java's JsonFormat.printer(): the canonical JSON of the bytes read as `message`. */
  async protoDecode(descriptorSet: string, message: string, bytes: Uint8Array): Promise<unknown> {
    return (
      await this.ask({
        op: 'protoDecode',
        descriptorSet,
        message,
        hex: Buffer.from(bytes).toString('hex'),
      })
    ).value;
  }

  stop(): void {
    this.child.stdin.end();
  }
}
