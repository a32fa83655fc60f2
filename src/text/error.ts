// What went wrong, as the words a person reads: the one place an unknown thrown value becomes
// text, for the editor's messages, the log and the CLI's stderr alike.

/**
 * The message of an Error (a KafkaAccessError's already says what to try), anything else as
 * `String` writes it: a library may throw a string or a plain object.
 */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `error` itself when it is an Error, else an Error whose message is `String(error)`: what a `reject` or a rethrow needs. */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
