import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildWfmCommand } from './cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'wfm-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('wfm CLI', () => {
  it('forecasts a weekday history CSV, then staffs and simulates the forecast', async () => {
    // Four weeks of weekdays 09:00–17:00 at 60 minutes with a midday peak.
    const lines = ['timestamp,count'];
    const start = Date.parse('2024-01-01T00:00:00Z');
    for (let day = 0; day < 28; day++) {
      const date = new Date(start + day * 86_400_000);
      if (date.getUTCDay() === 0 || date.getUTCDay() === 6) continue;
      for (let hour = 9; hour < 17; hour++) {
        lines.push(
          `${date.toISOString().slice(0, 10)} ${String(hour).padStart(2, '0')}:00,${100 + 40 * Math.sin((hour - 9) / 2) + (day % 5) * 5}`,
        );
      }
    }
    writeFileSync(join(dir, 'history.csv'), `${lines.join('\n')}\n`);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const calendar = ['--interval', '60', '--open', '09:00', '--close', '17:00', '--weekdays', '1-5'];
    await buildWfmCommand().parseAsync(
      ['forecast', '--input', join(dir, 'history.csv'), ...calendar, '--out', join(dir, 'fc.csv')],
      { from: 'user' },
    );
    const forecast = readFileSync(join(dir, 'fc.csv'), 'utf8').trim().split('\n');
    expect(forecast[0]).toBe('timestamp,mean,lower80,upper80,lower95,upper95');
    expect(forecast).toHaveLength(1 + 5 * 8);
    expect(forecast[1]).toMatch(/^2024-01-29 09:00,/);
    await buildWfmCommand().parseAsync(
      [
        'staff',
        '--forecast',
        join(dir, 'fc.csv'),
        '--interval',
        '60',
        '--aht',
        '300',
        '--out',
        join(dir, 'staff.csv'),
      ],
      { from: 'user' },
    );
    const staff = readFileSync(join(dir, 'staff.csv'), 'utf8').trim().split('\n');
    expect(staff[0]).toBe('timestamp,volume,productive,scheduled');
    const [, volume, productive, scheduled] = (staff[1] ?? '').split(',').map(Number);
    expect(productive).toBeGreaterThan(((volume ?? 0) * 300) / 3600);
    expect(scheduled).toBe(Math.ceil((productive ?? 0) / 0.7));
    await buildWfmCommand().parseAsync(
      [
        'simulate',
        '--plan',
        join(dir, 'staff.csv'),
        '--interval',
        '60',
        '--aht',
        '300',
        '--replications',
        '3',
        '--out',
        join(dir, 'sim.csv'),
      ],
      { from: 'user' },
    );
    const sim = readFileSync(join(dir, 'sim.csv'), 'utf8').trim().split('\n');
    expect(sim).toHaveLength(1 + 5 * 8);
    const serviceLevels = sim.slice(1).map((l) => Number(l.split(',')[2]));
    expect(Math.min(...serviceLevels)).toBeGreaterThan(0.5);
    vi.restoreAllMocks();
  });
});
