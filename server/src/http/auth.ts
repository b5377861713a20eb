import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticateApiToken, authenticateSession, type Principal } from '../accounts/index.ts';
import type { Role } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import type { ServerContext } from './context.ts';

export const SESSION_COOKIE = 'parley_session';

/** Every API route declares who may call it; a route without a declaration fails at startup. */
export type Access = 'public' | 'member' | Role;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const rank: Record<Role, number> = { agent: 0, supervisor: 1, admin: 2 };

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated');
  return request.principal;
}

export async function resolvePrincipal(
  ctx: ServerContext,
  request: FastifyRequest,
): Promise<Principal | null> {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ')) {
    return authenticateApiToken(ctx.db.kysely, authorization.slice(7).trim(), ctx.clock());
  }
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  return authenticateSession(ctx.db.kysely, token, ctx.clock(), ctx.config.SESSION_TTL_HOURS);
}

export function registerAuth(app: FastifyInstance, ctx: ServerContext): void {
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1') && route.config?.access === undefined) {
      throw new Error(`Route ${route.method} ${route.url} declares no access rule`);
    }
  });
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    const access = request.routeOptions.config?.access;
    if (access === undefined || access === 'public') return;
    const principal = await resolvePrincipal(ctx, request);
    if (!principal) throw new AppError('unauthenticated', 'Sign in first (session expired or missing)');
    if (access !== 'member' && rank[principal.role] < rank[access]) {
      throw new AppError('forbidden', `This needs the ${access} role`);
    }
    request.principal = principal;
  });
}
