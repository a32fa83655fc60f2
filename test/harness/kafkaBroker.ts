// Starts a real Apache Kafka broker (one KRaft node, broker and controller in one JVM) from the
// official jars on Maven Central. The one launcher behind the Kafka test level, `npm run kafka`,
// `npm start` and the editor tests. Plain Node: no `vscode` import.

import { ChildProcess, execFile, spawn } from 'child_process';
import { createHash, randomBytes } from 'crypto';
import { createWriteStream, existsSync, mkdtempSync, promises as fs, rmSync, WriteStream } from 'fs';
import { Kafka, logLevel } from 'kafkajs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { createInterface } from 'readline';
import { REPO_ROOT } from './paths';
import { freePorts } from './ports';
import { killOnProcessEnd } from './processEnd';

/** The Kafka version the harness runs; Upsun offers kafka:4.3 and kafka:4.1. */
export const KAFKA_VERSION = process.env.KAFKA_VERSION || '4.3.1';

/** `host:port[,host:port…]` of a broker that is already running; test levels then start none. */
export const KAFKA_BROKERS_ENV = 'KAFKA_BROKERS';

/**
 * Whether this process was started with KAFKA_BROKERS set, read once at load: a level exports
 * the variable to its test files later, whether or not it started the broker itself.
 */
export const BROKERS_GIVEN = Boolean(process.env[KAFKA_BROKERS_ENV]?.trim());

const POM = path.join(REPO_ROOT, 'test', 'kafka', 'pom.xml');
// Generous: a broker starts in 5 s on an idle 2-core machine, but took over 90 s once with six other
// engineers' test runs sharing it (load average 18).
const START_TIMEOUT_MS = 180_000;
const STOP_GRACE_MS = 15_000;
const MAVEN_TIMEOUT_MS = 10 * 60_000;
const LOG_TAIL_LINES = 30;
const NODE_ID = 1;
/** Heap of a broker alone, and of each node of a cluster: three JVMs share this machine's cores. */
const HEAP = { alone: '-Xmx512m', inCluster: '-Xmx256m' };

export interface BrokerOptions {
  /** Defaults to `KAFKA_VERSION`. */
  readonly version?: string;
  /** Host in `advertised.listeners`; the broker still listens on 127.0.0.1 only. */
  readonly advertisedHost?: string;
  /** Port in `advertised.listeners` (e.g. 9092, as on Upsun); the broker's own port by default. */
  readonly advertisedPort?: number;
  /** Added to, or overriding, the generated `server.properties`. */
  readonly extraProperties?: Readonly<Record<string, string>>;
  /** Every line the broker prints; they always go to `logFile` as well. */
  readonly log?: (line: string) => void;
  /** The launcher's own few progress lines; stderr by default. */
  readonly progress?: (line: string) => void;
  /** Called when the broker exits without `stop()`, e.g. after a crash. */
  readonly onUnexpectedExit?: (error: Error) => void;
  /** From formatting the storage (or from `start()`) to accepting requests; 180 s by default. */
  readonly startTimeoutMs?: number;
  /**
   * Also a SASL_PLAINTEXT listener (PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 for one user) and
   * an SSL listener whose certificate the JDK's `keytool` makes when the broker is formatted.
   */
  readonly secured?: boolean;
  /** The JVM's largest heap (`-Xmx1g`); 512 MB by default (256 MB a node in a cluster), too little for tens of thousands of partitions. */
  readonly heap?: string;
  /**
   * Where the broker's temporary folder (config, data, log) is made; `os.tmpdir()` by default.
   * On a tmpfs (`/dev/shm`) the fsyncs a broker makes for every partition it creates (its
   * leader-epoch checkpoint, `partition.metadata`) cost nothing: tens of thousands of
   * partitions are ready in a fraction of the time.
   */
  readonly tempRoot?: string;
}

/** The secured listeners of a broker started with `secured`. */
export interface SecuredListeners {
  /** SASL_PLAINTEXT bootstrap address, `127.0.0.1:PORT`. */
  readonly saslBrokers: string;
  /** SSL bootstrap address; the certificate names 127.0.0.1 and localhost. */
  readonly sslBrokers: string;
  /** PEM of the self-signed certificate the SSL listener presents: the CA to trust. */
  readonly caFile: string;
  /** The one user, known to all three SASL mechanisms. */
  readonly username: string;
  readonly password: string;
}

export interface RunningBroker {
  /** Bootstrap address, `127.0.0.1:PORT`. */
  readonly brokers: string;
  readonly port: number;
  readonly version: string;
  /** Temporary folder with `server.properties`, the data in `data/` and `broker.log`. */
  readonly dir: string;
  readonly logFile: string;
  readonly running: boolean;
  /** This node's id in the cluster: 1 for a broker alone. */
  readonly nodeId: number;
  /** With `secured`. */
  readonly secured?: SecuredListeners;
  /**
   * SIGTERM, SIGKILL after 15 s. Removes `dir` unless `keepData`, which leaves the broker
   * ready for `start()`, as for a broker that goes away in the middle of a session.
   */
  stop(options?: { keepData?: boolean }): Promise<void>;
  /** After `stop({ keepData: true })`: the same broker again, on the same port, with its data. */
  start(): Promise<void>;
}

export async function startBroker(options: BrokerOptions = {}): Promise<RunningBroker> {
  const version = options.version ?? KAFKA_VERSION;
  const progress = options.progress ?? ((line: string) => process.stderr.write(line + '\n'));
  const classpath = await resolveClasspath(version, progress);
  const [port, controllerPort, saslPort, sslPort] = await freePorts(4);
  const node: NodeSetup = { id: NODE_ID, clusterId: newClusterId(), heap: options.heap ?? HEAP.alone, controllerPort, saslPort, sslPort };
  // Before 3.9 (KIP-853) a controller quorum is a fixed list of voters, given in the config.
  if (!dynamicQuorum(version)) node.voters = `${NODE_ID}@127.0.0.1:${controllerPort}`;
  const broker = new Broker(version, classpath, port, node, options, progress);
  try {
    const started = Date.now();
    await broker.format();
    await broker.start(started);
  } catch (error) {
    await broker.stop();
    throw error;
  }
  return broker;
}

export interface RunningCluster {
  /** Bootstrap addresses of every node, `127.0.0.1:PORT,…`. */
  readonly brokers: string;
  readonly nodes: readonly RunningBroker[];
  readonly version: string;
  /** Stops every node and removes their folders. */
  stop(): Promise<void>;
}

/**
 * A KRaft cluster of `nodes` JVMs on loopback, each broker and controller at once, with a
 * fixed quorum of all of them and small heaps. Internal topics are replicated to every node,
 * so the cluster goes on serving with one node stopped.
 */
export async function startCluster(options: BrokerOptions & { readonly nodes: number }): Promise<RunningCluster> {
  const version = options.version ?? KAFKA_VERSION;
  const progress = options.progress ?? ((line: string) => process.stderr.write(line + '\n'));
  const classpath = await resolveClasspath(version, progress);
  const ports = await freePorts(options.nodes * 4);
  const clusterId = newClusterId();
  const voters = Array.from({ length: options.nodes }, (_, i) => `${i + 1}@127.0.0.1:${ports[i * 4 + 1]}`).join(',');
  const replication = String(Math.min(3, options.nodes));
  const extraProperties = {
    'offsets.topic.replication.factor': replication,
    'transaction.state.log.replication.factor': replication,
    'transaction.state.log.min.isr': '1',
    'share.coordinator.state.topic.replication.factor': replication,
    'default.replication.factor': replication,
    // The log cleaner takes its whole dedupe buffer (128 MiB by default) from the heap as it
    // starts: half of a node's 256 MiB, which ran one node out of memory in a CI run. The
    // cluster's tests compact nothing; 16 MiB still lets the cleaner start.
    'log.cleaner.dedupe.buffer.size': String(16 * 1024 * 1024),
    ...options.extraProperties,
  };
  const nodes = Array.from({ length: options.nodes }, (_, i) => {
    const [port, controllerPort, saslPort, sslPort] = ports.slice(i * 4, i * 4 + 4);
    const node: NodeSetup = { id: i + 1, clusterId, heap: options.heap ?? HEAP.inCluster, controllerPort, saslPort, sslPort, voters };
    return new Broker(version, classpath, port, node, { ...options, extraProperties }, progress);
  });
  const stop = async () => {
    await Promise.all(nodes.map((n) => n.stop()));
  };
  try {
    const started = Date.now();
    await Promise.all(nodes.map((n) => n.format()));
    // Together: a node is ready only once a quorum of controllers has elected a leader.
    await Promise.all(nodes.map((n) => n.start(started)));
  } catch (error) {
    await stop();
    throw error;
  }
  return { brokers: nodes.map((n) => n.brokers).join(','), nodes, version, stop };
}

/** KIP-853 (Kafka 3.9): a controller quorum that formats with `--standalone` and can change. */
function dynamicQuorum(version: string): boolean {
  const [major, minor] = version.split('.').map(Number);
  return major > 3 || (major === 3 && minor >= 9);
}

/** What makes one node of a cluster (or a broker alone) itself. */
interface NodeSetup {
  readonly id: number;
  readonly clusterId: string;
  readonly heap: string;
  readonly controllerPort: number;
  readonly saslPort: number;
  readonly sslPort: number;
  /** `id@host:port,…`: a fixed quorum; unset: a dynamic one of this node alone. */
  voters?: string;
}

/** The Kafka distribution's classpath (broker, Java client, codecs), for running its tools. */
export function kafkaClasspath(version = KAFKA_VERSION, progress: (line: string) => void = () => undefined): Promise<string> {
  return resolveClasspath(version, progress);
}

/** The broker a test level runs against: the one in `KAFKA_BROKERS`, else a fresh one. */
export async function brokerForTests(
  options: BrokerOptions = {},
): Promise<{ readonly brokers: string; readonly external: boolean; readonly secured?: SecuredListeners; stop(): Promise<void> }> {
  const existing = process.env[KAFKA_BROKERS_ENV]?.trim();
  if (existing) return { brokers: existing, external: true, stop: async () => undefined };
  const broker = await startBroker(options);
  return { brokers: broker.brokers, external: false, secured: broker.secured, stop: () => broker.stop() };
}

/** JSON of the level broker's SecuredListeners, for test files; unset with an external broker. */
export const SECURED_ENV = 'KAFKA_TEST_SECURED';

/** For test files: the secured listeners of the level's broker, if it has them. */
export function testSecured(): SecuredListeners | undefined {
  const value = process.env[SECURED_ENV];
  return value ? (JSON.parse(value) as SecuredListeners) : undefined;
}

/** For test files: the brokers their level exported, as a kafkajs `brokers` list. */
export function testBrokers(): string[] {
  const value = process.env[KAFKA_BROKERS_ENV]?.trim();
  if (!value) {
    throw new Error(`${KAFKA_BROKERS_ENV} is not set: run these tests with \`npm run test:kafka\`, which starts a broker, or point ${KAFKA_BROKERS_ENV} at one`);
  }
  return value.split(',').map((b) => b.trim()).filter(Boolean);
}

class Broker implements RunningBroker {
  readonly brokers: string;
  readonly dir: string;
  readonly logFile: string;
  readonly secured?: SecuredListeners;
  private child: ChildProcess | undefined;
  private watchdog: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private logStream: WriteStream | undefined;
  private recentLines: string[] = [];
  private readonly forget: () => void;

  constructor(
    readonly version: string,
    private readonly classpath: string,
    readonly port: number,
    private readonly node: NodeSetup,
    private readonly options: BrokerOptions,
    private readonly progress: (line: string) => void,
  ) {
    this.brokers = `127.0.0.1:${port}`;
    this.dir = mkdtempSync(path.join(options.tempRoot ?? os.tmpdir(), 'upsun-kafka-broker-'));
    this.logFile = path.join(this.dir, 'broker.log');
    this.forget = killOnProcessEnd(() => this.killNow());
    if (options.secured) {
      this.secured = {
        saslBrokers: `127.0.0.1:${node.saslPort}`,
        sslBrokers: `127.0.0.1:${node.sslPort}`,
        caFile: this.file('ca.pem'),
        username: 'alice',
        password: randomBytes(9).toString('base64url'),
      };
    }
  }

  get nodeId(): number {
    return this.node.id;
  }

  private get clusterId(): string {
    return this.node.clusterId;
  }

  private get controllerPort(): number {
    return this.node.controllerPort;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  async format(): Promise<void> {
    await fs.writeFile(this.file('server.properties'), this.serverProperties());
    await fs.writeFile(this.file('log4j2.properties'), LOG4J2_PROPERTIES);
    this.openLog();
    try {
      if (this.secured) await this.makeKeystore();
      const scram = this.secured
        ? ['SCRAM-SHA-256', 'SCRAM-SHA-512'].flatMap((m) => ['--add-scram', `${m}=[name=${this.secured!.username},password=${this.secured!.password}]`])
        : [];
      const output = await run(javaBinary(), [
        ...this.jvmArgs(),
        '-cp', this.classpath,
        'kafka.tools.StorageTool', 'format',
        ...(this.node.voters ? [] : ['--standalone']),
        '--cluster-id', this.clusterId,
        '--config', this.file('server.properties'),
        ...scram,
      ]);
      this.writeLog(output);
    } catch (error) {
      if (error instanceof CommandError && error.code === 'ENOENT') throw new Error(javaMissing(this.version));
      this.writeLog(error instanceof CommandError ? error.output : String(error));
      throw this.failure(`Formatting the Kafka ${this.version} storage failed: ${(error as Error).message}`);
    } finally {
      this.closeLog();
    }
  }

  /** `started`: when the work to start began, for the time reported. */
  async start(started = Date.now()): Promise<void> {
    if (this.child) throw new Error(`The broker at ${this.brokers} is already running`);
    this.openLog();
    const child = spawn(javaBinary(), [
      '-Xms128m', this.node.heap,
      '-XX:+ExitOnOutOfMemoryError',
      ...this.jvmArgs(),
      '-cp', this.classpath,
      'kafka.Kafka', this.file('server.properties'),
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('close', () => resolve()));
    child.once('error', (error) => this.writeLog(`Could not run ${javaBinary()}: ${error.message}`));
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => this.writeLog(line));
    }
    let ready = false;
    child.once('close', (code, signal) => {
      this.stopWatchdog();
      this.closeLog();
      if (this.child !== child) return;
      this.child = undefined;
      if (ready) this.options.onUnexpectedExit?.(this.failure(`The Kafka broker at ${this.brokers} exited (${signal ?? `code ${code}`})`));
    });
    this.startWatchdog(child);

    try {
      await this.waitUntilReady(child, started + (this.options.startTimeoutMs ?? START_TIMEOUT_MS));
    } catch (error) {
      await this.stop({ keepData: true });
      throw this.failure((error as Error).message);
    }
    ready = true;
    this.progress(`Kafka ${this.version} broker ready at ${this.brokers} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  async stop(options: { keepData?: boolean } = {}): Promise<void> {
    const child = this.child;
    this.child = undefined;
    let kill: NodeJS.Timeout | undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      kill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    }
    // Also when a stop is already under way: the folder goes only once Java has let go of it.
    await this.exited;
    clearTimeout(kill);
    this.stopWatchdog();
    if (!options.keepData) {
      this.forget();
      await fs.rm(this.dir, { recursive: true, force: true, maxRetries: 3 });
    }
  }

  /** Sync, for process exit: no time left for a graceful shutdown. */
  killNow(): void {
    this.child?.kill('SIGKILL');
    this.watchdog?.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true, maxRetries: 3 });
  }

  private async waitUntilReady(child: ChildProcess, deadline: number): Promise<void> {
    const died = new Promise<never>((_, reject) => {
      child.once('close', (code, signal) => reject(new Error(`The Kafka broker exited while starting (${signal ?? `code ${code}`})`)));
      child.once('error', () => reject(new Error(javaMissing(this.version))));
    });
    died.catch(() => undefined);
    const timedOut = () => Date.now() > deadline;
    // A TCP connect first: kafkajs against a closed port only adds its own retries and noise.
    while (!(await Promise.race([canConnect(this.port), died]))) {
      if (timedOut()) throw new Error(`The Kafka broker did not open ${this.brokers} within ${this.timeoutSeconds()} s`);
      await Promise.race([sleep(250), died]);
    }
    const admin = new Kafka({
      clientId: 'upsun-kafka-harness',
      brokers: [this.brokers],
      logLevel: logLevel.NOTHING,
      // The broker listens on 127.0.0.1 only, whatever name it advertises (`advertisedHost` may
      // be one that does not resolve here, as through a tunnel): every connection goes there.
      socketFactory: ({ onConnect }) => net.connect({ host: '127.0.0.1', port: this.port }, onConnect),
      connectionTimeout: 2_000,
      requestTimeout: 5_000,
      retry: { retries: 0 },
    }).admin();
    let lastError = '';
    try {
      for (;;) {
        try {
          await Promise.race([admin.connect(), died]);
          const cluster = await Promise.race([admin.describeCluster(), died]);
          // Proves the port is this broker and not some other process that grabbed it.
          if (cluster.clusterId !== this.clusterId) throw new Error(`${this.brokers} answers with cluster id ${cluster.clusterId}, not ${this.clusterId}`);
          return;
        } catch (error) {
          lastError = (error as Error).message;
        }
        if (timedOut()) throw new Error(`The Kafka broker at ${this.brokers} did not answer describeCluster within ${this.timeoutSeconds()} s: ${lastError}`);
        await Promise.race([sleep(250), died]);
      }
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /**
   * If Node dies without running its exit handlers (SIGKILL, a native crash), the pipe to this
   * shell closes, `read` returns, and the shell kills the broker and removes its folder.
   */
  private startWatchdog(child: ChildProcess): void {
    if (process.platform === 'win32' || child.pid === undefined) return;
    const watchdog = spawn('sh', ['-c', 'read _; kill -KILL "$1" 2>/dev/null; sleep 1; rm -rf "$2"', 'kafka-watchdog', String(child.pid), this.dir], {
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    watchdog.on('error', () => undefined);
    watchdog.unref();
    (watchdog.stdin as net.Socket | null)?.unref();
    this.watchdog = watchdog;
  }

  private stopWatchdog(): void {
    this.watchdog?.kill('SIGKILL');
    this.watchdog = undefined;
  }

  private serverProperties(): string {
    const properties: Record<string, string> = {
      'process.roles': 'broker,controller',
      'node.id': String(this.node.id),
      ...(this.node.voters
        ? { 'controller.quorum.voters': this.node.voters }
        : { 'controller.quorum.bootstrap.servers': `127.0.0.1:${this.controllerPort}` }),
      listeners: `PLAINTEXT://127.0.0.1:${this.port},CONTROLLER://127.0.0.1:${this.controllerPort}`,
      'advertised.listeners': `PLAINTEXT://${this.options.advertisedHost ?? '127.0.0.1'}:${this.options.advertisedPort ?? this.port}`,
      'controller.listener.names': 'CONTROLLER',
      'inter.broker.listener.name': 'PLAINTEXT',
      'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      ...this.securedProperties(),
      'log.dirs': this.file('data'),
      'num.partitions': '1',
      // Off, as a client that names a missing topic should see that error, not a new topic.
      'auto.create.topics.enable': 'false',
      'offsets.topic.replication.factor': '1',
      // One partition instead of 50: the first consumer group then starts in well under a second.
      'offsets.topic.num.partitions': '1',
      'transaction.state.log.replication.factor': '1',
      'transaction.state.log.min.isr': '1',
      'share.coordinator.state.topic.replication.factor': '1',
      'share.coordinator.state.topic.min.isr': '1',
      'group.initial.rebalance.delay.ms': '0',
      ...this.options.extraProperties,
    };
    return Object.entries(properties).map(([key, value]) => `${key}=${value}\n`).join('');
  }

  /** Listeners for SASL and TLS beside the plain one; brokers talk to each other in plain. */
  private securedProperties(): Record<string, string> {
    const secured = this.secured;
    if (!secured) return {};
    const advertised = this.options.advertisedHost ?? '127.0.0.1';
    const scram = 'org.apache.kafka.common.security.scram.ScramLoginModule required;';
    return {
      listeners: `PLAINTEXT://127.0.0.1:${this.port},CONTROLLER://127.0.0.1:${this.controllerPort},SASL_PLAINTEXT://127.0.0.1:${this.node.saslPort},SSL://127.0.0.1:${this.node.sslPort}`,
      'advertised.listeners': `PLAINTEXT://${advertised}:${this.port},SASL_PLAINTEXT://${advertised}:${this.node.saslPort},SSL://${advertised}:${this.node.sslPort}`,
      'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,SSL:SSL',
      'sasl.enabled.mechanisms': 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512',
      'listener.name.sasl_plaintext.plain.sasl.jaas.config': `org.apache.kafka.common.security.plain.PlainLoginModule required user_${secured.username}="${secured.password}";`,
      'listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config': scram,
      'listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config': scram,
      'ssl.keystore.type': 'PKCS12',
      'ssl.keystore.location': this.file('broker.p12'),
      'ssl.keystore.password': KEYSTORE_PASSWORD,
      'ssl.key.password': KEYSTORE_PASSWORD,
    };
  }

  /** A self-signed certificate for 127.0.0.1 and localhost, and its PEM for clients to trust. */
  private async makeKeystore(): Promise<void> {
    const keytool = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'keytool') : 'keytool';
    const store = ['-keystore', this.file('broker.p12'), '-storetype', 'PKCS12', '-storepass', KEYSTORE_PASSWORD];
    await run(keytool, ['-genkeypair', '-alias', 'broker', '-keyalg', 'RSA', '-keysize', '2048', '-validity', '7', '-dname', 'CN=localhost', '-ext', 'SAN=IP:127.0.0.1,DNS:localhost', '-keypass', KEYSTORE_PASSWORD, ...store]);
    await run(keytool, ['-exportcert', '-rfc', '-alias', 'broker', '-file', this.file('ca.pem'), ...store]);
  }

  private jvmArgs(): string[] {
    return [
      // Less JIT work at startup (format plus start: 4.7 s instead of 6.8 s on two cores); a test
      // broker never runs long or hard enough to miss the optimising compiler.
      '-XX:TieredStopAtLevel=1',
      `-Dlog4j2.configurationFile=${this.file('log4j2.properties')}`,
    ];
  }

  private file(name: string): string {
    return path.join(this.dir, name);
  }

  private openLog(): void {
    this.logStream ??= createWriteStream(this.logFile, { flags: 'a' });
  }

  private closeLog(): void {
    this.logStream?.end();
    this.logStream = undefined;
  }

  private writeLog(text: string): void {
    for (const line of text.split(/\r?\n/)) {
      if (line === '') continue;
      this.logStream?.write(line + '\n');
      this.recentLines.push(line);
      if (this.recentLines.length > LOG_TAIL_LINES) this.recentLines.shift();
      this.options.log?.(line);
    }
  }

  /** An error that carries the end of the broker's output, where the real cause usually is. */
  private failure(message: string): Error {
    const tail = this.recentLines.length > 0 ? this.recentLines.join('\n') : '(the broker printed nothing)';
    return new Error(`${message}\nLast lines the broker printed:\n${tail}`);
  }

  private timeoutSeconds(): number {
    return Math.round((this.options.startTimeoutMs ?? START_TIMEOUT_MS) / 1000);
  }
}

/**
 * The broker's classpath, resolved by Maven once per version and kept in
 * `.cache/kafka/<version>/<pom hash>/classpath.txt` (a pom that names more artifacts resolves
 * anew); resolved again if a jar has gone from `~/.m2`.
 */
async function resolveClasspath(version: string, progress: (line: string) => void): Promise<string> {
  if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(version)) throw new Error(`Not a Kafka version: ${JSON.stringify(version)}`);
  const pomHash = createHash('sha256').update(await fs.readFile(POM)).digest('hex').slice(0, 12);
  const cacheFile = path.join(REPO_ROOT, '.cache', 'kafka', version, pomHash, 'classpath.txt');
  const cached = await fs.readFile(cacheFile, 'utf8').catch(() => undefined);
  if (cached && cached.trim().split(path.delimiter).every((jar) => existsSync(jar))) return cached.trim();

  progress(`Resolving Apache Kafka ${version} jars from Maven Central…`);
  const started = Date.now();
  await fs.mkdir(path.dirname(cacheFile), { recursive: true });
  const partial = `${cacheFile}.${process.pid}.tmp`;
  try {
    await run('mvn', ['-B', '-q', '-f', POM, `-Dkafka.version=${version}`, `-Dmdep.outputFile=${partial}`, 'dependency:build-classpath'], MAVEN_TIMEOUT_MS);
  } catch (error) {
    await fs.rm(partial, { force: true });
    await fs.rmdir(path.dirname(cacheFile)).catch(() => undefined);
    if (error instanceof CommandError && error.code === 'ENOENT') {
      throw new Error('Maven (`mvn`) is needed to fetch the Kafka broker from Maven Central; install it, e.g. `apt-get install maven`');
    }
    // Debian's Maven 3.8 colours its output even in batch mode.
    // eslint-disable-next-line no-control-regex -- the ANSI escape is the point
    const output = error instanceof CommandError ? `\n${lastLines(error.output.replace(/\x1b\[[0-9;]*m/g, ''), LOG_TAIL_LINES)}` : '';
    throw new Error(`Maven could not resolve Apache Kafka ${version}: ${(error as Error).message}${output}`);
  }
  await fs.rename(partial, cacheFile);
  progress(`Resolved Apache Kafka ${version} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return (await fs.readFile(cacheFile, 'utf8')).trim();
}

function javaBinary(): string {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

function javaMissing(version: string): string {
  return `Could not run ${javaBinary()}: the Kafka ${version} broker needs Java 17 or later, on PATH or in JAVA_HOME`;
}

/** Only ever on this machine, in the broker's own temporary folder. */
const KEYSTORE_PASSWORD = 'test-only-keystore';

/** Kafka's cluster ids are 16 random bytes in unpadded base64url; one that starts with '-' reads as a flag. */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

class CommandError extends Error {
  constructor(
    message: string,
    readonly output: string,
    /** Set when the command could not be run at all, e.g. `ENOENT`. */
    readonly code?: string,
  ) {
    super(message);
  }
}

/** Runs a command to its end; resolves with stdout and stderr together. */
function run(command: string, args: string[], timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (!error) return resolve(output);
      // A number when the command ran and failed, a string such as 'ENOENT' when it never ran.
      const code: unknown = (error as { code?: unknown }).code;
      const summary = typeof code === 'number' ? `exited with code ${code}` : error.message;
      reject(new CommandError(`${path.basename(command)} ${summary}`, output, typeof code === 'string' ? code : undefined));
    });
  });
}

function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The broker logs to stdout, without the few hundred lines of its config dump. */
const LOG4J2_PROPERTIES = `status = warn
appender.out.type = Console
appender.out.name = out
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d{HH:mm:ss,SSS}] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = out
logger.config.name = org.apache.kafka.common.config.AbstractConfig
logger.config.level = WARN
`;
