// `parley serve` with the built web app registered, as the CLI will do once it is wired in.
// Run: node --import tsx e2e/support/serve-web.ts (env as for parley serve, plus PARLEY_WEB_DIST).
import { loadConfig } from '../../server/src/config/index.ts';
import { registerWebApp } from '../../server/src/http/web-app.ts';
import { serve } from '../../server/src/runtime/serve.ts';

const distDir = process.env.PARLEY_WEB_DIST;
if (!distDir) throw new Error('PARLEY_WEB_DIST is required');
await serve({ config: loadConfig(), extend: (app) => registerWebApp(app, { distDir }) });
