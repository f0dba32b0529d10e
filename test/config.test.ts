import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSeeds, parseSeeds } from '../src/config/seeds.js';
import { resolveSettings, userAgentOf, DEFAULT_SETTINGS } from '../src/config/settings.js';
import { ConfigError } from '../src/errors.js';

const good = { portals: [{ id: 'luyi', name: '鹿邑县人民政府', region: '411628', start: ['http://www.luyi.gov.cn/zwgk/ndbg/'] }] };

test('seeds: a valid file parses', () => {
  assert.deepEqual(parseSeeds(good, 'x.json'), good.portals);
});

test('seeds: errors name the file and the field', () => {
  const bad = { portals: [{ ...good.portals[0], region: '4116' }] };
  assert.throws(() => parseSeeds(bad, 'seeds/x.json'), (e: unknown) => e instanceof ConfigError && /seeds\/x\.json: portals\.0\.region/.test(e.message));
  assert.throws(() => parseSeeds({ portals: [{ ...good.portals[0], start: [] }] }, 'y.json'), /start.*home/);
  assert.throws(() => parseSeeds({ portals: [{ ...good.portals[0], start: ['ftp://x'] }] }, 'y.json'), /http/);
});

test('seeds: duplicate ids across files and broken JSON are refused', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'xxgk-seeds-'));
  try {
    await writeFile(join(dir, 'a.json'), JSON.stringify(good));
    await writeFile(join(dir, 'b.json'), JSON.stringify(good));
    await writeFile(join(dir, 'c.json'), '{ "portals": [');
    await assert.rejects(loadSeeds([join(dir, 'a.json'), join(dir, 'b.json')]), /appears in both/);
    await assert.rejects(loadSeeds([join(dir, 'c.json')]), /c\.json: not valid JSON/);
    await assert.rejects(loadSeeds([join(dir, 'missing.json')]), /cannot read seed file/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('settings: options > environment > crawlee.json > defaults, and bad values fail loudly', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'xxgk-settings-'));
  try {
    await writeFile(join(dir, 'crawlee.json'), JSON.stringify({ purgeOnStart: false, xxgk: { maxConcurrency: 2, maxRequestRetries: 5 } }));
    const fromFile = resolveSettings({}, {}, dir);
    assert.equal(fromFile.maxConcurrency, 2);
    assert.equal(fromFile.requestTimeoutMs, DEFAULT_SETTINGS.requestTimeoutMs);
    assert.equal(resolveSettings({}, { XXGK_MAX_CONCURRENCY: '3' }, dir).maxConcurrency, 3);
    assert.equal(resolveSettings({ maxConcurrency: 7 }, { XXGK_MAX_CONCURRENCY: '3' }, dir).maxConcurrency, 7);
    assert.throws(() => resolveSettings({}, { XXGK_MAX_CONCURRENCY: 'lots' }, dir), ConfigError);
    await writeFile(join(dir, 'crawlee.json'), '{ broken');
    assert.throws(() => resolveSettings({}, {}, dir), /crawlee\.json: not valid JSON/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('seeds: homepage-only portals, render mode and per-portal politeness', () => {
  const [seed] = parseSeeds(
    { portals: [{ id: 'xinyang', name: '信阳市人民政府', region: '411500', home: 'http://www.xinyang.gov.cn/', render: 'browser', politeness: { concurrency: 1, delayMs: 2000 } }] },
    'x.json',
  );
  assert.deepEqual(seed, { id: 'xinyang', name: '信阳市人民政府', region: '411500', start: [], home: 'http://www.xinyang.gov.cn/', render: 'browser', politeness: { concurrency: 1, delayMs: 2000 } });
  assert.throws(() => parseSeeds({ portals: [{ ...good.portals[0], render: 'chrome' }] }, 'y.json'), /portals\.0\.render/);
  assert.throws(() => parseSeeds({ portals: [{ ...good.portals[0], politeness: { delay: 5 } }] }, 'y.json'), /portals\.0\.politeness/);
});

test('settings: the User-Agent carries the contact; robots can be switched off by environment only explicitly', () => {
  const withContact = resolveSettings({}, { XXGK_CONTACT: 'mailto:archive@example.edu' }, tmpdir());
  assert.match(userAgentOf(withContact), /^xxgk-archive\/[\d.]+ \(\+mailto:archive@example\.edu; /);
  assert.equal(userAgentOf(resolveSettings({}, { XXGK_USER_AGENT: 'MyBot/1.0' }, tmpdir())), 'MyBot/1.0');
  assert.equal(resolveSettings({}, {}, tmpdir()).respectRobots, true);
  assert.equal(resolveSettings({}, { XXGK_RESPECT_ROBOTS: 'false' }, tmpdir()).respectRobots, false);
  assert.equal(resolveSettings({}, {}, tmpdir()).allowPrivateNetwork, false);
  assert.equal(resolveSettings({}, { XXGK_ALLOW_PRIVATE_NETWORK: 'yes' }, tmpdir()).allowPrivateNetwork, true);
  assert.throws(() => resolveSettings({}, { XXGK_HOST_CONCURRENCY: '0' }, tmpdir()), /hostConcurrency/);
});
