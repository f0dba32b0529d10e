#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so there is no build step to forget.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const { exitGraceMs, exitIfStillAlive } = await import('../src/cli/exit-watchdog.ts');
const code = await main(process.argv);
process.exitCode = code;
exitIfStillAlive(code, exitGraceMs());
