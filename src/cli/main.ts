/**
 * The `xxgk` command line. The only module that reads argv and the environment, prints, and
 * decides exit codes; everything below it returns values or throws typed errors.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { writeFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { defaultSeedFiles, loadSeeds } from '../config/seeds.js';
import { resolveSettings } from '../config/settings.js';
import { ConfigError, XxgkError } from '../errors.js';
import { EXIT } from './exit-codes.js';
import { crawlHadErrors, runCrawl } from './commands/crawl.js';
import { exportLines, openForReading, overview, queryCommand, showCommand, spamPortals } from './commands/query.js';
import { runReprocess } from './commands/reprocess.js';
import { figuresCommand, listFigureKeys } from './commands/figures.js';
import type { ReportFilter } from '../query/report-query.js';

const print = (line: string) => process.stdout.write(`${line}\n`);

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive whole number');
  return n;
}

function year(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1990 || n > 2100) throw new InvalidArgumentError('must be a year such as 2019');
  return n;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

const storageOption = () => new Option('--storage <dir>', 'archive and crawl state directory').default('./storage');

interface FilterOptions {
  region?: string;
  year?: number;
  text?: string;
  portal?: string;
  spam?: boolean;
}

function filterFrom(opts: FilterOptions): ReportFilter {
  const filter: ReportFilter = {};
  if (opts.spam) filter.spam = true;
  if (opts.region) filter.region = opts.region;
  if (opts.year !== undefined) filter.year = opts.year;
  if (opts.text) filter.text = opts.text;
  if (opts.portal) filter.portal = opts.portal;
  return filter;
}

function addFilterOptions(command: Command): Command {
  return command
    .option('--region <code|name>', 'GB/T 2260 code (410000 includes all of 河南省) or region name')
    .option('--year <year>', 'year reported on (not the year published)', year)
    .option('--text <words>', 'words that must all occur (any length: 复议, 政府信息公开)')
    .option('--portal <id>', 'seed id of the portal')
    .option('--spam', 'only reports in which spam injections were found and removed');
}

export function buildProgram(exit: { code: number }): Command {
  const program = new Command('xxgk')
    .description('Crawl, archive and query Chinese government information disclosure annual reports (政府信息公开工作年度报告).')
    .showHelpAfterError('(run "xxgk --help" or "xxgk <command> --help")')
    .exitOverride();

  program
    .command('crawl')
    .description('crawl the portals in the seed files and file every annual report found into the archive')
    .addOption(storageOption())
    .option('--seeds <file>', 'seed file (repeatable); default: seeds/*.json except demo.json', collect)
    .option('--concurrency <n>', 'requests in flight at once', positiveInt)
    .option('--quiet', 'print only the summary')
    .option('--no-ocr', 'do not read statistics tables published as images')
    .action(async (opts: { storage: string; seeds?: string[]; concurrency?: number; quiet?: boolean; ocr: boolean }) => {
      const files = opts.seeds ?? (await defaultSeedFiles(resolve('seeds')));
      if (!files.length) throw new ConfigError('no seed files: pass --seeds FILE or add seeds/*.json');
      const seeds = await loadSeeds(files);
      const settings = resolveSettings({ maxConcurrency: opts.concurrency }, process.env, process.cwd());
      print(`crawling ${seeds.length} portal(s) from ${files.join(', ')} into ${opts.storage}`);
      const summary = await runCrawl({ storageDir: resolve(opts.storage), seeds, settings, quiet: !!opts.quiet, ocr: opts.ocr, print });
      if (crawlHadErrors(summary)) exit.code = EXIT.PARTIAL;
    });

  program
    .command('demo')
    .description('start the bundled simulated portals on 127.0.0.1, crawl them, and print what was archived')
    .addOption(storageOption())
    .option('--quiet', 'print only the summary')
    .option('--no-ocr', 'do not read statistics tables published as images')
    .action(async (opts: { storage: string; quiet?: boolean; ocr: boolean }) => {
      const { startSimulatedPortals } = await import('../../sim/portals.js');
      const sim = await startSimulatedPortals();
      try {
        const storageDir = resolve(opts.storage);
        await mkdir(storageDir, { recursive: true });
        const seedFile = join(storageDir, 'demo-seeds.json');
        await writeFile(seedFile, `${JSON.stringify({ portals: sim.seeds }, null, 2)}\n`);
        print(`simulated portals: ${sim.portals.map((p) => `${p.seed.id} ${p.origin}`).join(', ')}`);
        print(`seeds written to ${seedFile}`);
        const settings = resolveSettings({}, process.env, process.cwd());
        const summary = await runCrawl({ storageDir, seeds: sim.seeds, settings, quiet: !!opts.quiet, ocr: opts.ocr, print });
        const db = openForReading(storageDir);
        try {
          print('\narchived, per region and year:');
          print(overview(db));
        } finally {
          db.close();
        }
        if (crawlHadErrors(summary)) exit.code = EXIT.PARTIAL;
      } finally {
        await sim.close();
      }
    });

  addFilterOptions(
    program
      .command('query')
      .description('list archived reports matching filters')
      .addOption(storageOption())
      .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table')),
  ).action((opts: FilterOptions & { storage: string; format: 'table' | 'json' | 'csv' }) => {
    const db = openForReading(resolve(opts.storage));
    try {
      print(queryCommand(db, filterFrom(opts), opts.format));
      if (opts.spam && opts.format === 'table') print(`\ncompromised portals:\n${spamPortals(db)}`);
    } finally {
      db.close();
    }
  });

  program
    .command('show')
    .description('print one archived report')
    .argument('<id>', 'report id (from query)', positiveInt)
    .addOption(storageOption())
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((id: number, opts: { storage: string; format: 'text' | 'json' }) => {
      const db = openForReading(resolve(opts.storage));
      try {
        print(showCommand(db, id, opts.format));
      } finally {
        db.close();
      }
    });

  addFilterOptions(
    program
      .command('export')
      .description('write archived reports as JSON lines, one report per line')
      .addOption(storageOption())
      .addOption(new Option('--format <format>', 'export format').choices(['jsonl']).default('jsonl')),
  ).action((opts: FilterOptions & { storage: string }) => {
    const db = openForReading(resolve(opts.storage));
    try {
      for (const line of exportLines(db, filterFrom(opts))) print(line);
    } finally {
      db.close();
    }
  });

  addFilterOptions(
    program
      .command('figures')
      .description('one statistics figure across reports, one row per report (keys: docs/figures.md)')
      .option('--key <key>', 'figure key, e.g. applications.new.total (applications received)')
      .option('--list', 'list the figure keys and how many reports have each')
      .addOption(storageOption())
      .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table')),
  ).action((opts: FilterOptions & { storage: string; key?: string; list?: boolean; format: 'table' | 'json' | 'csv' }) => {
    if (!opts.key && !opts.list) throw new ConfigError('give --key KEY (or --list to see the keys)');
    const db = openForReading(resolve(opts.storage));
    try {
      print(opts.list ? listFigureKeys(db) : figuresCommand(db, opts.key!, filterFrom(opts), opts.format));
    } finally {
      db.close();
    }
  });

  program
    .command('reprocess')
    .description('re-run decoding, spam cleaning and extraction on the archived raw pages (no fetching)')
    .addOption(storageOption())
    .option('--quiet', 'print only the summary')
    .option('--no-ocr', 'do not read statistics tables published as images')
    .action(async (opts: { storage: string; quiet?: boolean; ocr: boolean }) => {
      const errors = await runReprocess(resolve(opts.storage), { quiet: !!opts.quiet, ocr: opts.ocr }, print);
      if (errors > 0) exit.code = EXIT.PARTIAL;
    });

  program
    .command('summary')
    .description('count archived reports per region and year')
    .addOption(storageOption())
    .action((opts: { storage: string }) => {
      const db = openForReading(resolve(opts.storage));
      try {
        print(overview(db));
      } finally {
        db.close();
      }
    });

  return program;
}

/** Runs the CLI; returns the exit code instead of exiting, so tests can call it. */
export async function main(argv: string[]): Promise<number> {
  const exit = { code: EXIT.OK as number };
  const program = buildProgram(exit);
  try {
    await program.parseAsync(argv);
    return exit.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are "errors" to commander; they already printed.
      return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`xxgk: ${error.message}\n`);
      return EXIT.USAGE;
    }
    const message = error instanceof XxgkError ? error.message : (error as Error).stack ?? String(error);
    process.stderr.write(`xxgk: ${error instanceof XxgkError ? message : `unexpected error: ${message}`}\n`);
    return EXIT.FAILURE;
  }
}
