import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '../../main/cli/commands/serve.ts';

const root = join(import.meta.dirname, '..', '..');
const unit = readFileSync(join(root, 'build', 'depot-server.service'), 'utf8');
const value = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(unit)?.[1];

describe('build/depot-server.service (a headless depot server under systemd)', () => {
  it('runs `depot serve` on the LAN with options the command knows, as its own user, stopped by SIGTERM', () => {
    const [, script, command, ...args] = value('ExecStart')!.split(/\s+/);
    expect(script).toBe('/opt/depot-desk/main/cli/depot.ts');
    expect(command).toBe(serve.name);
    const options = args.filter((a) => a.startsWith('--')).map((a) => a.slice(2));
    expect(options.sort()).toEqual(['db', 'host', 'port']);
    for (const option of options) expect(Object.keys(serve.options)).toContain(option);
    expect(args[args.indexOf('--host') + 1]).toBe('0.0.0.0');
    expect(value('User')).toBe('depot');
    expect(value('KillSignal')).toBe('SIGTERM');
    expect(value('Restart')).toBe('on-failure');
    // The database's folder is the one place it may write, and it holds the --db file.
    expect(args[args.indexOf('--db') + 1]!.startsWith(`${value('ReadWritePaths')}/`)).toBe(true);
  });
});
