// Through `upsun tunnel:open` the broker still advertises its internal address
// (`kafka.internal:9092`). kafkajs connects to advertised addresses once it has read the
// cluster metadata, so its socket factory sends each one to the local port that reaches it.

import type { ISocketFactory } from 'kafkajs';
import * as net from 'net';
import * as tls from 'tls';
import { formatHostPort, HostPort, parseHostPort } from './brokerAddress';
import { ANY_ADVERTISED } from './types';

/**
 * kafkajs reads a bootstrap address by splitting it at its first ':', which cuts `[::1]:9092`
 * into `[` and nothing. An IPv6 bootstrap address therefore reaches kafkajs under a stand-in
 * host name (its colons as underscores, under a reserved `.invalid` domain, RFC 6761) that the
 * socket factory turns back into the address. Addresses from metadata come as separate host
 * and port, so they need nothing.
 */
const IPV6_STAND_IN = '.ipv6.upsun-kafka.invalid';

/** A bootstrap address as kafkajs can read it: `[::1]:9092` → `__1.ipv6.upsun-kafka.invalid:9092`, others unchanged. */
export function kafkajsBrokerAddress(address: string): string {
  const parsed = parseHostPort(address);
  if (!parsed || !net.isIPv6(parsed.host)) return address;
  return `${parsed.host.replace(/:/g, '_')}${IPV6_STAND_IN}:${parsed.port}`;
}

function realHost(host: string): string {
  return host.endsWith(IPV6_STAND_IN) ? host.slice(0, -IPV6_STAND_IN.length).replace(/_/g, ':') : host;
}

/** Same as kafkajs' default: detects dead tunnels and NATs dropping idle connections. */
const KEEP_ALIVE_MS = 60_000;

/**
 * Where to really connect for an address kafkajs asks for. Bootstrap addresses are reached
 * as given; other addresses go through the map, then through its `*` entry if there is one.
 */
export function mapAddress(target: HostPort, bootstrap: readonly string[], addressMap: Readonly<Record<string, string>> | undefined): HostPort {
  if (!addressMap) return target;
  const key = formatHostPort(target);
  const mapped = addressMap[key] ?? (bootstrap.includes(key) ? undefined : addressMap[ANY_ADVERTISED]);
  return (mapped && parseHostPort(mapped)) || target;
}

export function mappingSocketFactory(bootstrap: readonly string[], addressMap: Readonly<Record<string, string>> | undefined): ISocketFactory {
  return ({ host: asked, port, ssl, onConnect }) => {
    const host = realHost(asked);
    const to = mapAddress({ host, port }, bootstrap, addressMap);
    // TLS still checks the certificate against the name the broker advertised, not 127.0.0.1.
    const socket = ssl
      ? tls.connect({ host: to.host, port: to.port, ...(!net.isIP(host) ? { servername: host } : {}), ...ssl }, onConnect)
      : net.connect({ host: to.host, port: to.port }, onConnect);
    socket.setKeepAlive(true, KEEP_ALIVE_MS);
    return socket;
  };
}
