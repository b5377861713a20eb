import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, describeSettings, loadConfig } from './index.ts';

describe('configuration', () => {
  it('has a default and a description for every setting', () => {
    for (const setting of describeSettings()) {
      expect(setting.description.length, setting.name).toBeGreaterThan(10);
    }
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      PARLEY_DATA_DIR: './.parley',
      DATABASE_URL: undefined,
      LOG_LEVEL: 'info',
    });
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        LOG_LEVEL: 'chatty',
        DATABASE_URL: 'mysql://x',
        PARLEY_SECRET_KEY: 'short',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT="eighty": must be an integer/);
      expect(problems).toMatch(/LOG_LEVEL="chatty": must be one of/);
      expect(problems).toMatch(/DATABASE_URL=\(hidden\): must use postgres/);
      expect(problems).toMatch(/PARLEY_SECRET_KEY=\(hidden\): must be at least 32/);
      expect(problems).not.toContain('short');
    }
  });

  it('requires a shared secret key with PostgreSQL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/parley' })).toThrow(/PARLEY_SECRET_KEY: required/);
  });

  it('`parley serve` with a bad value prints the problems and exits non-zero', async () => {
    const run = promisify(execFile);
    const result = await run('node', ['bin/parley.mjs', 'serve'], {
      env: { ...process.env, PORT: '99999', WEBHOOK_BODY_LIMIT_BYTES: 'lots' },
    }).catch((error: { code: number; stderr: string }) => error);
    expect('code' in result ? result.code : 0).toBe(2);
    expect(result.stderr).toMatch(/PORT="99999": must be between/);
    expect(result.stderr).toMatch(/WEBHOOK_BODY_LIMIT_BYTES="lots"/);
  });
});
