#!/usr/bin/env node
/**
 * sps-plan-report: turns `terraform show -json <planfile>` (a file argument or stdin) into
 * Markdown for a pull-request comment.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { parsePlan, renderReport } from '../report';

const USAGE = 'usage: terraform show -json plan.tfplan | sps-plan-report [--stack NAME] [--url URL] [--commit-message TEXT] [--plan-text FILE] [plan.json]';

function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      stack: { type: 'string' },
      url: { type: 'string' },
      'commit-message': { type: 'string' },
      'plan-text': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const input = positionals[0] ? readFileSync(positionals[0], 'utf8') : readFileSync(0, 'utf8');
  const report = renderReport(parsePlan(input), {
    stack: values.stack ?? basename(process.cwd()),
    url: values.url ?? process.env.SPS_URL,
    commitMessage: values['commit-message'] ?? process.env.SPS_COMMIT_MESSAGE,
    planText: values['plan-text'] ? readFileSync(values['plan-text'], 'utf8') : undefined,
  });
  process.stdout.write(report.markdown);
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  process.stderr.write(`sps-plan-report: ${(error as Error).message}\n${USAGE}\n`);
  process.exitCode = 2;
}
