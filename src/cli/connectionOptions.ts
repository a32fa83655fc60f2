// The options of `peek` and `produce` that say where the cluster is. Only commander: this
// module is part of the CLI every command loads, the Kafka client is not (see ./kafka).

import { Command, Option } from 'commander';

export interface ConnectionFlags {
  readonly brokers?: string;
  readonly service?: string;
  readonly timeout: string;
  readonly tunnelCli?: string;
}

export function addConnectionOptions(command: Command): Command {
  return command
    .addOption(new Option('--brokers <host:port,...>', 'bootstrap brokers').conflicts('service'))
    .option('--service <name>', 'a Kafka service of the project in the current folder: brokers from PLATFORM_RELATIONSHIPS, else from `upsun tunnel:info`')
    .option('--tunnel-cli <path>', 'the Upsun or Platform.sh CLI to ask for open tunnels (default: upsun, then platform)')
    .option('--timeout <seconds>', 'connect and request timeout', '10');
}
