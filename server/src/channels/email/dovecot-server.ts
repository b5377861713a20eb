import { type ChildProcess, spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

// Test support: a real IMAP server (Debian's dovecot) with its own configuration in a temporary
// directory, listening on 127.0.0.1 on a free port, users from a passwd-file, Maildir storage.

export const DOVECOT_BINARY = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((path) =>
  existsSync(path),
);

export interface Dovecot {
  port: number;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('data', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function passwdEntry(name: string): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`no system user ${name} (is dovecot-core installed?)`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function groupName(gid: number): string {
  const line = readFileSync('/etc/group', 'utf8')
    .split('\n')
    .find((l) => l.split(':')[2] === String(gid));
  if (!line) throw new Error(`no group with id ${gid}`);
  return line.split(':')[0] ?? '';
}

export async function startDovecot(users: { user: string; password: string }[]): Promise<Dovecot> {
  // The free port may be taken by someone else before dovecot binds it: try another.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnFreePort(users);
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

async function startOnFreePort(users: { user: string; password: string }[]): Promise<Dovecot> {
  if (!DOVECOT_BINARY) throw new Error('dovecot is not installed (apt-get install dovecot-imapd)');
  const dir = mkdtempSync(join(tmpdir(), 'parley-dovecot-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const me = userInfo();
  // As root, dovecot runs its workers as its own unprivileged users; as anyone else, as that user.
  const isRoot = me.uid === 0;
  const internalUser = isRoot ? 'dovecot' : me.username;
  const loginUser = isRoot ? 'dovenull' : me.username;
  const mail = isRoot ? passwdEntry('dovecot') : { uid: me.uid, gid: me.gid };
  mkdirSync(join(dir, 'run'));
  mkdirSync(join(dir, 'mail'));
  writeFileSync(join(dir, 'users'), users.map((u) => `${u.user}:{PLAIN}${u.password}::::::\n`).join(''));
  writeFileSync(
    join(dir, 'dovecot.conf'),
    `base_dir = ${dir}/run
state_dir = ${dir}/run
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
login_trusted_networks = 127.0.0.0/8
default_internal_user = ${internalUser}
default_internal_group = ${isRoot ? 'dovecot' : groupName(me.gid)}
default_login_user = ${loginUser}
first_valid_uid = 1
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${mail.uid} gid=${mail.gid} home=${dir}/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
`,
  );
  if (isRoot) chownSync(join(dir, 'mail'), mail.uid, mail.gid);
  const child: ChildProcess = spawn(DOVECOT_BINARY, ['-F', '-c', join(dir, 'dovecot.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });
  const log = () =>
    existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8') : '';
  const deadline = Date.now() + 30_000;
  while (!(await accepts(port))) {
    if (hasExited || Date.now() > deadline) {
      child.kill('SIGKILL');
      const reason = `dovecot did not start: ${stderr}${log()}`;
      rmSync(dir, { recursive: true, force: true });
      throw new Error(reason);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    port,
    async close() {
      if (!hasExited) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
