/** Exit codes, documented in the README; scripts and cron wrappers rely on them. */
export const EXIT = {
  OK: 0,
  /** Something went wrong that is not the user's input (I/O, database, a bug). */
  FAILURE: 1,
  /** Bad command line, seed file or setting. */
  USAGE: 2,
  /** The crawl finished, but some pages could not be fetched or understood (see the log). */
  PARTIAL: 3,
  /** Another crawl holds the storage directory's lock (a cron wrapper may simply try later). */
  BUSY: 4,
  /** `xxgk verify` found problems in the archive (with --repair: problems it could not repair). */
  PROBLEMS: 5,
} as const;
