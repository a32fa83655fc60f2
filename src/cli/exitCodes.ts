// Exit statuses every command shares, so CI scripts can tell findings from misuse, and the one
// error that means misuse.

export const EXIT_OK = 0;
/** The command ran and found problems (lint errors) or its operation failed. */
export const EXIT_FAILED = 1;
/** Unknown option, missing argument, unreadable input the user named. */
export const EXIT_USAGE = 2;
/** `topics plan --detailed-exitcode`: the plan has changes (Terraform's -detailed-exitcode says 2; ours is taken by misuse). */
export const EXIT_CHANGES = 3;
/** Stopped by Ctrl+C (SIGINT): 128 plus the signal's number, as a shell reports it. */
export const EXIT_INTERRUPTED = 130;
/** Stopped by SIGTERM (a kill, a CI job cancelled): 128 + 15. */
export const EXIT_TERMINATED = 143;

/**
 * Misuse the user can fix on the command line (a bad option value, options that do not go
 * together, a file named that cannot be read): exit status EXIT_USAGE. The message names the
 * option and says what it takes.
 */
export class UsageError extends Error {}
