import type { ParseArgsOptionsConfig } from 'node:util';
import type { TFunction } from 'i18next';
import type { Locale } from '../../shared/domain.ts';

/** What a command gets besides its options: the language it speaks and where it writes. */
export interface Cli {
  locale: Locale;
  t: TFunction;
  out(line: string): void;
}

export interface Args {
  /** The values of the command's options, as node:util parseArgs gives them. */
  options: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/**
 * One `depot` subcommand. Its options are node:util parseArgs options; --lang and --help are
 * added to every command. Register it in commands/index.ts. Its one-line summary is the
 * translation `cli.summary.<name>`.
 */
export interface Command {
  name: string;
  /** The options as a person types them: "--db FILE --out FILE [--force]". */
  usage: string;
  options: ParseArgsOptionsConfig;
  /** How many plain arguments (not options) it takes; none unless said. */
  maxPositionals?: number;
  run(args: Args, cli: Cli): Promise<void> | void;
}

/**
 * A refusal the person at the terminal should read (already translated). Exit code 2 means
 * the command line itself was wrong (the usage is shown); 1 means the work was refused.
 */
export class CliError extends Error {
  readonly exitCode: 1 | 2;
  /** The command whose usage to show with a usage error. */
  readonly command: string | undefined;

  constructor(message: string, exitCode: 1 | 2, command?: string) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
    this.command = command;
  }
}

export const refuse = (message: string): CliError => new CliError(message, 1);

/** A string option the command cannot do without. */
export function required(args: Args, name: string, cli: Cli, command: string): string {
  const value = args.options[name];
  if (typeof value !== 'string' || value === '') throw new CliError(cli.t('cli.error.missingOption', { option: `--${name}` }), 2, command);
  return value;
}
