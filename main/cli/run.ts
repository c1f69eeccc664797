import { parseArgs } from 'node:util';
import { LOCALES, type Locale } from '../../shared/domain.ts';
import { createI18n, DEFAULT_LOCALE } from '../../shared/i18n/index.ts';
import { DepotError } from '../core/errors.ts';
import { CliError, type Cli, type Command } from './command.ts';
import { commands } from './commands/index.ts';
import { commandHelp, overview } from './usage.ts';

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

const stdio: Io = { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) };

/**
 * `depot <command> [options]`: runs one command and answers with the exit code — 0 done,
 * 1 refused (the reason on stderr), 2 the command line was wrong (the reason and the usage).
 */
export async function runCli(argv: readonly string[], io: Io = stdio): Promise<number> {
  const lang = langOf(argv);
  const locale: Locale = (LOCALES as readonly string[]).includes(lang ?? '') ? (lang as Locale) : DEFAULT_LOCALE;
  const { t } = createI18n(locale);
  const cli: Cli = { locale, t, out: io.out };
  let command: Command | undefined;

  try {
    if (lang !== undefined && lang !== locale) throw new CliError(t('cli.error.badLang', { lang }), 2);
    const { name, rest } = splitCommand(argv);
    if (name === undefined) {
      if (rest.some(isHelp)) {
        overview(commands, cli).forEach((line) => io.out(line));
        return 0;
      }
      throw new CliError(t('cli.error.noCommand'), 2);
    }
    command = commands.find((c) => c.name === name);
    if (!command) throw new CliError(t('cli.error.unknownCommand', { name }), 2);

    const { values, positionals } = parse(command, rest, cli);
    if (values.help) {
      commandHelp(command, cli).forEach((line) => io.out(line));
      return 0;
    }
    await command.run({ options: values, positionals }, cli);
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`${t('cli.error.prefix')}${e.message}`);
      if (e.exitCode === 2) {
        io.err('');
        (command ? commandHelp(command, cli) : overview(commands, cli)).forEach((line) => io.err(line));
      }
      return e.exitCode;
    }
    // Refusals of the core (a database newer than the app, …) come translated, without a stack.
    if (e instanceof DepotError) {
      io.err(`${t('cli.error.prefix')}${t(`errors.${e.code}`, e.params as Record<string, string>)}`);
      return 1;
    }
    io.err(`${t('cli.error.prefix')}${t('cli.error.failed', { detail: e instanceof Error ? e.message : String(e) })}`);
    if (process.env.DEPOT_DEBUG && e instanceof Error && e.stack) io.err(e.stack);
    return 1;
  }
}

const isHelp = (arg: string) => arg === '--help' || arg === '-h';

/** --lang is read before anything else, so that even a wrong command line is explained in the asked language. */
function langOf(argv: readonly string[]): string | undefined {
  let lang: string | undefined;
  argv.forEach((arg, i) => {
    if (arg === '--lang') lang = argv[i + 1] ?? '';
    else if (arg.startsWith('--lang=')) lang = arg.slice('--lang='.length);
  });
  return lang;
}

/** The command is the first argument after any common options (`depot --lang en init …` works too). */
function splitCommand(argv: readonly string[]): { name: string | undefined; rest: string[] } {
  let i = 0;
  while (i < argv.length) {
    const arg = argv[i]!;
    if (arg === '--lang') i += 2;
    else if (arg.startsWith('--lang=') || isHelp(arg)) i += 1;
    else break;
  }
  const name = argv[i];
  if (name === undefined || name.startsWith('-')) return { name: undefined, rest: [...argv] };
  return { name, rest: [...argv.slice(0, i), ...argv.slice(i + 1)] };
}

function parse(command: Command, args: string[], { t }: Cli) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { ...command.options, lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (e) {
    throw new CliError(argumentError(e, t), 2);
  }
  const extra = parsed.positionals[command.maxPositionals ?? 0];
  if (extra !== undefined) throw new CliError(t('cli.error.unexpectedArgument', { arg: extra }), 2);
  return parsed;
}

/** node:util's messages are English and long; the person at the desk gets the gist in their language. */
function argumentError(e: unknown, t: Cli['t']): string {
  const message = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: string }).code;
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return t('cli.error.unknownOption', { option });
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /missing|ambiguous/.test(message)) return t('cli.error.missingValue', { option });
  return t('cli.error.badArgs', { detail: message });
}
