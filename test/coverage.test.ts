/**
 * Coverage: a report per government every year and per department from its first year on, late
 * against the regulation's deadlines (before 2019 reports: 31 March for all; from them: 31 January
 * for departments, 31 March for governments), renamed governments kept as one row, regions with
 * their counties, seed regions expected even with nothing archived.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openArchiveDb, type Db } from '../src/archive/archive-db.js';
import { coverageGaps, coverageMatrix, deadlineOf } from '../src/query/coverage.js';
import { issuerKind } from '../src/query/report-query.js';
import { coverageCommand } from '../src/cli/commands/coverage.js';

function archiveOf(reports: [code: string, name: string, issuer: string, year: number, published: string | null][]): Db {
  const db = openArchiveDb(':memory:');
  const insert = db.prepare(
    "INSERT INTO reports (url, portal, title, year, region_code, region_name, issuer, published, text, encoding, content_hash, fetched_at, folder) VALUES (?, 'p', ?, ?, ?, ?, ?, ?, '正文', 'utf-8', 'h', '2025-01-01', 'f')",
  );
  reports.forEach(([code, name, issuer, year, published], i) => insert.run(`http://example.gov.cn/${i}.html`, `${issuer}${year}年政府信息公开工作年度报告`, year, code, name, issuer, published));
  return db;
}

const ARCHIVE: Parameters<typeof archiveOf>[0] = [
  ['411600', '周口市', '周口市人民政府', 2018, '2019-03-31'],
  ['411600', '周口市', '周口市人民政府', 2019, '2020-03-30'],
  ['411600', '周口市', '周口市人民政府', 2020, '2021-04-02'],
  ['411600', '周口市', '周口市商务局', 2018, '2019-03-01'],
  ['411600', '周口市', '周口市商务局', 2020, '2021-02-05'],
  ['411600', '周口市', '周口市商务局', 2021, '2022-01-20'],
  ['411628', '鹿邑县', '鹿邑县人民政府', 2019, null],
  ['410212', '开封县', '开封县人民政府', 2018, '2019-03-20'],
  ['410212', '祥符区', '开封市祥符区人民政府', 2020, '2021-03-01'],
  ['411600', '周口市', '周口市文化广电和旅游局', 2021, '2022-01-10'],
];

test('deadlines and kinds', () => {
  assert.equal(deadlineOf(2018, 'department'), '2019-03-31');
  assert.equal(deadlineOf(2019, 'department'), '2020-01-31');
  assert.equal(deadlineOf(2019, 'government'), '2020-03-31');
  assert.equal(issuerKind('开封市祥符区人民政府'), 'government');
  assert.equal(issuerKind('河南省人民政府办公厅'), 'department');
});

test('a region and its counties, year by year: on time, late, undated, missing, not yet expected', () => {
  const db = archiveOf(ARCHIVE);
  const m = coverageMatrix(db, { region: '411600' });
  assert.deepEqual(m.years, [2018, 2019, 2020, 2021]);
  const row = (issuer: string) => Object.fromEntries(m.rows.find((r) => r.issuer === issuer)!.cells.map((c) => [c.year, c.status]));
  assert.deepEqual(m.rows.map((r) => r.issuer), ['周口市人民政府', '周口市商务局', '周口市文化广电和旅游局', '鹿邑县人民政府']);
  assert.deepEqual(row('周口市人民政府'), { 2018: 'on-time', 2019: 'on-time', 2020: 'late', 2021: 'missing' });
  // A department's 2018 report was due by 31 March, its 2020 report by 31 January.
  assert.deepEqual(row('周口市商务局'), { 2018: 'on-time', 2019: 'missing', 2020: 'late', 2021: 'on-time' });
  assert.deepEqual(row('周口市文化广电和旅游局'), { 2021: 'on-time' }, 'not expected before its first report');
  assert.deepEqual(row('鹿邑县人民政府'), { 2018: 'missing', 2019: 'undated', 2020: 'missing', 2021: 'missing' });
  assert.deepEqual(
    coverageGaps(m).filter((g) => g.kind === 'government').map((g) => `${g.issuer} ${g.year}`),
    ['周口市人民政府 2021', '鹿邑县人民政府 2018', '鹿邑县人民政府 2020', '鹿邑县人民政府 2021'],
  );
});

test('a renamed government is one row; seed regions are expected with nothing archived, only inside the region asked', () => {
  const db = archiveOf(ARCHIVE);
  const expect = [
    { regionCode: '410212', regionName: '祥符区' },
    { regionCode: '410225', regionName: '兰考县' },
    { regionCode: '411600', regionName: '周口市' },
  ];
  const m = coverageMatrix(db, { region: '开封市', kind: 'government', from: 2018, to: 2020, expect });
  assert.deepEqual(
    m.rows.map((r) => [r.regionCode, r.issuer, r.cells.map((c) => c.status).join(' ')]),
    [
      ['410212', '开封市祥符区人民政府', 'on-time missing on-time'],
      ['410225', '兰考县人民政府', 'missing missing missing'],
    ],
  );
});

test('xxgk coverage: the matrix with its legend, the gaps as CSV, JSON as the query gives it', () => {
  const db = archiveOf(ARCHIVE);
  const table = coverageCommand(db, { region: '411600' }, { gaps: false, format: 'table' });
  assert.match(table, /周口市人民政府\s+✓\s+✓\s+L\s+✗/);
  assert.match(table, /✗ missing/);
  const csv = coverageCommand(db, { region: '411600', kind: 'government' }, { gaps: true, format: 'csv' }).trim().split('\n');
  assert.equal(csv[0], 'region,name,issuer,kind,year,deadline');
  assert.equal(csv.length, 5);
  assert.deepEqual(JSON.parse(coverageCommand(db, { region: '411600' }, { gaps: false, format: 'json' })), JSON.parse(JSON.stringify(coverageMatrix(db, { region: '411600' }))));
});
