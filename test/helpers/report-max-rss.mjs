// Preloaded (node --import) into a CLI run a test measures: prints the process's peak memory at exit.
process.on('exit', () => process.stderr.write(`maxRSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`));
