/** The two IPC channels between preload and main; everything else is a contract channel name passed along. */
export const INVOKE_CHANNEL = 'depot:invoke';
export const EVENT_CHANNEL = 'depot:event';
