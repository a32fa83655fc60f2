// The options of `peek` and `produce` that say where the cluster is. Only commander: this
// module is part of the CLI every command loads, the Kafka client is not (see ./kafka).

import { Command, Option } from 'commander';

export interface ConnectionFlags {
  readonly brokers?: string;
  readonly service?: string;
  readonly environment?: string;
  readonly relationship?: string;
  readonly yes?: boolean;
  readonly timeout: string;
  readonly tunnelCli?: string;
}

export function addConnectionOptions(command: Command): Command {
  return command
    .addOption(new Option('--brokers <host:port,...>', 'bootstrap brokers').conflicts('service'))
    .option('--service <name>', 'a Kafka service of the project in the current folder: brokers from PLATFORM_RELATIONSHIPS, else from `upsun tunnel:info`, or through a tunnel of its own with --environment')
    .option('--environment <id>', 'with --service: open a tunnel to the service on this Upsun environment for the call (`upsun tunnel:single`), and close it after')
    .option('--relationship <app:relationship>', 'with --environment: the app relationship the tunnel goes through (default: the first declared for the service)')
    .option('-y, --yes', 'with --environment: open a tunnel to a production or main environment without stopping to ask')
    .option('--tunnel-cli <path>', 'the Upsun or Platform.sh CLI to run for tunnels (default: upsun, then platform)')
    .option('--timeout <seconds>', 'connect and request timeout', '10');
}
