/**
 * `cdktf deploy '*'` output split per stack. cdktf prints each chunk of a stack's terraform output
 * with the stack's name on the first line only and pads the rest, and chunks of parallel stacks
 * interleave; so a line belongs to the stack named last. (Matching `<stack>\s+Apply complete!`
 * instead fails whenever that line is not first in its chunk.)
 */
export function outputByStack(output: string, stacks: readonly string[]): Record<string, string> {
  const lines: Record<string, string[]> = Object.fromEntries(stacks.map((name) => [name, []]));
  let current: string | undefined;
  for (const line of output.split('\n')) {
    const named = stacks.find((name) => line.startsWith(`${name}  `));
    if (named) current = named;
    if (current) lines[current].push(named ? line.slice(named.length).trim() : line.trim());
  }
  return Object.fromEntries(stacks.map((name) => [name, lines[name].join('\n')]));
}
