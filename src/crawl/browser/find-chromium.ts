/**
 * Where a usable Chromium lives. We ship playwright-core only (no bundled browser), so the browser
 * is whatever the user installed: explicitly named, fetched by Playwright, or from the OS.
 */
import { statSync } from 'node:fs';
import { chromium } from 'playwright-core';

const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
];

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Playwright's own download (`npx playwright install chromium`) first, then the usual OS paths. */
export function defaultChromiumCandidates(): string[] {
  const candidates: string[] = [];
  try {
    candidates.push(chromium.executablePath());
  } catch {
    // Platforms Playwright has no build for throw here; the OS paths may still work.
  }
  return [...candidates, ...SYSTEM_PATHS];
}

/**
 * The first Chromium that exists. An XXGK_CHROMIUM that points nowhere yields undefined rather than
 * a fallback, so a typo surfaces as "not found" instead of silently running some other browser.
 */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  candidates: readonly string[] = defaultChromiumCandidates(),
): string | undefined {
  const explicit = env.XXGK_CHROMIUM?.trim();
  if (explicit) return isFile(explicit) ? explicit : undefined;
  return candidates.find(isFile);
}
