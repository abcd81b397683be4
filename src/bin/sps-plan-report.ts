#!/usr/bin/env node
/**
 * sps-plan-report: turns `terraform show -json <planfile>` (a file argument or stdin) into
 * Markdown for a pull-request comment.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parsePlan, renderReport } from '../report';
import { CommandError, parseCommandLine, runCommand, UsageError } from './command-line';

const PROGRAM = 'sps-plan-report';
const USAGE = `usage: terraform show -json plan.tfplan | ${PROGRAM} [--stack NAME] [--url URL] [--commit-message TEXT] [--plan-text FILE] [plan.json]

Writes a Markdown report of a Terraform plan for a pull-request comment: Terraform's own "Plan:"
line with the replacements listed under it, destroys and replacements first, drift, attribute
diffs with secrets redacted (sets of the sps resources by membership), the commit message, and
the full plan folded away. Every value from the plan or the environment is escaped for GitHub
(no HTML, links or @mentions). Exits 0 (also when nothing changes); 2 on input that is not a plan.

  --stack NAME            the stack's name in the header (default: the current directory's name)
  --url URL               the appliance's URL (default: SPS_URL; credentials in it are dropped)
  --commit-message TEXT   the commit message to show (default: SPS_COMMIT_MESSAGE)
  --plan-text FILE        the output of \`terraform show plan.tfplan\` to include verbatim
  -h, --help              this help
`;

runCommand(PROGRAM, () => {
  const { values, positionals } = parseCommandLine(PROGRAM, USAGE, {
    stack: { type: 'string' },
    url: { type: 'string' },
    'commit-message': { type: 'string' },
    'plan-text': { type: 'string' },
  });
  if (positionals.length > 1) throw new UsageError(`expected at most one plan file, got ${positionals.length}`);
  let report;
  try {
    const input = positionals[0] ? readFileSync(positionals[0], 'utf8') : readFileSync(0, 'utf8');
    report = renderReport(parsePlan(input), {
      stack: values.stack ?? basename(process.cwd()),
      url: values.url ?? process.env.SPS_URL,
      commitMessage: values['commit-message'] ?? process.env.SPS_COMMIT_MESSAGE,
      planText: values['plan-text'] ? readFileSync(values['plan-text'], 'utf8') : undefined,
    });
  } catch (error) {
    throw new CommandError((error as Error).message, 2);
  }
  process.stdout.write(report.markdown);
  return 0;
});
