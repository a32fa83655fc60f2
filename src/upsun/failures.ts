// Why talking to the Upsun CLI failed, as a kind the editor and the command line can act on
// and a message that says what to do. The CLI's own wording is matched here, in one place;
// the texts come from upsun/cli v5.11.0 (legacy/src: LoginRequiredException,
// RootNotFoundException, Selector, SshDiagnostics, TunnelSingleCommand, TunnelInfoCommand,
// Relationships).

export type UpsunFailureKind =
  /** Neither the configured CLI nor `upsun`/`platform` is on PATH. */
  | 'not-installed'
  /** The CLI has no session or API token (exit 3). */
  | 'not-logged-in'
  /** No project for this folder: no git remote or `.upsun/local/project.yaml` (exit 2). */
  | 'no-project'
  | 'environment-not-found'
  | 'environment-inactive'
  | 'environment-paused'
  /** The config has no app with a relationship to the service, or the deployed app lacks it. */
  | 'no-relationship'
  /** SSH refused the key or wants a certificate. */
  | 'ssh-refused'
  | 'port-taken'
  /** `tunnel:single` declined the CLI's own question about the main environment (we passed `--no`). */
  | 'main-confirmation'
  /** The tunnel was open and then ended without being asked to. */
  | 'dropped'
  /** No Kafka broker answered on the tunnel's port in time. */
  | 'timeout'
  /** Something other than a Kafka broker answers on the tunnel's port. */
  | 'not-kafka'
  | 'cancelled'
  | 'other';

export class UpsunError extends Error {
  constructor(
    message: string,
    readonly kind: UpsunFailureKind,
    /** The CLI's own last lines, for the log. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'UpsunError';
  }
}

/** Where a user names the CLI to run: the editor's setting, or the command line's option. */
export interface CliPathOrigin {
  /** `the setting upsunKafka.cli.path`, `--tunnel-cli`. */
  readonly name: string;
  /** What to do to name one: `set upsunKafka.cli.path`, `pass --tunnel-cli PATH`. */
  readonly advice: string;
}

export const EDITOR_CLI_PATH: CliPathOrigin = { name: 'upsunKafka.cli.path', advice: 'set upsunKafka.cli.path' };

/** How to get the Upsun CLI, ending with how to name one installed elsewhere (`origin`). */
export function installHint(origin: CliPathOrigin = EDITOR_CLI_PATH): string {
  return `Install the Upsun CLI (https://docs.upsun.com/administration/cli.html: \`curl -fsSL https://raw.githubusercontent.com/upsun/cli/main/installer.sh | bash\`, \`brew install platformsh/tap/upsun-cli\` or \`scoop install upsun\`), or ${origin.advice}`;
}

export const INSTALL_HINT = installHint();

/** The kind and message for a command the CLI ended with `code`; `command` is shown as run, e.g. `upsun tunnel:single`. */
export function classifyFailure(cli: string, command: string, code: number | null, stderr: string): UpsunError {
  const said = stderr.replace(/\r/g, '').trim();
  const detail = said.split('\n').map((l) => l.trim()).filter(Boolean).slice(-6).join(' ');
  const error = (kind: UpsunFailureKind, message: string) => new UpsunError(message, kind, detail || `exit ${code}`);
  const env = /environment (.+?) is (inactive|paused)/.exec(said);
  if (code === 3 || /Authentication is required|Please log in|Invalid refresh token|not logged in/i.test(said)) return error('not-logged-in', `The ${name(cli)} is not logged in. Run \`${cli} login\` in a terminal, then try again.`);
  if (code === 2 || /Could not determine the current project|Project root not found/i.test(said)) {
    return error('no-project', `The ${name(cli)} finds no project for this folder. Link it with \`${cli} project:set-remote PROJECT_ID\` in the project folder (\`${cli} projects\` lists your projects), then try again.`);
  }
  if (/Specified project not found/i.test(said)) return error('no-project', `${firstLine(said)}. Check the project ID, or link the folder with \`${cli} project:set-remote PROJECT_ID\`.`);
  if (env?.[2] === 'paused') return error('environment-paused', `The environment ${env[1]} is paused. Resume it with \`${cli} environment:resume -e ${envId(env[1])}\`, then connect again.`);
  if (env?.[2] === 'inactive' || /environment is not active/i.test(said)) return error('environment-inactive', `The environment${env ? ` ${env[1]}` : ''} is inactive, so no tunnel can reach it. Activate it with \`${cli} environment:activate\` (or push code to it), then connect again.`);
  if (/Specified environment not found/i.test(said)) return error('environment-not-found', `${firstLine(said)}. \`${cli} environments\` lists them.`);
  if (/ssh-cert:load|SSH certificate is required/i.test(said)) return error('ssh-refused', `SSH refused the connection: a fresh SSH certificate is needed. Run \`${cli} ssh-cert:load\` (or \`${cli} login\` again), then connect again.`);
  if (/Permission denied \(publickey|ssh-key:add|The SSH connection failed|Host key verification failed/i.test(said)) {
    return error('ssh-refused', `SSH refused the connection. Run \`${cli} ssh-cert:load\` to refresh your certificate, or add a key with \`${cli} ssh-key:add\`, then connect again.`);
  }
  if (/Port already in use|Address already in use|cannot listen to port/i.test(said)) return error('port-taken', `The local port is already taken by another program. ${firstLine(said)}.`);
  if (/Are you sure you want to open an SSH tunnel[^\n]*\bn\s*$/im.test(said)) return error('main-confirmation', 'The CLI asks before opening a tunnel to the main environment.');
  if (/No relationships found|Relationship not found/i.test(said)) return error('no-relationship', `${firstLine(said)} on the deployed app. Deploy the config that declares the relationship, then connect again.`);
  if (/A tunnel is already opened/i.test(said)) return error('other', `${firstLine(said)}. Close it with \`${cli} tunnel:close\` or connect again to reuse it.`);
  return error('other', `\`${command}\` failed${code === null ? '' : ` (exit ${code})`}${detail ? `: ${detail}` : ''}.`);
}

/** Whether `tunnel:info` failed only because no tunnel is open ("No tunnels found.", exit 1: TunnelInfoCommand). */
export function saysNoTunnels(stderr: string): boolean {
  return /No tunnels found/i.test(stderr);
}

function name(cli: string): string {
  return /platform/i.test(cli) ? 'Platform.sh CLI' : 'Upsun CLI';
}

function firstLine(text: string): string {
  return (text.split('\n').map((l) => l.trim()).find(Boolean) ?? '').replace(/[.:]$/, '');
}

/** `Staging (staging) (type: staging)` or `main`: the ID is the last name in parentheses before the type, else the whole label. */
function envId(label: string): string {
  const inParens = /\(([^()]+)\)(?: \(type: [^)]*\))?$/.exec(label);
  return inParens && !inParens[1].startsWith('type:') ? inParens[1] : label.replace(/ \(type: [^)]*\)$/, '');
}
