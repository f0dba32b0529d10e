/**
 * The `xxgk` command line. The only module that reads argv and the environment, prints, and
 * decides exit codes; everything below it returns values or throws typed errors.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { writeFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { defaultSeedFiles, loadSeeds } from '../config/seeds.js';
import { resolveSettings } from '../config/settings.js';
import { ConfigError, InterruptedError, XxgkError } from '../errors.js';
import { exitCodeOfSignal, stoppableBySignals } from './stop-signals.js';
import { EXIT } from './exit-codes.js';
import { StorageBusyError } from '../schedule/storage-lock.js';
import { crawlHadErrors, runCrawl } from './commands/crawl.js';
import { coverageCommand } from './commands/coverage.js';
import { copyArchive, figureCsvLines, writeFiguresParquet } from '../query/export-formats.js';
import { buildServer } from '../serve/server.js';
import { regionName } from '../extract/region.js';
import { exportLines, openForReading, overview, queryCommand, searchCommand, showCommand, spamPortals } from './commands/query.js';
import { runReprocess } from './commands/reprocess.js';
import { figuresCommand, listFigureKeys } from './commands/figures.js';
import { ISSUER_KINDS, REGION_LEVELS, type IssuerKind, type ReportFilter, type RegionLevel } from '../query/report-query.js';
import type { PortalSeed } from '../types.js';
import { runSchedule } from './commands/schedule.js';
import { failuresCommand, runsCommand } from './commands/runs.js';
import { verifyCommand } from './commands/verify.js';

const print = (line: string) => process.stdout.write(`${line}\n`);
const printErr = (line: string) => process.stderr.write(`${line}\n`);

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

const isTty = () => process.stderr.isTTY === true;

interface SeedOptions {
  storage: string;
  seeds?: string[];
  portal?: string[];
}

/** The seeds a run covers: the files given (or seeds/*.json), narrowed to --portal ids. */
async function seedsFrom(opts: SeedOptions): Promise<{ seeds: PortalSeed[]; files: string[] }> {
  const files = opts.seeds ?? (await defaultSeedFiles(resolve('seeds')));
  if (!files.length) throw new ConfigError('no seed files: pass --seeds FILE or add seeds/*.json');
  let seeds = await loadSeeds(files);
  if (opts.portal?.length) {
    const unknown = opts.portal.filter((id) => !seeds.some((s) => s.id === id));
    if (unknown.length) throw new ConfigError(`no portal ${unknown.join(', ')} in ${files.join(', ')}`);
    seeds = seeds.filter((s) => opts.portal!.includes(s.id));
  }
  return { seeds, files };
}

/** The governments of the seed portals' regions, which coverage expects a report from every year. */
async function expectedGovernments(files: string[]): Promise<{ regionCode: string; regionName: string }[]> {
  return (await loadSeeds(files)).flatMap((s) => {
    const name = regionName(s.region);
    return name ? [{ regionCode: s.region, regionName: name }] : [];
  });
}

const storageOption = () => new Option('--storage <dir>', 'archive and crawl state directory').default('./storage');

interface FilterOptions {
  region?: string;
  year?: number;
  text?: string;
  portal?: string;
  spam?: boolean;
  level?: RegionLevel;
  kind?: IssuerKind;
}

function filterFrom(opts: FilterOptions): ReportFilter {
  const filter: ReportFilter = {};
  if (opts.spam) filter.spam = true;
  if (opts.region) filter.region = opts.region;
  if (opts.year !== undefined) filter.year = opts.year;
  if (opts.text) filter.text = opts.text;
  if (opts.portal) filter.portal = opts.portal;
  if (opts.level) filter.level = opts.level;
  if (opts.kind) filter.kind = opts.kind;
  return filter;
}

function addFilterOptions(command: Command): Command {
  return command
    .option('--region <code|name>', 'GB/T 2260 code (410000 includes all of 河南省) or region name')
    .option('--year <year>', 'year reported on (not the year published)', year)
    .option('--text <words>', 'words that must all occur (any length: 复议, 政府信息公开)')
    .option('--portal <id>', 'seed id of the portal')
    .option('--spam', 'only reports in which spam injections were found and removed')
    .addOption(new Option('--level <level>', 'only reports filed under a province, a city or a county (district)').choices(REGION_LEVELS))
    .addOption(new Option('--kind <kind>', "only governments' own reports, or only their departments'").choices(ISSUER_KINDS));
}

export function buildProgram(exit: { code: number }): Command {
  const program = new Command('xxgk')
    .description('Crawl, archive and query Chinese government information disclosure annual reports (政府信息公开工作年度报告).')
    .showHelpAfterError('(run "xxgk --help" or "xxgk <command> --help")')
    .exitOverride();

  program
    .command('crawl')
    .description(
      'the nightly crawl: read each portal\'s report column as far as something is new and file the new reports ' +
        '(the first crawl of a portal reads it all)',
    )
    .addOption(storageOption())
    .option('--seeds <file>', 'seed file (repeatable); default: seeds/*.json except demo.json', collect)
    .option('--portal <id>', 'only this portal (repeatable)', collect)
    .option('--recheck', 'read every listing page and ask again for every archived report (conditional requests): finds reports revised in place')
    .option('--full', 'read every listing page and refetch every report')
    .option('--concurrency <n>', 'requests in flight at once, over all hosts', positiveInt)
    .option('--quiet', 'print only the summary')
    .option('--no-ocr', 'do not read statistics tables published as images')
    .action(async (opts: SeedOptions & { recheck?: boolean; full?: boolean; concurrency?: number; quiet?: boolean; ocr: boolean }) => {
      if (opts.recheck && opts.full) throw new ConfigError('--recheck and --full exclude each other');
      const { seeds, files } = await seedsFrom(opts);
      const settings = resolveSettings({ maxConcurrency: opts.concurrency }, process.env, process.cwd());
      const mode = opts.full ? 'full' : opts.recheck ? 'recheck' : 'nightly';
      print(`${mode} crawl of ${seeds.length} portal(s) from ${files.join(', ')} into ${opts.storage}`);
      const summary = await stoppableBySignals(
        (signal) => runCrawl({ storageDir: resolve(opts.storage), seeds, settings, mode, quiet: !!opts.quiet, ocr: opts.ocr, print, tty: isTty(), signal }),
        printErr,
      );
      if (crawlHadErrors(summary)) exit.code = EXIT.PARTIAL;
    });

  program
    .command('backfill')
    .description(
      'read whole report columns (every listing page) and file the reports of the years given; ' +
        'an interrupted backfill resumes where it stopped when run again with the same options',
    )
    .requiredOption('--from <year>', 'first year reported on', year)
    .option('--to <year>', 'last year reported on (default: --from)', year)
    .addOption(storageOption())
    .option('--seeds <file>', 'seed file (repeatable); default: seeds/*.json except demo.json', collect)
    .option('--portal <id>', 'only this portal (repeatable)', collect)
    .option('--concurrency <n>', 'requests in flight at once, over all hosts', positiveInt)
    .option('--quiet', 'print only the summary')
    .option('--no-ocr', 'do not read statistics tables published as images')
    .action(async (opts: SeedOptions & { from: number; to?: number; concurrency?: number; quiet?: boolean; ocr: boolean }) => {
      const years = { from: opts.from, to: opts.to ?? opts.from };
      if (years.to < years.from) throw new ConfigError(`--to ${years.to} is before --from ${years.from}`);
      const { seeds, files } = await seedsFrom(opts);
      const settings = resolveSettings({ maxConcurrency: opts.concurrency }, process.env, process.cwd());
      print(`backfill ${years.from}–${years.to} of ${seeds.length} portal(s) from ${files.join(', ')} into ${opts.storage}`);
      const summary = await stoppableBySignals(
        (signal) =>
          runCrawl({ storageDir: resolve(opts.storage), seeds, settings, mode: 'backfill', years, quiet: !!opts.quiet, ocr: opts.ocr, print, tty: isTty(), signal }),
        printErr,
      );
      if (crawlHadErrors(summary)) exit.code = EXIT.PARTIAL;
    });

  program
    .command('schedule')
    .description('stay running and start the nightly crawl on a cron schedule; a run never starts while another is going')
    .requiredOption('--cron <expression>', 'cron expression, e.g. "0 2 * * *" (02:00 every day)')
    .option('--timezone <tz>', 'time zone of the expression, e.g. Asia/Shanghai (default: the system\'s)')
    .option('--run-now', 'also run once at start')
    .addOption(storageOption())
    .option('--seeds <file>', 'seed file (repeatable); default: seeds/*.json except demo.json', collect)
    .option('--portal <id>', 'only this portal (repeatable)', collect)
    .option('--no-ocr', 'do not read statistics tables published as images')
    .action(async (opts: SeedOptions & { cron: string; timezone?: string; runNow?: boolean; ocr: boolean }) => {
      const { seeds } = await seedsFrom(opts);
      const settings = resolveSettings({}, process.env, process.cwd());
      const storageDir = resolve(opts.storage);
      await runSchedule({ cron: opts.cron, ...(opts.timezone ? { timezone: opts.timezone } : {}), runNow: !!opts.runNow, storageDir, seeds, settings, ocr: opts.ocr, print });
    });

  program
    .command('runs')
    .description('list recent crawl runs: when, what kind, status, and per portal the pages read, reports new and changed, errors')
    .addOption(storageOption())
    .option('--limit <n>', 'how many runs, newest first', positiveInt, 20)
    .option('--failures', 'what failed in the latest run (or --run): counts per class and portal, then each URL with its class, stage and error')
    .option('--run <id>', 'with --failures: this run instead of the latest', positiveInt)
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action((opts: { storage: string; limit: number; format: 'table' | 'json'; failures?: boolean; run?: number }) => {
      const db = openForReading(resolve(opts.storage));
      try {
        print(opts.failures ? failuresCommand(db, opts.run, opts.format) : runsCommand(db, opts.limit, opts.format));
      } finally {
        db.close();
      }
    });

  program
    .command('verify')
    .description("check the archive: database, full-text index, every report's folder and files against the index, leftovers of interrupted writes")
    .addOption(storageOption())
    .option('--repair', 'repair what the files allow: rebuild the full-text index, rewrite text.txt/meta.json, move orphans to lost+found, drop reports whose raw files are lost so the next crawl fetches them again')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (opts: { storage: string; repair?: boolean; format: 'table' | 'json' }) => {
      const result = await verifyCommand(resolve(opts.storage), { repair: !!opts.repair, format: opts.format });
      print(result.output);
      if (result.problems > 0) exit.code = EXIT.PROBLEMS;
    });

  program
    .command('demo')
    .description(
      'start the bundled simulated portals on 127.0.0.1, crawl them (a nightly run: run it again and only what is new is fetched), ' +
        'and print what was archived',
    )
    .addOption(storageOption())
    .option('--base-port <port>', 'serve the simulated portals on this port and the next ones', positiveInt, 47100)
    .option('--quiet', 'print only the summary')
    .option('--no-ocr', 'do not read statistics tables published as images')
    .action(async (opts: { storage: string; basePort: number; quiet?: boolean; ocr: boolean }) => {
      const { startSimulatedPortals, DEMO_OPTIONS } = await import('../../sim/portals.js');
      const sim = await startSimulatedPortals({ ...DEMO_OPTIONS, basePort: opts.basePort }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE') throw new ConfigError(`port ${opts.basePort}… is in use: pass --base-port with another port`);
        throw error;
      });
      try {
        const storageDir = resolve(opts.storage);
        await mkdir(storageDir, { recursive: true });
        // Loopback servers need no two-a-second limit; the per-host concurrency cap still holds.
        const seeds = sim.seeds.map((s) => ({ ...s, politeness: { concurrency: 2, delayMs: 20 } }));
        const seedFile = join(storageDir, 'demo-seeds.json');
        await writeFile(seedFile, `${JSON.stringify({ portals: seeds }, null, 2)}\n`);
        print(`simulated portals: ${sim.portals.map((p) => `${p.seed.id} ${p.origin}`).join(', ')}`);
        print(`seeds written to ${seedFile}`);
        const settings = resolveSettings({}, process.env, process.cwd());
        const summary = await stoppableBySignals(
          (signal) => runCrawl({ storageDir, seeds, settings, mode: 'nightly', quiet: !!opts.quiet, ocr: opts.ocr, print, tty: isTty(), signal }),
          printErr,
        );
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

  addFilterOptions(
    program
      .command('search')
      .description('full-text search, ranked: words of any length (复议, 政府信息公开), with snippets')
      .argument('<words...>', 'words that must all occur in the title or text')
      .addOption(new Option('--sort <order>', 'best match first, or newest first').choices(['relevance', 'date']).default('relevance'))
      .option('--page <n>', 'page of results', positiveInt, 1)
      .option('--page-size <n>', 'results per page (at most 100)', positiveInt, 20)
      .addOption(storageOption())
      .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table')),
  ).action((words: string[], opts: FilterOptions & { storage: string; sort: 'relevance' | 'date'; page: number; pageSize: number; format: 'table' | 'json' | 'csv' }) => {
    const db = openForReading(resolve(opts.storage));
    try {
      const { text, ...filter } = filterFrom(opts);
      const q = [...words, ...(text ? [text] : [])].join(' ');
      print(searchCommand(db, { q, filter, sort: opts.sort, page: opts.page, pageSize: opts.pageSize }, opts.format));
    } finally {
      db.close();
    }
  });

  program
    .command('serve')
    .description('the archive as a web app and JSON API, read-only: regions, reports, search, coverage, figures')
    .option('--port <n>', 'port to listen on', positiveInt, 8080)
    .option('--host <host>', 'address to listen on; other machines reach it only if you say so (0.0.0.0)', '127.0.0.1')
    .option('--seeds <file>', 'coverage expects a report every year from the government of each seed portal\'s region (repeatable)', collect)
    .addOption(storageOption())
    .action(async (opts: { port: number; host: string; seeds?: string[]; storage: string }) => {
      const storageDir = resolve(opts.storage);
      const expect = opts.seeds ? await expectedGovernments(opts.seeds) : [];
      const db = openForReading(storageDir);
      const app = buildServer({ db, storageDir, expect });
      try {
        const address = await app.listen({ port: opts.port, host: opts.host }).catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'EADDRINUSE') throw new ConfigError(`port ${opts.port} on ${opts.host} is in use: pass another --port`);
          if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') throw new ConfigError(`cannot listen on ${opts.host}: not an address of this machine`);
          throw error;
        });
        print(`serving ${storageDir} at ${address}/ (read-only; Ctrl-C to stop)`);
        await stoppableBySignals((signal) => new Promise<void>((done) => signal.addEventListener('abort', () => done(), { once: true })), printErr, 'stopping after the requests in flight');
      } finally {
        await app.close();
        db.close();
      }
    });

  program
    .command('coverage')
    .description('which governments and departments published a report for each year, which did not, which were late')
    .option('--region <code|name>', 'a region and everything under it (410000: all of 河南省); default: the whole archive')
    .option('--from <year>', 'first year reported on (default: the earliest archived)', year)
    .option('--to <year>', 'last year reported on (default: the latest archived)', year)
    .addOption(new Option('--kind <kind>', 'only governments, or only departments').choices(['government', 'department']))
    .option('--gaps', 'list the missing reports instead of the matrix')
    .option('--seeds <file>', 'expect a report every year from the government of each seed portal\'s region, even with none archived (repeatable)', collect)
    .addOption(storageOption())
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .action(async (opts: { region?: string; from?: number; to?: number; kind?: 'government' | 'department'; gaps?: boolean; seeds?: string[]; storage: string; format: 'table' | 'json' | 'csv' }) => {
      const expect = opts.seeds ? await expectedGovernments(opts.seeds) : [];
      const db = openForReading(resolve(opts.storage));
      try {
        const request = { ...(opts.region ? { region: opts.region } : {}), ...(opts.from ? { from: opts.from } : {}), ...(opts.to ? { to: opts.to } : {}), ...(opts.kind ? { kind: opts.kind } : {}), expect };
        print(coverageCommand(db, request, { gaps: !!opts.gaps, format: opts.format }));
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
      .description('reports as JSON lines (one per line), their figures as CSV or Parquet, or a copy of the archive for standard SQLite tools')
      .addOption(storageOption())
      .addOption(new Option('--format <format>', 'jsonl: one report per line; figures-csv: one row per report and figure; parquet: the figures-csv rows as a typed Parquet file (needs --out); sqlite: a copy of archive.sqlite (needs --out, ignores filters)').choices(['jsonl', 'figures-csv', 'parquet', 'sqlite']).default('jsonl'))
      .option('--out <file>', 'with --format parquet or sqlite: the new file'),
  ).action((opts: FilterOptions & { storage: string; format: 'jsonl' | 'figures-csv' | 'parquet' | 'sqlite'; out?: string }) => {
    const db = openForReading(resolve(opts.storage));
    try {
      if (opts.format === 'sqlite') {
        if (!opts.out) throw new ConfigError('--format sqlite needs --out FILE');
        copyArchive(db, resolve(opts.out));
        printErr(`wrote ${resolve(opts.out)}`);
      } else if (opts.format === 'parquet') {
        if (!opts.out) throw new ConfigError('--format parquet needs --out FILE');
        const rows = writeFiguresParquet(db, filterFrom(opts), resolve(opts.out));
        printErr(`wrote ${rows} figures to ${resolve(opts.out)}`);
      } else {
        for (const line of opts.format === 'figures-csv' ? figureCsvLines(db, filterFrom(opts)) : exportLines(db, filterFrom(opts))) print(line);
      }
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

  program.addHelpText(
    'after',
    '\nSIGINT/SIGTERM stop crawl, backfill and demo cleanly: pages in flight finish, the run is recorded as interrupted,\n' +
      'the lock is released (exit code 130/143; a second signal exits at once). schedule finishes its run, then exits.\n' +
      'Exit codes: 0 ok, 1 failure, 2 bad input, 3 finished with failures (xxgk runs --failures), 4 storage locked by another run, 5 verify found problems.',
  );
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
    if (error instanceof InterruptedError) {
      process.stderr.write(`xxgk: ${error.message}\n`);
      return exitCodeOfSignal(error.signal);
    }
    if (error instanceof StorageBusyError) {
      process.stderr.write(`xxgk: ${error.message}\n`);
      return EXIT.BUSY;
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
