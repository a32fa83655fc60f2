// The conventions every `upsun-kafka` command shares: `--partition` repeatable or a comma list,
// `--json` wherever a command prints structured output (`--format json` its alias), and misuse
// reported as exit status 2 with a message naming the option, before any connection.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { Command } from 'commander';
import { commands } from '../../src/cli/commands';
import { EXIT_USAGE, UsageError } from '../../src/cli/exitCodes';
import { outputFormat, partitionsOf } from '../../src/cli/sharedOptions';

const CLI = path.resolve(__dirname, '..', '..', 'src', 'cli', 'main.js');
const LINT_FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'lint');
/** Nothing listens there: a command that connected would fail with exit status 1, not 2. */
const NOWHERE = ['--brokers', '127.0.0.1:9', '--timeout', '30'];

class Stopped extends Error {}

interface ParsedOptions {
  readonly partition?: string[];
  readonly json?: boolean;
}

/** The options `args` parse to, in the program as main.ts builds it (quiet), its action never run. */
async function optionsOf(args: readonly string[]): Promise<ParsedOptions> {
  const program = new Command('upsun-kafka').exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  for (const register of commands) register(program, () => undefined);
  const parsed: { options?: ParsedOptions } = {};
  program.hook('preAction', (_program, command) => {
    parsed.options = command.opts<ParsedOptions>();
    throw new Stopped();
  });
  await program.parseAsync([...args], { from: 'user' }).catch((error: unknown) => {
    if (!(error instanceof Stopped)) throw error;
  });
  assert.ok(parsed.options, `${args.join(' ')} reached no action`);
  return parsed.options;
}

/** Every command that runs (no subcommands of its own), by its full name. */
function leafCommands(): Map<string, Command> {
  const program = new Command('upsun-kafka');
  for (const register of commands) register(program, () => undefined);
  const leaves = new Map<string, Command>();
  const walk = (command: Command, prefix: string) => {
    for (const sub of command.commands) {
      const name = `${prefix}${sub.name()}`;
      if (sub.commands.length > 0) walk(sub, `${name} `);
      else leaves.set(name, sub);
    }
  };
  walk(program, '');
  return leaves;
}

function run(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [CLI, ...args], { cwd: LINT_FIXTURES, encoding: 'utf8', timeout: 20_000, env: { ...process.env, PLATFORM_RELATIONSHIPS: '' } });
}

/** Each command taking --partition, with the options it needs to reach its action. */
const WITH_PARTITION: readonly (readonly string[])[] = [
  ['peek', '--topic', 't'],
  ['produce', '--topic', 't', '--value', 'v'],
  ['search', '--topic', 't', '--text', 'x'],
  ['groups', 'reset', '--group', 'g', '--topic', 't', '--to-earliest'],
];

describe('CLI: --partition, one convention', function () {
  // Some cases run the CLI as a process: about a second each on a busy machine.
  this.timeout(30_000);

  it('reads repeated values and comma lists alike, each partition once, in the order first given', () => {
    assert.deepStrictEqual(partitionsOf([]), []);
    assert.deepStrictEqual(partitionsOf(['2']), [2]);
    assert.deepStrictEqual(partitionsOf(['0', '3']), [0, 3]);
    assert.deepStrictEqual(partitionsOf(['0,3']), [0, 3]);
    assert.deepStrictEqual(partitionsOf(['5', '0, 3', '5,0']), [5, 0, 3]);
    assert.deepStrictEqual(partitionsOf(['2147483647']), [2147483647]);
  });

  it('refuses what is not a partition number, naming --partition and the value', () => {
    for (const [values, bad] of [
      [['x'], 'x'],
      [['0,,3'], ''],
      [['0,'], ''],
      [[''], ''],
      [['-1'], '-1'],
      [['1.5'], '1.5'],
      [['0x10'], '0x10'],
      [['2147483648'], '2147483648'],
      [['0', '3,y'], 'y'],
    ] as const) {
      assert.throws(
        () => partitionsOf(values),
        (error: unknown) => error instanceof UsageError && error.message === `--partition takes a whole number from 0 to 2147483647, not "${bad}"`,
        JSON.stringify(values),
      );
    }
  });

  for (const command of WITH_PARTITION) {
    it(`${command.slice(0, 2).join(' ')} takes --partition repeated and as a comma list`, async () => {
      const repeated = await optionsOf([...command, '--partition', '0', '--partition', '3']);
      assert.deepStrictEqual(repeated.partition, ['0', '3']);
      const list = await optionsOf([...command, '--partition', '0,3']);
      assert.deepStrictEqual(list.partition, ['0,3']);
      assert.deepStrictEqual(partitionsOf(list.partition ?? []), partitionsOf(repeated.partition ?? []));
      assert.deepStrictEqual((await optionsOf(command)).partition, [], 'none given: all partitions');
    });

    it(`${command.slice(0, 2).join(' ')} --partition x exits 2 naming the option, without connecting`, () => {
      const r = run([...command, '--partition', '1', '--partition', 'x', ...NOWHERE]);
      assert.deepStrictEqual([r.status, r.stdout, r.stderr], [EXIT_USAGE, '', 'upsun-kafka: --partition takes a whole number from 0 to 2147483647, not "x"\n']);
    });
  }

  it('every command with --partition spells it the same way', () => {
    const spelled = [...leafCommands()].flatMap(([name, c]) => c.options.filter((o) => o.long === '--partition').map((o) => [name, o.flags, o.defaultValue] as const));
    assert.deepStrictEqual(
      spelled.map(([name]) => name),
      ['peek', 'produce', 'groups reset', 'search'],
    );
    for (const [name, flags, initial] of spelled) assert.deepStrictEqual([flags, initial], ['--partition <p>', []], name);
  });

  it('produce refuses several partitions: a message goes to one', () => {
    const r = run(['produce', '--topic', 't', '--value', 'v', '--partition', '0,1', ...NOWHERE]);
    assert.deepStrictEqual([r.status, r.stdout, r.stderr], [EXIT_USAGE, '', 'upsun-kafka: --partition: produce sends each message to one partition, not to 0, 1; give one, or none to let the key pick\n']);
    const same = run(['produce', '--topic', 't', '--value', 'v', '--partition', '1', '--partition', '1', '--header', 'no-equals', ...NOWHERE]);
    assert.strictEqual(same.stderr, 'upsun-kafka: --header takes key=value, not "no-equals"\n', 'the same partition twice is one partition');
  });
});

describe('CLI: --json, one convention', function () {
  // Some cases run the CLI as a process: about a second each on a busy machine.
  this.timeout(30_000);

  /** Commands whose output is one sentence, not data. */
  const SENTENCE_ONLY = ['groups delete'];

  it('every command that prints structured output takes --json', () => {
    const leaves = leafCommands();
    assert.deepStrictEqual([...leaves.keys()].sort(), ['groups delete', 'groups list', 'groups reset', 'lint', 'peek', 'produce', 'search', 'topics apply', 'topics config', 'topics diff', 'topics export', 'topics plan', 'topics usage']);
    for (const [name, command] of leaves) {
      const json = command.options.find((o) => o.long === '--json');
      if (SENTENCE_ONLY.includes(name)) assert.strictEqual(json, undefined, name);
      else assert.deepStrictEqual([json?.flags, json?.required, json?.optional], ['--json', false, false], name);
    }
  });

  it('where a command has --format, json is one of its values and no --format is the default', () => {
    for (const [name, command] of leafCommands()) {
      const format = command.options.find((o) => o.long === '--format');
      if (!format) continue;
      assert.ok(format.argChoices?.includes('json'), name);
      assert.strictEqual(format.defaultValue, undefined, `${name}: a default would hide --format text from --json`);
    }
  });

  for (const command of [...WITH_PARTITION.filter((c) => c[0] !== 'groups'), ['lint'], ['groups', 'list'], ['groups', 'reset', '--group', 'g', '--topic', 't', '--to-latest'], ['topics', 'config', '--topic', 't'], ['topics', 'plan'], ['topics', 'apply'], ['topics', 'export'], ['topics', 'diff'], ['topics', 'usage']]) {
    it(`${command.slice(0, 2).join(' ')} --json parses`, async () => {
      assert.strictEqual((await optionsOf([...command, '--json'])).json, true);
    });
  }

  it('--json is --format json; with another --format it is a usage error naming both', () => {
    assert.strictEqual(outputFormat({}, 'text'), 'text');
    assert.strictEqual(outputFormat({ json: true }, 'text'), 'json');
    assert.strictEqual(outputFormat({ format: 'json' }, 'text'), 'json');
    assert.strictEqual(outputFormat({ format: 'json', json: true }, 'text'), 'json');
    assert.strictEqual(outputFormat({ format: 'sarif' }, 'text'), 'sarif');
    assert.throws(() => outputFormat({ format: 'text', json: true }, 'text'), (e: unknown) => e instanceof UsageError && e.message === '--json is the same as --format json: it does not go with --format text');
  });

  for (const command of [['peek', '--topic', 't'], ['produce', '--topic', 't', '--value', 'v'], ['search', '--topic', 't', '--text', 'x']]) {
    it(`${command[0]} --format text --json exits 2 naming both, without connecting`, () => {
      const r = run([...command, '--format', 'text', '--json', ...NOWHERE]);
      assert.deepStrictEqual([r.status, r.stdout, r.stderr], [EXIT_USAGE, '', 'upsun-kafka: --json is the same as --format json: it does not go with --format text\n']);
    });
  }

  it('lint --json prints what lint --format json prints; with --format sarif it is a usage error', () => {
    const json = run(['lint', 'broken', '--json']);
    const format = run(['lint', 'broken', '--format', 'json']);
    assert.deepStrictEqual([json.status, json.stdout], [format.status, format.stdout]);
    assert.strictEqual(json.status, 1, 'errors found');
    assert.ok((JSON.parse(json.stdout) as unknown[]).length > 0);
    const both = run(['lint', 'broken', '--format', 'sarif', '--json']);
    assert.deepStrictEqual([both.status, both.stdout, both.stderr], [EXIT_USAGE, '', 'upsun-kafka lint: --json is the same as --format json: it does not go with --format sarif\n']);
  });
});
