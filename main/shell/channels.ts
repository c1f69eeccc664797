/** The IPC channels between preload and main; everything else is a contract channel name passed along. */
export const INVOKE_CHANNEL = 'depot:invoke';
export const EVENT_CHANNEL = 'depot:event';
/** The desktop's open and save dialogs (shared/files.ts). */
export const FILE_CHANNEL = 'depot:choose-file';
/** The first-run choice: hold the depot here or join the server (shared/desk.ts, main/desk/). */
export const DESK_CHANNEL = 'depot:desk';
