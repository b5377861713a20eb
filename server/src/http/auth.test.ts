import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../db/testing.ts';
import { addUser, manualClock, seedAccount, signIn, startTestServer, type TestServer } from './testing.ts';

describe.each(testEngines())('accounts and auth on %s', (engine) => {
  let server: TestServer;
  const clock = manualClock();
  beforeAll(async () => {
    server = await startTestServer(engine, {
      clock,
      env: { LOGIN_RATE_LIMIT_PER_MINUTE: '5', SESSION_TTL_HOURS: '1' },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('signs in with an HttpOnly cookie, knows who you are, and signs out', async () => {
    const { cookie, email } = await seedAccount(server);
    const me = await server.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ user: { email }, role: 'admin' });
    const login = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: 'correct horse battery' },
    });
    expect(String(login.headers['set-cookie'])).toMatch(/HttpOnly/);
    const out = await server.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(200);
    const after = await server.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const { email } = await seedAccount(server);
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: 'wrong' },
      remoteAddress: '10.9.9.1',
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      error: { code: 'invalid_credentials', message: 'Wrong email or password' },
    });
  });

  it('expires an unused session', async () => {
    const { cookie } = await seedAccount(server);
    clock.advance(2 * 3_600_000);
    const res = await server.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('rate-limits login attempts per address and email', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await server.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'nobody@example.test', password: 'x' },
        remoteAddress: '10.7.7.7',
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it('enforces roles and records admin actions in the audit log', async () => {
    const { cookie, accountId } = await seedAccount(server);
    const agent = await addUser(server, accountId, 'agent');
    const forbidden = await server.app.inject({
      method: 'POST',
      url: '/api/v1/channels',
      headers: { cookie: agent.cookie },
      payload: { provider: 'api', name: 'nope' },
    });
    expect(forbidden.statusCode).toBe(403);
    const created = await server.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie },
      payload: { email: `new-${accountId.slice(0, 8)}@example.test`, name: 'New Agent', role: 'agent' },
    });
    expect(created.statusCode).toBe(201);
    const { generatedPassword, member } = created.json() as {
      generatedPassword: string;
      member: { email: string };
    };
    expect(await signIn(server, member.email, generatedPassword)).toMatch(/^parley_session=/);
    const audit = await server.app.inject({ method: 'GET', url: '/api/v1/audit-log', headers: { cookie } });
    expect((audit.json() as { items: { action: string }[] }).items.map((i) => i.action)).toContain(
      'member.added',
    );
  });

  it('API tokens authenticate as bearer, are shown once and can be revoked', async () => {
    const { cookie } = await seedAccount(server);
    const created = await server.app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: { cookie },
      payload: { name: 'CRM sync', role: 'agent' },
    });
    const { id, token } = created.json() as { id: string; token: string };
    const authorization = `Bearer ${token}`;
    expect(
      (await server.app.inject({ method: 'GET', url: '/api/v1/conversations', headers: { authorization } }))
        .statusCode,
    ).toBe(200);
    const listed = await server.app.inject({ method: 'GET', url: '/api/v1/api-tokens', headers: { cookie } });
    expect(JSON.stringify(listed.json())).not.toContain(token);
    await server.app.inject({ method: 'DELETE', url: `/api/v1/api-tokens/${id}`, headers: { cookie } });
    expect(
      (await server.app.inject({ method: 'GET', url: '/api/v1/conversations', headers: { authorization } }))
        .statusCode,
    ).toBe(401);
  });

  it('never returns channel secrets', async () => {
    const { cookie } = await seedAccount(server);
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/channels',
      headers: { cookie },
      payload: { provider: 'api', name: 'Secretive', secrets: { signingSecret: 'super-secret-value' } },
    });
    expect(res.statusCode).toBe(201);
    expect(res.body).not.toContain('super-secret-value');
    expect(res.json()).toMatchObject({ secretsSet: ['signingSecret'] });
    const stored = await server.runtime.ctx.db.kysely
      .selectFrom('channels')
      .select('credentials_encrypted')
      .execute();
    expect(JSON.stringify(stored)).not.toContain('super-secret-value');
  });
});
