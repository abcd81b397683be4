// Makes every command listed in package.json's "bin" executable. tsc writes its output with the
// default file mode (0644), and npm fixes the mode only when it links a package; in a checkout
// rebuilt with `npm run build`, `npx sps-simulator` would then fail with "Permission denied".
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { bin } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
for (const [name, file] of Object.entries(bin)) {
  if (!existsSync(join(root, file))) throw new Error(`package.json bin "${name}": ${file} was not built`);
  chmodSync(join(root, file), 0o755);
}
