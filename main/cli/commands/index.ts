import type { Command } from '../command.ts';
import { init } from './init.ts';
import { demo } from './demo.ts';
import { backup } from './backup.ts';
import { helpCommand } from './help.ts';

/** Every `depot` command, in the order `depot help` lists them. Later capabilities add theirs here. */
export const commands: readonly Command[] = [init, demo, backup, helpCommand(() => commands)];
