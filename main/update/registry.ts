import type { UpdateController } from './controller.ts';

/*
 * The desktop app has one updater; the core's update.* handlers reach it here. The CLI and
 * the tests of other domains run without one, and the handlers answer "off".
 */
let current: UpdateController | null = null;

export function setUpdateController(controller: UpdateController | null): void {
  current = controller;
}

export const updateController = (): UpdateController | null => current;
