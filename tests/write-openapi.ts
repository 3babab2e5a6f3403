import fs from 'node:fs';
import path from 'node:path';
import { openApiDocument } from '../electron/core/openapi';
import { SESSION_COOKIE } from '../electron/server/sessions';

/** `npm run openapi`: rewrites docs/openapi.json from the contract (electron/core/openapi.test.ts compares). */
export const OPENAPI_FILE = path.resolve(__dirname, '../docs/openapi.json');
export const renderOpenApi = () => `${JSON.stringify(openApiDocument(SESSION_COOKIE), null, 2)}\n`;

if (require.main === module) {
  fs.writeFileSync(OPENAPI_FILE, renderOpenApi());
  console.log(`已更新 ${path.relative(process.cwd(), OPENAPI_FILE)}`);
}
