import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ExitCode } from '../exit-codes.ts';
import { checkInputFile } from '../input-file.ts';
import { createProgress, writeErr, writeJson, writeOut } from '../output/streams.ts';
import { plural } from '../output/table.ts';
import { describeError } from '../runner/describe-error.ts';
import type { GlobalOptions } from '../runner/global-options.ts';
import { reportError } from '../runner/report-error.ts';
import { runApiCommand } from '../runner/run-api-command.ts';
import { UsageError } from '../usage-error.ts';
import type { EvalCommandOptions } from './options.ts';
import { renderEvalReport } from './render.ts';
import { evalSetup } from './setup.ts';

/** A progress bar: `eval ██████░░░░ 12/30 · 1 failed · $0.0012`. */
function bar(done: number, total: number, width = 24): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

/**
 * `tunekit eval`: exit 0 when every request was answered, 1 when some failed after the
 * retries (or on bad data), 2 on a usage error, 7 when the budget or cost cap stopped it
 * early, 130 after Ctrl-C — the results file keeps everything answered so far.
 */
export async function runEvalCommand(
  command: Command,
  examples: string,
  options: EvalCommandOptions,
): Promise<number> {
  let setup: Awaited<ReturnType<typeof evalSetup>>;
  try {
    await checkInputFile(examples);
    setup = await evalSetup(options);
  } catch (error) {
    // Every file an option names (prompts, schemas, modules, a catalog) is part of the
    // command line: one that cannot be used is a usage error, whatever the reader threw.
    const usageError =
      error instanceof UsageError
        ? error
        : new UsageError(error instanceof Error ? error.message : String(error), { cause: error });
    const globals = command.optsWithGlobals<GlobalOptions>();
    return reportError(describeError(usageError), {
      json: options.json === true,
      debug: globals.debug === true,
      stack: error instanceof Error ? error.stack : undefined,
    });
  }
  const rerun = options.results
    ? `run the same command again to continue from ${options.results}`
    : 'pass --results <file> to be able to continue where a run stopped';
  return runApiCommand(
    command,
    async ({ client, json, signal }) => {
      const { runEval } = await import('../../workflow/eval/index.ts');
      const progress = createProgress();
      let report: Awaited<ReturnType<typeof runEval>>;
      try {
        report = await runEval(client, {
          examples,
          format: options.format,
          candidates: setup.candidates,
          scorers: setup.scorers,
          concurrency: options.concurrency,
          maxRequests: options.maxRequests,
          maxCostUsd: options.maxCost,
          maxOutputTokens: options.maxOutputTokens,
          temperature: options.temperature,
          resultsFile: options.results,
          catalog: setup.catalog,
          signal,
          onProgress: (p) =>
            progress.update(
              `eval ${bar(p.done, p.total)} ${p.done}/${p.total}${p.errors ? ` · ${p.errors} failed` : ''}${p.spentUsd ? ` · $${p.spentUsd}` : ''}`,
            ),
        });
      } finally {
        progress.done();
      }
      if (options.html) {
        const { renderEvalHtml } = await import('../../workflow/eval/report/html.ts');
        await writeFile(options.html, renderEvalHtml(report));
      }
      if (json) writeJson(report);
      else writeOut(renderEvalReport(report));

      const run = report.run;
      const spent =
        run.spentUsd === null ? 'an unknown amount (a price is missing)' : `$${run.spentUsd}`;
      writeErr(
        `spent ${spent} on ${plural(run.sent + run.gradingRequests, 'request')} (${plural(run.reused, 'answer')} reused)${options.results ? `; results in ${options.results}` : ''}${options.html ? `; report in ${options.html}` : ''}`,
      );
      if (!run.complete) {
        writeErr(
          `stopped early: ${run.stopReason}; ${plural(run.pending, 'request')} not sent — ${rerun}`,
        );
        return ExitCode.Incomplete;
      }
      const failed = report.candidates.reduce((sum, c) => sum + c.errors, 0);
      if (failed > 0) {
        writeErr(
          `${plural(failed, 'request')} failed after the retries — ${rerun} (failed ones are asked again)`,
        );
        return ExitCode.Error;
      }
      return ExitCode.Ok;
    },
    { onInterrupt: () => writeErr(`\nInterrupted: answers so far are kept — ${rerun}.`) },
  );
}
