/**
 * The 2019 and 2021 templates: table 二 (blocks by article item), table 三 (seven applicant
 * columns), table 四 (fifteen numbers in a fixed order).
 */
import type { ExtractedTable, ReportTemplate } from '../../types.js';
import { APPLICANT_COLUMNS } from './keys.js';
import { bestMatch, hasLabel, joinLabels, leadingNumber, normalizeLabel, type LabelDef } from './labels.js';
import { cellKind } from './parse-number.js';
import type { FigureSink } from './sink.js';

type Part = 'active' | 'applications' | 'review';

/** Indices of the label cells of a row (text that is not a number, blank or dash). */
export function labelIndices(row: string[]): number[] {
  const out: number[] = [];
  row.forEach((c, i) => {
    if (cellKind(c) === 'label') out.push(i);
  });
  return out;
}

function partOfTitle(title: string): Part | undefined {
  const t = normalizeLabel(title);
  if (!t) return undefined;
  if (t.includes('行政复议') || t.includes('行政诉讼')) return 'review';
  if (t.includes('收到和处理') || t.includes('依申请') || t.includes('申请情况')) return 'applications';
  if (t.includes('主动公开')) return 'active';
  return undefined;
}

function partOfRow(joined: string): Part | undefined {
  if (joined.includes('第二十条') || joined.startsWith('信息内容')) return 'active';
  if (['自然人', '申请人情况', '勾稽关系', '本年新收', '商业企业'].some((m) => joined.includes(m))) return 'applications';
  if (joined.includes('行政复议') || joined.includes('复议后起诉') || joined.includes('直接起诉')) return 'review';
  return undefined;
}

// ---------------------------------------------------------------- table 二

type ActiveItem = 'rules' | 'normative' | 'licensing' | 'other_services' | 'penalty' | 'coercion' | 'fees' | 'procurement';
type ActiveField = 'new' | 'published' | 'total' | 'repealed' | 'previous' | 'change' | 'decisions' | 'amount' | 'items';

const ACTIVE_ITEMS: Array<LabelDef<ActiveItem>> = [
  { patterns: ['规章'], value: 'rules' },
  { patterns: ['行政规范性文件', '规范性文件'], value: 'normative' },
  { patterns: ['行政许可'], value: 'licensing' },
  { patterns: ['其他对外管理服务事项', '对外管理服务事项'], value: 'other_services' },
  { patterns: ['行政处罚'], value: 'penalty' },
  { patterns: ['行政强制'], value: 'coercion' },
  { patterns: ['行政事业性收费'], value: 'fees' },
  { patterns: ['政府集中采购'], value: 'procurement' },
];

const ACTIVE_FIELDS: Array<LabelDef<ActiveField>> = [
  { patterns: ['本年新制作数量', '本年制发件数'], value: 'new' },
  { patterns: ['本年新公开数量'], value: 'published' },
  { patterns: ['对外公开总数量', '现行有效件数'], value: 'total' },
  { patterns: ['本年废止件数'], value: 'repealed' },
  { patterns: ['上一年项目数量'], value: 'previous' },
  { patterns: ['本年增减'], value: 'change' },
  { patterns: ['本年处理决定数量', '处理决定数量'], value: 'decisions' },
  { patterns: ['本年收费金额', '采购总金额'], value: 'amount' },
  { patterns: ['采购项目数量'], value: 'items' },
];

const DEFAULT_FIELDS: Record<'2019' | '2021', Record<ActiveItem, ActiveField[]>> = {
  '2019': {
    rules: ['new', 'published', 'total'],
    normative: ['new', 'published', 'total'],
    licensing: ['previous', 'change', 'decisions'],
    other_services: ['previous', 'change', 'decisions'],
    penalty: ['previous', 'change', 'decisions'],
    coercion: ['previous', 'change', 'decisions'],
    fees: ['previous', 'change'],
    procurement: ['items', 'amount'],
  },
  '2021': {
    rules: ['new', 'repealed', 'total'],
    normative: ['new', 'repealed', 'total'],
    licensing: ['decisions'],
    other_services: ['decisions'],
    penalty: ['decisions'],
    coercion: ['decisions'],
    fees: ['amount'],
    procurement: ['items', 'amount'],
  },
};

class ActiveMapper {
  private fields = new Map<number, ActiveField>();
  constructor(private sink: FigureSink, private template: '2019' | '2021') {}

  row(t: number, r: number, row: string[]): void {
    const labels = labelIndices(row);
    if (labels.length === 0) return;
    const joined = joinLabels(labels.map((i) => row[i]!));
    if (joined.includes('第二十条')) {
      this.fields.clear();
      return;
    }
    const headerCells = row.map((c) => (cellKind(c) === 'label' ? bestMatch(normalizeLabel(c), ACTIVE_FIELDS) : undefined));
    if (joined.startsWith('信息内容') || headerCells.filter(Boolean).length >= 1 && !row.some((c) => cellKind(c) === 'number')) {
      if (headerCells.some(Boolean)) {
        this.fields.clear();
        headerCells.forEach((m, i) => {
          if (m && ![...this.fields.values()].includes(m.def.value)) this.fields.set(i, m.def.value);
        });
      }
      return;
    }
    const item = bestMatch(joined, ACTIVE_ITEMS)?.def.value;
    if (!item) return;
    const lastLabel = labels[labels.length - 1]!;
    const cols = [...this.fields.keys()];
    if (cols.length > 0 && cols.every((c) => c > lastLabel && c < row.length)) {
      for (const [c, f] of this.fields) this.sink.setCell(`active.${item}.${f}`, { table: t, row: r, col: c });
      return;
    }
    // No usable header: the value cells after the label, in the template's order.
    const fields = DEFAULT_FIELDS[this.template][item];
    const after = row.map((_, i) => i).filter((i) => i > lastLabel);
    while (after.length > fields.length && cellKind(row[after[after.length - 1]!]!) === 'blank') after.pop();
    fields.forEach((f, k) => {
      const c = after[k];
      if (c === undefined) this.sink.setMissing(`active.${item}.${f}`);
      else this.sink.setCell(`active.${item}.${f}`, { table: t, row: r, col: c });
    });
  }
}

// ---------------------------------------------------------------- table 三

type Section = 'new' | 'carried_over' | 'result' | 'disclosed' | 'partly' | 'refused' | 'unable' | 'not_processed' | 'other' | 'completed' | 'carried_forward';

interface AppDef {
  key?: string;
  section: Section;
}

const d = (section: Section, patterns: string[], key?: string): LabelDef<AppDef> => ({ patterns, value: { key, section } });

const APP_DEFS: Array<LabelDef<AppDef>> = [
  d('new', ['本年新收政府信息公开申请数量', '本年新收'], 'new'),
  d('carried_over', ['上年结转政府信息公开申请数量', '上年结转'], 'carried_over'),
  d('result', ['本年度办理结果']),
  d('disclosed', ['予以公开'], 'disclosed'),
  d('partly', ['部分公开'], 'partly_disclosed'),
  d('refused', ['不予公开']),
  d('refused', ['属于国家秘密', '国家秘密'], 'refused.secret'),
  d('refused', ['其他法律行政法规禁止公开', '法规禁止公开'], 'refused.prohibited'),
  d('refused', ['危及三安全一稳定', '三安全一稳定'], 'refused.safety'),
  d('refused', ['保护第三方合法权益', '第三方合法权益'], 'refused.third_party'),
  d('refused', ['属于三类内部事务信息', '内部事务信息'], 'refused.internal'),
  d('refused', ['属于四类过程性信息', '过程性信息'], 'refused.process'),
  d('refused', ['属于行政执法案卷', '行政执法案卷'], 'refused.enforcement'),
  d('refused', ['属于行政查询事项', '行政查询事项'], 'refused.query'),
  d('unable', ['无法提供']),
  d('unable', ['本机关不掌握相关政府信息', '不掌握相关政府信息'], 'unable.not_held'),
  d('unable', ['没有现成信息需要另行制作', '需要另行制作'], 'unable.needs_creation'),
  d('unable', ['补正后申请内容仍不明确', '申请内容仍不明确'], 'unable.unclear'),
  d('not_processed', ['不予处理']),
  d('not_processed', ['信访举报投诉类申请', '信访举报投诉'], 'not_processed.petition'),
  d('not_processed', ['重复申请'], 'not_processed.repeated'),
  d('not_processed', ['要求提供公开出版物', '公开出版物'], 'not_processed.publication'),
  d('not_processed', ['无正当理由大量反复申请', '大量反复申请'], 'not_processed.excessive'),
  d('not_processed', ['要求行政机关确认或重新出具已获取信息', '重新出具已获取信息'], 'not_processed.confirmation'),
  d('other', ['其他处理'], 'other'),
  d('other', ['申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请', '无正当理由逾期不补正'], 'other.no_correction'),
  d('other', ['申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请', '未按收费通知要求缴纳费用'], 'other.no_fee'),
  d('completed', ['总计'], 'completed'),
  d('carried_forward', ['结转下年度继续办理', '结转下年度'], 'carried_forward'),
];

const SECTION_ITEMS: Partial<Record<Section, string[]>> = {
  refused: ['refused.secret', 'refused.prohibited', 'refused.safety', 'refused.third_party', 'refused.internal', 'refused.process', 'refused.enforcement', 'refused.query'],
  unable: ['unable.not_held', 'unable.needs_creation', 'unable.unclear'],
  not_processed: ['not_processed.petition', 'not_processed.repeated', 'not_processed.publication', 'not_processed.excessive', 'not_processed.confirmation'],
  other: ['other.no_correction', 'other.no_fee', 'other.other'],
};

/**
 * Label cells of one row joined when looking for its item: a template row has a few (part,
 * section, item, a label split over two cells); matching every suffix of a row of fifty label
 * cells costs seconds per row.
 */
const MAX_LABEL_CELLS = 6;

const COLUMN_HEADERS: Array<[exact: boolean, text: string]> = [
  [true, '自然人'],
  [false, '商业企业'],
  [false, '科研机构'],
  [false, '社会公益组织'],
  [false, '法律服务机构'],
  [true, '其他'],
  [true, '总计'],
];

class ApplicationsMapper {
  private header: number[] | undefined;
  private section: Section | undefined;
  constructor(private sink: FigureSink, private template: '2019' | '2021') {}

  private readHeader(row: string[]): void {
    const pos = COLUMN_HEADERS.map(([exact, text]) =>
      row.findIndex((c) => {
        const n = normalizeLabel(c);
        return exact ? n === text : hasLabel(n, text);
      }),
    );
    const prev = this.header ?? new Array<number>(7).fill(-1);
    const merged = pos.map((p, i) => (prev[i]! >= 0 ? prev[i]! : p));
    this.header = merged;
  }

  private validHeader(): number[] | undefined {
    const h = this.header;
    if (!h || h.some((p) => p < 0)) return undefined;
    for (let i = 1; i < h.length; i++) if (h[i]! <= h[i - 1]!) return undefined;
    return h;
  }

  row(t: number, r: number, row: string[]): void {
    const labels = labelIndices(row);
    if (labels.length === 0) return;
    const joined = joinLabels(labels.map((i) => row[i]!));
    const hasNumber = row.some((c) => cellKind(c) === 'number');
    if (!hasNumber && ['自然人', '商业企业', '科研机构', '申请人情况', '勾稽关系', '法人或其他组织'].some((m) => joined.includes(m))) {
      this.readHeader(row);
      return;
    }
    const lastCell = row[labels[labels.length - 1]!]!;
    const leaf = normalizeLabel(lastCell);
    const leafNum = leadingNumber(lastCell);
    // The leaf cell first (its parents' labels, repeated from merged cells, must not outscore it),
    // then the leaf joined with the cells before it (a label split over two cells).
    let m: ReturnType<typeof bestMatch<AppDef>>;
    const first = Math.max(0, labels.length - MAX_LABEL_CELLS);
    for (let k = labels.length - 1; k >= first && !m; k--) m = bestMatch(joinLabels(labels.slice(k).map((i) => row[i]!)), APP_DEFS);
    let key = m?.def.value.key;
    const section = m?.def.value.section ?? this.section;
    const items = section ? SECTION_ITEMS[section] : undefined;
    if (key === 'other' && leaf === '其他') key = 'other.other';
    else if (!m && leaf === '其他' && this.section === 'other') key = 'other.other';
    else if ((!m || !key) && items && leafNum !== undefined && leafNum >= 1 && leafNum <= items.length && !(m && hasLabel(leaf, m.def.patterns[0]!))) {
      // A numbered line whose text is unreadable: its place in the current section says which it is.
      key = items[leafNum - 1];
    }
    if (m) this.section = m.def.value.section;
    if (!key) return;
    this.assign(key, t, r, row, labels[labels.length - 1]!);
  }

  private assign(rowKey: string, t: number, r: number, row: string[], lastLabel: number): void {
    const keys = APPLICANT_COLUMNS.map((c) => `applications.${rowKey}.${c}`);
    const h = this.validHeader();
    if (h) {
      const first = h[0]!;
      const last = h[6]!;
      const consistent =
        lastLabel < first &&
        row.every((c, i) => i <= lastLabel || (i >= first && i <= last) || cellKind(c) === 'blank') &&
        last < row.length;
      if (consistent) {
        keys.forEach((k, i) => this.sink.setCell(k, { table: t, row: r, col: h[i]! }));
        return;
      }
    }
    // Text tables: cells shift and blanks vanish. Take the value cells after the label, drop
    // trailing blanks, then leading blanks, down to seven.
    const after = row.map((_, i) => i).filter((i) => i > lastLabel);
    const blank = (i: number): boolean => cellKind(row[i]!) === 'blank';
    while (after.length > 0 && blank(after[after.length - 1]!)) after.pop();
    while (after.length > 7 && blank(after[0]!)) after.shift();
    while (after.length > 7) after.shift();
    if (after.length === 7) {
      keys.forEach((k, i) => this.sink.setCell(k, { table: t, row: r, col: after[i]! }));
      return;
    }
    if (after.length === 0) {
      keys.forEach((k) => this.sink.setMissing(k));
      return;
    }
    // Fewer than seven: one value is the 总计; otherwise left-aligned, the last one the 总计 when
    // it is the sum of the others.
    const vals = after.map((i) => Number(row[i]!.replace(/\D/g, '') || 0));
    const lastVal = vals[vals.length - 1]!;
    const sumOthers = vals.slice(0, -1).reduce((a, b) => a + b, 0);
    if (after.length === 1 || sumOthers === lastVal) {
      this.sink.setCell(keys[6]!, { table: t, row: r, col: after[after.length - 1]! });
      after.slice(0, -1).forEach((c, i) => this.sink.setCell(keys[i]!, { table: t, row: r, col: c }));
    } else {
      after.forEach((c, i) => this.sink.setCell(keys[i]!, { table: t, row: r, col: c }));
    }
    keys.forEach((k) => this.sink.setMissing(k));
  }
}

// ---------------------------------------------------------------- table 四

const REVIEW_KEYS = ['review', 'litigation.direct', 'litigation.after_review'].flatMap((p) =>
  ['maintained', 'corrected', 'other', 'pending', 'total'].map((f) => `${p}.${f}`),
);

class ReviewMapper {
  private done = false;
  private vertical = new Set<string>();
  constructor(private sink: FigureSink) {}

  row(t: number, r: number, row: string[]): void {
    if (this.done) return;
    const labels = labelIndices(row);
    const numbers = row.filter((c) => cellKind(c) === 'number').length;
    if (numbers === 0) return;
    if (labels.length === 0 && numbers >= 5) {
      const cells = row.map((_, i) => i);
      const blank = (i: number): boolean => cellKind(row[i]!) === 'blank';
      while (cells.length > 15 && blank(cells[cells.length - 1]!)) cells.pop();
      while (cells.length > 15 && blank(cells[0]!)) cells.shift();
      REVIEW_KEYS.forEach((k, i) => {
        const c = cells[i];
        if (c === undefined) this.sink.setMissing(k);
        else this.sink.setCell(k, { table: t, row: r, col: c });
      });
      this.done = true;
      return;
    }
    // Transposed layout: one row per kind, five numbers each.
    const joined = joinLabels(labels.map((i) => row[i]!));
    const prefix = joined.includes('复议后起诉')
      ? 'litigation.after_review'
      : joined.includes('直接起诉')
        ? 'litigation.direct'
        : joined.includes('行政复议')
          ? 'review'
          : undefined;
    if (!prefix || this.vertical.has(prefix) || numbers < 4) return;
    this.vertical.add(prefix);
    const last = labels[labels.length - 1]!;
    const after = row.map((_, i) => i).filter((i) => i > last);
    ['maintained', 'corrected', 'other', 'pending', 'total'].forEach((f, i) => {
      const c = after[i];
      if (c === undefined) this.sink.setMissing(`${prefix}.${f}`);
      else this.sink.setCell(`${prefix}.${f}`, { table: t, row: r, col: c });
    });
  }
}

// ----------------------------------------------------------------

export function mapModern(tables: ExtractedTable[], template: Exclude<ReportTemplate, '2008'>, sink: FigureSink): void {
  const active = new ActiveMapper(sink, template);
  const apps = new ApplicationsMapper(sink, template);
  const review = new ReviewMapper(sink);
  tables.forEach((table, t) => {
    let part = partOfTitle(table.title);
    table.rows.forEach((row, r) => {
      const labels = labelIndices(row);
      const joined = joinLabels(labels.map((i) => row[i]!));
      const switched = partOfRow(joined);
      // A row naming 行政复议 inside table 三 would be odd; only switch to 四 on its header rows.
      if (switched && !(switched === 'review' && row.some((c) => cellKind(c) === 'number') && part !== 'review')) part = switched;
      if (part === 'active') active.row(t, r, row);
      else if (part === 'applications') apps.row(t, r, row);
      else if (part === 'review') review.row(t, r, row);
    });
  });
}
