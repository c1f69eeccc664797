import type { Cli, Command } from './command.ts';

/** `depot help`: every command with its options and what it does. */
export function overview(commands: readonly Command[], { t }: Cli): string[] {
  const width = Math.max(...commands.map((c) => `${c.name} ${c.usage}`.length));
  return [
    t('cli.title'),
    '',
    t('cli.usage'),
    '',
    t('cli.commandsHeading'),
    ...commands.map((c) => `  ${`${c.name} ${c.usage}`.padEnd(width)}   ${t(`cli.summary.${c.name}`)}`),
    '',
    t('cli.optionsHeading'),
    ...commonOptions(t),
    '',
    t('cli.moreHelp'),
  ];
}

/** `depot help init`, `depot init --help`, and under a usage error of that command. */
export function commandHelp(command: Command, { t }: Cli): string[] {
  return [t('cli.commandUsage', { name: command.name, usage: command.usage }), `  ${t(`cli.summary.${command.name}`)}`, '', t('cli.optionsHeading'), ...commonOptions(t)];
}

const commonOptions = (t: Cli['t']) => [`  --lang zh-CN|en   ${t('cli.langOption')}`, `  --help, -h        ${t('cli.helpOption')}`];
