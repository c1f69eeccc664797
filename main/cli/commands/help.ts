import { CliError, type Command } from '../command.ts';
import { commandHelp, overview } from '../usage.ts';

/** `depot help [COMMAND]`. It lists the other commands, so it is handed them rather than importing the list. */
export function helpCommand(all: () => readonly Command[]): Command {
  return {
    name: 'help',
    usage: '[COMMAND]',
    options: {},
    maxPositionals: 1,
    run({ positionals: [name] }, cli) {
      const command = name === undefined ? undefined : all().find((c) => c.name === name);
      if (name !== undefined && !command) throw new CliError(cli.t('cli.error.unknownCommand', { name }), 2);
      for (const line of command ? commandHelp(command, cli) : overview(all(), cli)) cli.out(line);
    },
  };
}
