// The one reader of broker addresses (`host:port`, `[IPv6]:port`): settings, the CLI's
// --brokers, the prompt and the address map all go through it, so bad input gets the same
// message everywhere instead of a connection attempt that times out and blames the broker.

import * as net from 'net';

export interface HostPort {
  readonly host: string;
  /** 1 to 65535. */
  readonly port: number;
}

const EXAMPLE = 'for example 127.0.0.1:9092, kafka.internal:9092 or [::1]:9092';

/**
 * `host:port` or `[IPv6]:port` (surrounding spaces ignored), or why not: a message that
 * quotes the input and says what to write. Host names are not resolved here.
 */
export function parseBrokerAddress(text: string): HostPort | { readonly problem: string } {
  const address = text.trim();
  if (!address) return { problem: `Enter a broker address as host:port, ${EXAMPLE}.` };
  const bracketed = /^\[([^\]]*)\]:([^:]*)$/.exec(address);
  const plain = bracketed ? undefined : /^([^:[\]\s/]+):([^:]*)$/.exec(address);
  const match = bracketed ?? plain;
  if (!match) {
    const ipv6 = net.isIPv6(address.replace(/:\d+$/, '')) || net.isIPv6(address);
    return { problem: ipv6 ? `"${address}": put an IPv6 address in brackets, as in [::1]:9092.` : `"${address}" is not host:port (${EXAMPLE}).` };
  }
  const [, host, portText] = match;
  if (bracketed && !net.isIPv6(host)) return { problem: `"${address}": only an IPv6 address goes in brackets, as in [::1]:9092.` };
  if (!/^\d+$/.test(portText)) return { problem: `"${address}" is not host:port: the port must be a number (${EXAMPLE}).` };
  const port = Number(portText);
  if (port < 1 || port > 65_535) return { problem: `"${address}": port ${portText} is out of range; use 1 to 65535.` };
  return { host, port };
}

/** The address if `text` is a usable broker address, else undefined. */
export function parseHostPort(text: string): HostPort | undefined {
  const parsed = parseBrokerAddress(text);
  return 'problem' in parsed ? undefined : parsed;
}

/** Why `text` is not a usable broker address, or undefined when it is. */
export function brokerAddressProblem(text: string): string | undefined {
  const parsed = parseBrokerAddress(text);
  return 'problem' in parsed ? parsed.problem : undefined;
}

/** `host:port`, with an IPv6 host in brackets. */
export function formatHostPort({ host, port }: HostPort): string {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
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
