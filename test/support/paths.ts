import { join } from 'node:path';

/** The root of this repository (where package.json is). */
export const repoRoot = join(__dirname, '../..');
