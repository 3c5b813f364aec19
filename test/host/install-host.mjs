// @ts-check
// Installs the offline VS Code (code-server) into its cache when the cache lacks it. `npm test`
// runs this alongside typecheck, lint and unit, which do not need it.
import { ensureCodeServer } from './codeServer.mjs';

await ensureCodeServer();
