// Exit statuses every command shares, so CI scripts can tell findings from misuse.

export const EXIT_OK = 0;
/** The command ran and found problems (lint errors) or its operation failed. */
export const EXIT_FAILED = 1;
/** Unknown option, missing argument, unreadable input the user named. */
export const EXIT_USAGE = 2;
