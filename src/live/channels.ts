/**
 * NOTIFY channels the bus listens on besides the event log's own. A viewer-state change (a thread
 * read, a reply no longer needed) moves dashboard counts without an event in the log.
 */
export const VIEWER_STATE_CHANNEL = 'viewer_state';
