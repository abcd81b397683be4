/**
 * The package's construct entries (`sps-iac` for cdktf, `sps-iac/cdktn` for cdktn) when the CDK
 * they build on is not installed. cdktf and cdktn are optional peers, so the entry still loads
 * (its version constants, or next to the other CDK), and every construct, used, says what to
 * install. scripts/build-cdktn.mjs puts the check into both entries.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Flavour = 'cdktf' | 'cdktn';

const FLAVOURS: Record<Flavour, { entry: string; title: string; other: Flavour }> = {
  cdktf: { entry: 'sps-iac', title: 'CDK for Terraform', other: 'cdktn' },
  cdktn: { entry: 'sps-iac/cdktn', title: 'CDK Terrain', other: 'cdktf' },
};

/** Whether `name` can be loaded from this package (as the constructs load it), without loading it. */
function installed(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}

/** Whether the constructs of `flavour` can load: its CDK and `constructs` are installed. */
export function cdkInstalled(flavour: Flavour): boolean {
  return installed(flavour) && installed('constructs');
}

/** What to say when `name` of `flavour`'s entry is used without its CDK. */
export function missingCdkMessage(flavour: Flavour, name: string): string {
  const { entry, title, other } = FLAVOURS[flavour];
  const peers = (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> }).peerDependencies;
  const install = (cdk: Flavour) => `npm install ${[cdk, 'constructs'].filter((peer) => !installed(peer)).map((peer) => `${peer}@${peers[peer]}`).join(' ')}`;
  const needs = `${entry}: ${name} needs ${title} (${flavour}), which is not installed`;
  if (installed(flavour)) return `${entry}: ${name} needs the constructs package, which is not installed. Install it: ${install(flavour)}`;
  if (installed(other)) return `${needs}; ${other} is: import from "${FLAVOURS[other].entry}" instead, or install ${flavour}: ${install(flavour)}`;
  return `${needs}. Install it: ${install(flavour)}. Or, for ${FLAVOURS[other].title}: ${install(other)}, and import from "${FLAVOURS[other].entry}".`;
}

/**
 * Defines `names` on the entry's exports (those it does not define itself) as stand-ins that
 * throw the message when constructed, called, or read from (`userList.UserList`).
 */
export function defineMissingCdkExports(exports: Record<string, unknown>, flavour: Flavour, names: readonly string[]): void {
  for (const name of names) {
    if (Object.prototype.hasOwnProperty.call(exports, name)) continue;
    const fail = (): never => {
      throw new Error(missingCdkMessage(flavour, name));
    };
    const target = Object.defineProperty(function () {}, 'name', { value: name });
    const standIn = new Proxy(target, { apply: fail, construct: fail, get: (t, key) => (typeof key === 'symbol' || key in t ? Reflect.get(t, key) : fail()) });
    Object.defineProperty(exports, name, { enumerable: true, value: standIn });
  }
}
