// The body of `upsun-kafka topics usage`: the bytes each topic takes on the brokers' disks,
// largest first, and the service's disk when it is known (see src/health/serviceDisk.ts).

import { loadProjectsIn } from '../../config/discover';
import { declaredDisk, diskText, orVolume, ServiceDisk, usedPercent } from '../../health/serviceDisk';
import { diskUsage, DiskUsage, fullestBroker } from '../../health/usage';
import { locateCli, serviceDiskMb, UpsunError } from '../../upsun';
import { TUNNEL_CLI_OPTION } from './connection';
import { bytesText, MIB } from '../../text/bytes';
import { terminalJson, terminalText } from '../terminalText';
import type { TopicUsageFlags } from '../contract';
import { runKafkaCommand, withCluster } from './connection';

export function topicUsage(flags: TopicUsageFlags, setExitCode: (code: number) => void): Promise<void> {
  return runKafkaCommand(setExitCode, async () => {
    const usage: DiskUsage = await withCluster(flags, async (cluster) => diskUsage(await cluster.describeLogDirs()));
    const broker = fullestBroker(usage);
    const used = broker?.bytes ?? 0;
    const disk = await serviceDisk(flags, broker?.volumeBytes ?? null);
    for (const problem of usage.problems) process.stderr.write(`upsun-kafka: ${terminalText(problem)}\n`);
    if (flags.json) {
      const known = disk.bytes === null ? { bytes: null, why: disk.why } : { bytes: disk.bytes, source: disk.source, usedPercent: usedPercent(used, disk.bytes) };
      process.stdout.write(`${terminalJson({ usedBytes: used, disk: known, topics: usage.topics, brokers: usage.brokers, problems: usage.problems }, 2)}\n`);
      return;
    }
    process.stdout.write(table(usage));
    process.stdout.write(`${diskText(used, disk)}${disk.bytes === null ? `: ${terminalText(disk.why)}` : `, from ${disk.source}`}\n`);
  });
}

/**
 * The disk of `--service` from the project in the current folder: Platform.sh's `disk:`, or on
 * Upsun `resources:get` on `--environment`; else the broker's own volume; else why none.
 */
async function serviceDisk(flags: TopicUsageFlags, volumeBytes: number | null): Promise<ServiceDisk> {
  const volume = (why: string): ServiceDisk => orVolume({ bytes: null, why }, volumeBytes);
  if (flags.service === undefined) return volume('no --service to look up');
  const project = (await loadProjectsIn(process.cwd())).find((p) => p.services.some((s) => s.name === flags.service));
  if (!project) return volume('no project config here declares the service');
  const declared = declaredDisk(project, flags.service);
  if (declared) return declared.bytes === null ? volume(declared.why) : declared;
  if (flags.environment === undefined) return volume('on Upsun the disk is a resource: pass --environment to read it with `upsun resources:get`');
  try {
    const mb = await serviceDiskMb(locateCli(flags.tunnelCli, undefined, TUNNEL_CLI_OPTION), flags.environment, flags.service, { cwd: project.root, timeoutMs: 30_000 });
    return mb === null ? volume(`resources:get shows no disk for "${flags.service}" on ${flags.environment}`) : { bytes: mb * MIB, source: 'upsun resources:get' };
  } catch (error) {
    if (error instanceof UpsunError) return volume(error.message.replace(/\.$/, ''));
    throw error;
  }
}

/** TOPIC, SIZE, BYTES, PARTITIONS and the largest partition (skew), aligned. */
function table(usage: DiskUsage): string {
  const rows = [
    ['TOPIC', 'SIZE', 'BYTES', 'PARTITIONS', 'LARGEST PARTITION'],
    ...usage.topics.map((t) => {
      const largest = [...t.partitions].sort((a, b) => b.bytes - a.bytes)[0];
      const share = largest && t.bytes > 0 ? ` (${Math.round((largest.bytes / t.bytes) * 100)}%)` : '';
      return [terminalText(t.topic), bytesText(t.bytes), String(t.bytes), String(t.partitions.length), largest ? `${largest.partition}: ${bytesText(largest.bytes)}${share}` : ''];
    }),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd() + '\n').join('');
}
