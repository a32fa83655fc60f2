// Failures the test broker cannot produce (SASL, certificates, wrapped retries), shaped as
// kafkajs throws them, become messages that name the cause and what to try.

import * as assert from 'assert';
import { toAccessError } from '../../src/kafka/errors';
import { KafkaAccessError } from '../../src/kafka/types';

const context = { brokers: ['b1:9093'], action: 'list the topics', timeoutMs: 10_000 };
const kafkaJs = (name: string, message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { name, ...extra });

describe('Kafka failures in words', () => {
  it('names refused SASL credentials, also when kafkajs wrapped them in retries', () => {
    const sasl = kafkaJs('KafkaJSSASLAuthenticationError', 'SASL SCRAM SHA256 authentication failed: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256');
    const wrapped = kafkaJs('KafkaJSNumberOfRetriesExceeded', 'retries exceeded', { originalError: sasl });
    for (const error of [sasl, wrapped]) {
      const failure = toAccessError(error, context);
      assert.strictEqual(failure.cause_, 'auth');
      assert.match(failure.message, /^Could not list the topics: the cluster at b1:9093 refused the credentials \(.*invalid credentials.*\)\. Check the SASL mechanism, user name and password/);
    }
  });

  it('names certificate problems as TLS', () => {
    const failure = toAccessError(kafkaJs('KafkaJSConnectionError', 'Connection error: self-signed certificate', { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), context);
    assert.deepStrictEqual([failure.cause_, /certificate authority/.test(failure.message)], ['tls', true]);
  });

  it('names a missing authorization as auth, and a rejected request as invalid', () => {
    const denied = toAccessError(kafkaJs('KafkaJSProtocolError', 'Not authorized to access topics', { type: 'TOPIC_AUTHORIZATION_FAILED' }), context);
    assert.deepStrictEqual([denied.cause_, /does not allow this user to do that.*Ask for the needed ACLs/.test(denied.message)], ['auth', true]);
    const tooLarge = toAccessError(kafkaJs('KafkaJSProtocolError', 'The request included a message larger than the max message size the server will accept', { type: 'MESSAGE_TOO_LARGE' }), context);
    assert.deepStrictEqual([tooLarge.cause_, tooLarge.message], ['invalid-request', 'Could not list the topics: the cluster rejected the request: The request included a message larger than the max message size the server will accept']);
  });

  it("words an aggregate of per-topic refusals by its first refusal's type, not its bare \"Topic creation errors\"", () => {
    const refused = kafkaJs('KafkaJSCreateTopicError', 'Replication-factor is invalid', { type: 'INVALID_REPLICATION_FACTOR', topic: 't8b' });
    const failure = toAccessError(kafkaJs('KafkaJSAggregateError', 'Topic creation errors', { errors: [refused] }), { ...context, action: 'create topic "t8b"' });
    assert.deepStrictEqual([failure.cause_, failure.message], ['invalid-request', 'Could not create topic "t8b": the cluster rejected the request: Replication-factor is invalid']);
  });

  it('keeps the original text as detail, and passes its own errors through unchanged', () => {
    const failure = toAccessError(kafkaJs('KafkaJSConnectionError', 'Connection error: connect ECONNREFUSED 10.0.0.1:9093', { code: 'ECONNREFUSED' }), context);
    assert.deepStrictEqual([failure.cause_, failure.detail], ['refused', 'Connection error: connect ECONNREFUSED 10.0.0.1:9093']);
    const own = new KafkaAccessError('already clear', 'unknown-topic');
    assert.strictEqual(toAccessError(own, context), own);
    assert.strictEqual(toAccessError('a string', context).cause_, 'other');
  });
});
