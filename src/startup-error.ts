/**
 * Something outside the code stops the server from starting (a port or DATA_DIR in use, a
 * database out of reach). The message is one line saying what is wrong and what to do; `main`
 * prints it as `cannot start: <message>` without a stack trace and exits with 1.
 */
export class StartupError extends Error {}
