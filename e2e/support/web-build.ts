import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;

/** Every file the web build reads from `web/` (sources, config, index.html), sorted. */
function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name === 'dist' || name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else files.push(path);
  }
  return files;
}

function sourceKey(): string {
  const hash = createHash('sha256');
  for (const path of [...sourceFiles(join(ROOT, 'web')), join(ROOT, 'package-lock.json')]) {
    hash.update(relative(ROOT, path)).update('\0').update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * A production build of the SPA, made once per version of the web sources and shared by every e2e
 * file (and later runs): the first caller builds under a lock directory, the others wait for it.
 */
export function buildWeb(): string {
  const outDir = join(tmpdir(), `parley-web-dist-${sourceKey()}`);
  const lock = `${outDir}.lock`;
  for (;;) {
    if (existsSync(join(outDir, 'index.html'))) return outDir;
    try {
      mkdirSync(lock);
    } catch {
      // Someone else is building; a lock older than five minutes belongs to a crashed run.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 300_000)
        rmSync(lock, { recursive: true });
      pause(250);
      continue;
    }
    try {
      const building = `${outDir}.building-${process.pid}`;
      execFileSync(
        'node',
        ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'error'],
        {
          cwd: ROOT,
          env: { ...process.env, PARLEY_WEB_OUT_DIR: building },
          stdio: ['ignore', 'ignore', 'inherit'],
        },
      );
      rmSync(outDir, { recursive: true, force: true });
      renameSync(building, outDir);
      return outDir;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}
