// Reading `host:port` broker addresses the user types, so bad input gets a message that says
// what is wrong instead of a connection attempt that times out.

/** Why `text` is not a usable `host:port`, or undefined when it is. */
export function brokerAddressProblem(text: string): string | undefined {
  const address = text.trim();
  if (!address) return 'Enter a broker address as host:port, for example 127.0.0.1:9092.';
  const match = /^(\[[0-9a-fA-F:.]+\]|[^\s:[\]/]+):(\d+)$/.exec(address);
  if (!match) return `"${address}" is not host:port (for example 127.0.0.1:9092 or kafka.internal:9092).`;
  const port = Number(match[2]);
  if (port < 1 || port > 65535) return `Port ${match[2]} is out of range: use 1 to 65535.`;
  return undefined;
}

/** Why a comma-separated list of addresses is unusable, naming the first bad one. */
export function brokerListProblem(text: string): string | undefined {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.every((p) => !p)) return brokerAddressProblem('');
  for (const part of parts.filter(Boolean)) {
    const problem = brokerAddressProblem(part);
    if (problem) return problem;
  }
  return undefined;
}

/** `a:1, b:2` → `['a:1', 'b:2']`; call `brokerListProblem` first. */
export function parseBrokerList(text: string): string[] {
  return text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}
