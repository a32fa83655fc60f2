// Through `upsun tunnel:open` the broker still advertises its internal address
// (`kafka.internal:9092`). kafkajs connects to advertised addresses once it has read the
// cluster metadata, so its socket factory sends each one to the local port that reaches it.

import type { ISocketFactory } from 'kafkajs';
import * as net from 'net';
import * as tls from 'tls';
import { formatHostPort, HostPort, parseHostPort } from './brokerAddress';
import { ANY_ADVERTISED } from './types';

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
  return ({ host, port, ssl, onConnect }) => {
    const to = mapAddress({ host, port }, bootstrap, addressMap);
    // TLS still checks the certificate against the name the broker advertised, not 127.0.0.1.
    const socket = ssl
      ? tls.connect({ host: to.host, port: to.port, ...(!net.isIP(host) ? { servername: host } : {}), ...ssl }, onConnect)
      : net.connect({ host: to.host, port: to.port }, onConnect);
    socket.setKeepAlive(true, KEEP_ALIVE_MS);
    return socket;
  };
}
