// Turns whatever kafkajs or the socket throws into a KafkaAccessError that names the cause
// and what to try. Matched on `error.name`, `code` and `type`, which kafkajs keeps stable,
// and on the wrapped cause, as kafkajs hides the real one inside "retries exceeded".

import { KafkaAccessError, KafkaFailureCause } from './types';

interface KafkaJsLike {
  readonly name?: string;
  readonly message?: string;
  readonly code?: string | number;
  readonly type?: string;
  readonly originalError?: unknown;
  readonly cause?: unknown;
  /** KafkaJSAggregateError's per-topic errors. */
  readonly errors?: unknown;
}

const TLS_CODES = /^(ERR_SSL_|ERR_TLS_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|CERT_|HOSTNAME_MISMATCH)/;
const TLS_WORDS = /\b(ssl|tls|certificate|handshake|wrong version number)\b/i;
const UNREACHABLE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'EADDRNOTAVAIL']);
const INVALID_TYPES = /^(INVALID_|MESSAGE_TOO_LARGE|RECORD_LIST_TOO_LARGE|TOPIC_ALREADY_EXISTS|POLICY_VIOLATION|UNSUPPORTED_|CORRUPT_MESSAGE|OFFSET_OUT_OF_RANGE|GROUP_ID_NOT_FOUND|NON_EMPTY_GROUP)/;
const AUTH_TYPES = /^(SASL_AUTHENTICATION_FAILED|ILLEGAL_SASL_STATE|UNSUPPORTED_SASL_MECHANISM)$/;

/** The innermost error kafkajs wrapped; retries hide the real cause one or two levels down. */
function innermost(error: unknown): KafkaJsLike {
  let current = error as KafkaJsLike;
  for (let depth = 0; depth < 5; depth++) {
    // An aggregate's first error carries the broker's error type; its own message only says "Topic creation errors".
    const aggregated = current?.name === 'KafkaJSAggregateError' && Array.isArray(current.errors) ? (current.errors as unknown[])[0] : undefined;
    const next = (current?.originalError ?? aggregated ?? (current?.name === 'KafkaJSNumberOfRetriesExceeded' ? current.cause : undefined)) as KafkaJsLike | undefined;
    if (!next || typeof next !== 'object') break;
    current = next;
  }
  return current ?? {};
}

export interface ErrorContext {
  /** The bootstrap addresses, named in the message. */
  readonly brokers: readonly string[];
  /** What was being done, e.g. `peek at topic "orders"`. */
  readonly action: string;
  readonly topic?: string;
  readonly timeoutMs: number;
}

export function toAccessError(error: unknown, context: ErrorContext): KafkaAccessError {
  if (error instanceof KafkaAccessError) return error;
  const inner = innermost(error);
  const detail = [(error as KafkaJsLike)?.message, inner.message].filter((m, i, all) => m && all.indexOf(m) === i).join(': ') || String(error);
  const [cause, advice] = classify(inner, context);
  return new KafkaAccessError(`Could not ${context.action}: ${advice}`, cause, detail);
}

function classify(error: KafkaJsLike, context: ErrorContext): [KafkaFailureCause, string] {
  const where = context.brokers.join(', ');
  const code = String(error.code ?? '');
  const message = error.message ?? '';
  const type = error.type ?? '';
  const seconds = Math.round(context.timeoutMs / 100) / 10;

  if (error.name === 'AbortError') return ['cancelled', 'cancelled.'];
  if (type.endsWith('_AUTHORIZATION_FAILED')) {
    return ['auth', `the cluster at ${where} does not allow this user to do that (${message}). Ask for the needed ACLs, or connect as another user.`];
  }
  if (error.name === 'KafkaJSSASLAuthenticationError' || AUTH_TYPES.test(type)) {
    return ['auth', `the cluster at ${where} refused the credentials (${message}). Check the SASL mechanism, user name and password of this connection.`];
  }
  if (TLS_CODES.test(code) || (TLS_WORDS.test(message) && !/ECONNREFUSED/.test(message))) {
    return ['tls', `the TLS handshake with ${where} failed (${message}). Check whether the broker expects TLS, and its certificate authority.`];
  }
  if (code === 'ECONNREFUSED' || /ECONNREFUSED/.test(message)) {
    return ['refused', `nothing accepts connections at ${where}. Check that the broker runs and the port is right; through a tunnel, check that \`upsun tunnel:open\` is still running.`];
  }
  if (UNREACHABLE_CODES.has(code) || /ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/.test(message)) {
    const host = /(?:ENOTFOUND|EAI_AGAIN)\s+(\S+)/.exec(message)?.[1];
    const what = host ? `the host name ${host} cannot be resolved or reached` : `${where} cannot be reached`;
    return ['unreachable', `${what}. Check the address; an internal name such as kafka.internal is only reachable inside the platform or through \`upsun tunnel:open\`.`];
  }
  if (
    error.name === 'KafkaJSRequestTimeoutError' ||
    error.name === 'KafkaJSTimeout' ||
    error.name === 'KafkaJSLockTimeout' ||
    /Connection timeout|ETIMEDOUT|timed out/i.test(message) ||
    code === 'ETIMEDOUT'
  ) {
    return ['timeout', `${where} did not answer within ${seconds} s. Check the network or VPN; raise the connection timeout for a slow link.`];
  }
  if (
    error.name === 'KafkaJSConnectionClosedError' ||
    error.name === 'KafkaJSConnectionError' ||
    error.name === 'KafkaJSBrokerNotFound' ||
    /ECONNRESET|EPIPE|Connection closed|Not connected/.test(message)
  ) {
    return ['unreachable', `the connection to ${where} broke (${message}). The broker may be restarting; try again in a moment.`];
  }
  if (type === 'UNKNOWN_TOPIC_OR_PARTITION' || error.name === 'KafkaJSTopicMetadataNotLoaded') {
    const topic = context.topic ? `topic "${context.topic}"` : 'that topic';
    return ['unknown-topic', `${topic} does not exist on ${where}. Check the name, or create the topic first.`];
  }
  if (INVALID_TYPES.test(type) || error.name === 'KafkaJSNonRetriableError' || error.name === 'KafkaJSCreateTopicError') {
    return ['invalid-request', `the cluster rejected the request: ${message}`];
  }
  return ['other', `${message || 'unexpected failure'} (${where}).`];
}

/** For the caller's AbortSignal: stops a long peek between fetches. */
export function throwIfAborted(signal: AbortSignal | undefined, action: string): void {
  if (signal?.aborted) throw new KafkaAccessError(`${action[0].toUpperCase()}${action.slice(1)} was cancelled.`, 'cancelled');
}
