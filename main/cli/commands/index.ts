import type { Command } from '../command.ts';
import { init } from './init.ts';
import { demo } from './demo.ts';
import { backup } from './backup.ts';
import { restore } from './restore.ts';
import { serve } from './serve.ts';
import { print } from './print.ts';
import { exportCommand } from './export.ts';
import { briefingCommand } from './briefing.ts';
import { importCommand } from './import.ts';
import { withDemand } from './import-demand.ts';
import { helpCommand } from './help.ts';
import { center, centerCatalogue, centerImport, centerLedger, centerRegister } from './center.ts';
import { centerKey, push } from './push.ts';

/** Every `depot` command, in the order `depot help` lists them. Later capabilities add theirs here. */
export const commands: readonly Command[] = [init, demo, backup, restore, serve, print, withDemand(importCommand), exportCommand, briefingCommand, center, centerRegister, centerImport, centerCatalogue, centerLedger, centerKey, push, helpCommand(() => commands)];
