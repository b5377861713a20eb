import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { describePrincipal, login, logout, switchAccount } from '../../accounts/index.ts';
import { principalOf, SESSION_COOKIE } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { Ok, Uuid } from '../schemas.ts';

export async function authRoutes(app: FastifyInstance, ctx: ServerContext) {
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: ctx.config.SECURE_COOKIES,
    path: '/',
  };

  app.post(
    '/auth/login',
    {
      config: {
        access: 'public',
        // Keyed by address and email, after the body is parsed: guessing one person's password is
        // slowed without locking out a whole office behind one NAT address.
        rateLimit: {
          max: ctx.config.LOGIN_RATE_LIMIT_PER_MINUTE,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (request) =>
            `${request.ip}:${String((request.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password; sets the HttpOnly session cookie',
        body: Type.Object({
          email: Type.String({ minLength: 3, maxLength: 320 }),
          password: Type.String({ minLength: 1, maxLength: 1000 }),
        }),
      },
    },
    async (request, reply) => {
      const { email, password } = request.body as { email: string; password: string };
      const session = await login(ctx.db.kysely, {
        email,
        password,
        now: ctx.clock(),
        ttlHours: ctx.config.SESSION_TTL_HOURS,
      });
      reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions, expires: session.expiresAt });
      return describePrincipal(ctx.db.kysely, session.principal);
    },
  );

  app.post(
    '/auth/logout',
    { config: { access: 'member' }, schema: { tags: ['auth'], response: { 200: Ok } } },
    async (request, reply) => {
      const principal = principalOf(request);
      if (principal.sessionHash) await logout(ctx.db.kysely, principal.sessionHash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get('/auth/me', { config: { access: 'member' }, schema: { tags: ['auth'] } }, async (request) =>
    describePrincipal(ctx.db.kysely, principalOf(request)),
  );

  app.post(
    '/auth/switch-account',
    { config: { access: 'member' }, schema: { tags: ['auth'], body: Type.Object({ accountId: Uuid }) } },
    async (request) => {
      const { accountId } = request.body as { accountId: string };
      const principal = await switchAccount(ctx.db.kysely, principalOf(request), accountId);
      return describePrincipal(ctx.db.kysely, principal);
    },
  );
}
