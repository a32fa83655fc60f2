// Kafka's error codes as kafkajs' protocol errors, so that errors.ts words a refusal from a
// request we sent ourselves the same way as one kafkajs raised.

/**
 * The protocol error kafkajs would have thrown for `code`, with its `type` and `retriable`, so
 * errors.ts translates it as any other and `read` in connect.ts knows whether to try again.
 */
export function protocolError(code: number): Error & { readonly type: string; readonly retriable: boolean } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- kafkajs' internals ship no types
  const { createErrorFromCode } = require('kafkajs/src/protocol/error') as { createErrorFromCode: (code: number) => Error & { type: string; retriable: boolean } };
  return createErrorFromCode(code);
}

/** The broker's refusal as kafkajs would raise it (its `type`), with the broker's own message when it sent one. */
export function refusal(code: number, message: string | null): Error {
  const error = protocolError(code);
  if (message) error.message = message;
  return error;
}
