import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { connectCluster } from '../../src/kafka/connect';
import { KafkaAccessError } from '../../src/kafka/types';

/**
 * `tlsCaFile` comes from settings a repository may carry: the file is read without blocking
 * the extension host, and only when it is a regular file of at most 1 MiB. Nothing here
 * reaches a broker (127.0.0.1:1 refuses anyway): the file is refused before any connection.
 */
describe('TLS certificate authority file: read asynchronously, regular files only, capped', function () {
  this.timeout(10_000);
  let dir: string;
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ca-file-'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.pem')]);
    await fs.writeFile(path.join(dir, 'big.pem'), Buffer.alloc(1024 * 1024 + 1, 'A'));
  });
  after(() => fs.rm(dir, { recursive: true, force: true }));

  const refusal = async (caFile: string): Promise<string> => {
    const started = Date.now();
    try {
      await connectCluster({ brokers: ['127.0.0.1:1'], ssl: { caFile }, timeoutMs: 2_000 });
      assert.fail(`connected with ${caFile}`);
    } catch (error) {
      assert.ok(error instanceof KafkaAccessError, String(error));
      assert.strictEqual(error.cause_, 'tls');
      assert.ok(Date.now() - started < 1_000, `${caFile} took ${Date.now() - started} ms`);
      return error.message;
    }
  };

  it('refuses a device, a pipe and a folder without reading them', async () => {
    for (const file of ['/dev/zero', path.join(dir, 'pipe.pem'), dir]) {
      assert.strictEqual(await refusal(file), `Could not read the certificate authority file ${file}: it is not a regular file. Set the connection's tlsCaFile to a PEM file.`);
    }
  });

  it('refuses a file over 1 MiB', async () => {
    const file = path.join(dir, 'big.pem');
    assert.strictEqual(await refusal(file), `Could not read the certificate authority file ${file}: it is over 1 MiB, far more than a PEM bundle needs. Set the connection's tlsCaFile to a PEM file.`);
  });

  it('says why a missing file could not be read', async () => {
    const file = path.join(dir, 'missing.pem');
    assert.match(await refusal(file), /^Could not read the certificate authority file .*missing\.pem \(ENOENT: no such file or directory, open '.*missing\.pem'\)\. Check the path in the connection's tlsCaFile\.$/);
  });
});
