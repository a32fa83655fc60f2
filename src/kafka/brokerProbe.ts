// Whether a Kafka broker answers at an address, asked the way every Kafka client starts a
// connection: an ApiVersions request (KIP-35), checked field by field. A port that merely
// accepts connections (an ssh forward still logging in, another program that took the port, a
// relationship that leads to another service) is not a broker. Plain TCP only: what a tunnel to
// a platform service speaks.
// The request and the reading of its answer: wire/apiVersions.ts.

import * as net from 'net';
import { apiVersionsRequest, BrokerProbe, readApiVersionsAnswer } from './wire/apiVersions';

/**
 * Sends one ApiVersions request to `host:port` over plain TCP and reads the answer, keeping at
 * most 64 KiB. Never rejects; the socket is closed when it resolves.
 * @param timeoutMs how long the whole exchange may take (ms); past it the answer is `none`.
 */
export function probeKafkaBroker(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<BrokerProbe> {
  return new Promise((resolve) => {
    let received = Buffer.alloc(0);
    let done = false;
    const socket = net.connect({ host, port });
    const finish = (result: BrokerProbe) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(result);
    };
    const onAbort = () => finish({ answer: 'none', why: 'cancelled' });
    const timer = setTimeout(() => finish({ answer: 'none', why: `nothing answered within ${timeoutMs} ms` }), timeoutMs);
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort);
    socket.once('connect', () => socket.write(apiVersionsRequest()));
    socket.on('data', (chunk: Buffer) => {
      // Bounded: past 4 + 64 KiB bytes there is a verdict.
      received = Buffer.concat([received, chunk]);
      const verdict = readApiVersionsAnswer(received);
      if (verdict) finish(verdict);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => finish({ answer: 'none', why: error.code ?? error.message }));
    socket.once('close', () => finish({ answer: 'none', why: received.length === 0 ? 'the connection closed without an answer' : 'the connection closed in the middle of an answer' }));
  });
}
