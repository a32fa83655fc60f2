// Sizes in the binary units Kafka's tools and `df -h` use: "0 B", "900 KiB", "312 MiB", "1.5 GiB".

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** Mebibytes, the unit of Platform.sh's `disk:` and of `upsun resources:get`'s Disk (MB) column, in bytes. */
export const MIB = 1024 * 1024;

/** `bytes` in the largest binary unit that keeps it at 1 or more, and that unit's index. */
function inUnit(bytes: number): { value: number; unit: number } {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return { value, unit };
}

/**
 * `bytes` in the largest binary unit that keeps it at 1 or more: one decimal below 10 of the
 * unit (`1.5 GiB`), none from 10 on (`312 MiB`), whole bytes below 1 KiB. Rounded down, so
 * a disk at 511.9 MiB never reads as full.
 */
export function bytesText(bytes: number): string {
  const { value, unit } = inUnit(bytes);
  const shown = unit === 0 || value >= 10 ? Math.floor(value) : Math.floor(value * 10) / 10;
  return `${shown} ${UNITS[unit]}`;
}

/**
 * An upper bound rounded up to two significant figures (`400 MiB` for 391.2 MiB, `1.3 GiB`),
 * so "under" stays true and an estimate claims no more precision than it has.
 */
export function bytesAtMostText(bytes: number): string {
  const { value, unit } = inUnit(bytes);
  const step = value >= 10 ? 10 ** (Math.floor(Math.log10(value)) - 1) : 0.1;
  // Integer steps, so 400 is not read as 400.00000001 and rounded to 410.
  const steps = Math.ceil(Number((value / step).toFixed(6)));
  return `${Number((steps * step).toFixed(1))} ${UNITS[unit]}`;
}
