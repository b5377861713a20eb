export { authenticateApiToken, createApiToken, listApiTokens, revokeApiToken } from './api-tokens.ts';
export { type AuditEntry, listAudit, recordAudit } from './audit.ts';
export { generatePassword, hashPassword, hashToken, verifyPassword } from './secrets.ts';
export { DEMO_ACCOUNT_SLUG, DEMO_PASSWORD, DEMO_USERS, seedAdmin, seedDemoAccount } from './seed.ts';
export {
  authenticateSession,
  describePrincipal,
  login,
  logout,
  type Principal,
  switchAccount,
} from './sessions.ts';
export { addMember, changeRole, createAccount, listMembers, type Member, removeMember } from './users.ts';
