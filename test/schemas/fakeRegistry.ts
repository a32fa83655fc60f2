// A schema registry for tests, answering with the request and answer shapes of Confluent's
// Schema Registry API reference: JSON bodies typed application/vnd.schemaregistry.v1+json,
// { error_code: 40403, message } for an unknown id, { error_code: 40101 } with HTTP 401 when the
// basic credentials are not ada:s3cret. Not a real registry: see docs/schemas.md.

import * as http from 'http';
import type { AddressInfo } from 'net';

export const REGISTRY_USER = { username: 'ada', password: 's3cret' };

/** Path -> answer body; 'hang' never answers (until close). Listens on loopback. */
export function startRegistry(routes: Record<string, unknown>): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const held: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/vnd.schemaregistry.v1+json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Basic ${Buffer.from(`${REGISTRY_USER.username}:${REGISTRY_USER.password}`).toString('base64')}`) return send(401, { error_code: 40101, message: 'Unauthorized' });
    const body = routes[req.url ?? ''];
    if (body === 'hang') {
      held.push(res);
      return undefined;
    }
    if (body !== undefined) return send(200, body);
    const id = /^\/schemas\/ids\/(\d+)$/.exec(req.url ?? '')?.[1];
    return id !== undefined ? send(404, { error_code: 40403, message: `Schema ${id} not found` }) : send(404, { error_code: 40401, message: `Subject not found` });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        requests,
        close: () => {
          held.forEach((r) => r.destroy());
          return new Promise((done) => server.close(() => done()));
        },
      }),
    ),
  );
}
