/**
 * The 2008–2018 template: one table 统计指标 | 单位 | 统计数. Rows are read as a stream so the
 * one-cell-per-line form works too: a label with no number waits for the next number-only row,
 * and a label broken over two rows is joined.
 */
import type { ExtractedTable } from '../../types.js';
import { bestMatch, joinLabels, normalizeLabel, type LabelDef } from './labels.js';
import { cellKind } from './parse-number.js';
import type { CellRef, FigureSink } from './sink.js';

type Sec = 'active' | 'response' | 'applications' | 'replies' | 'review' | 'litigation' | 'complaints' | 'fees' | 'staff' | 'meetings';

interface LegacyDef {
  /** Fixed key, or a suffix appended to the section's prefix (review./litigation./legacy.complaints.). */
  key?: string;
  rel?: 'maintained' | 'corrected' | 'other';
  /** Section this row opens (top-level items), or the section it belongs to. */
  opens?: Sec;
  in?: Sec[];
}

const D = (patterns: string[], v: LegacyDef): LabelDef<LegacyDef> => ({ patterns, value: v });

const LEGACY_DEFS: Array<LabelDef<LegacyDef>> = [
  D(['主动公开情况'], { opens: 'active' }),
  D(['回应解读情况'], { opens: 'response' }),
  D(['依申请公开情况'], { opens: 'applications' }),
  D(['主动公开政府信息数'], { key: 'legacy.active.total', in: ['active'] }),
  D(['主动公开规范性文件数'], { key: 'legacy.active.normative' }),
  D(['制发规范性文件总数'], { key: 'legacy.active.documents' }),
  D(['通过不同渠道和方式公开政府信息的情况'], { key: 'legacy.active.online' }),
  D(['政府公报公开政府信息数', '政府公报公开'], { key: 'legacy.active.channel.gazette' }),
  D(['政府网站公开政府信息数', '政府网站公开'], { key: 'legacy.active.channel.website' }),
  D(['新闻发布会公开政府信息数'], { key: 'legacy.active.channel.press' }),
  D(['政务微博公开政府信息数', '政务微博公开'], { key: 'legacy.active.channel.weibo' }),
  D(['政务微信公开政府信息数', '政务微信公开'], { key: 'legacy.active.channel.wechat' }),
  D(['其他方式公开政府信息数'], { key: 'legacy.active.channel.other' }),
  D(['回应公众关注热点或重大舆情数'], { key: 'legacy.response.opinions' }),
  D(['通过不同渠道和方式回应解读的情况'], { in: ['response'] }),
  D(['参加或举办新闻发布会总次数'], { key: 'legacy.response.interpretations' }),
  D(['主要负责同志参加新闻发布会次数'], { key: 'legacy.response.press_leaders' }),
  D(['政府网站在线访谈次数'], { key: 'legacy.response.interviews' }),
  D(['主要负责同志参加政府网站在线访谈次数'], { key: 'legacy.response.interviews_leaders' }),
  D(['政策解读稿件发布数'], { key: 'legacy.response.policy_explanations' }),
  D(['微博微信回应事件数'], { key: 'legacy.response.weibo_wechat' }),
  D(['其他方式回应事件数'], { key: 'legacy.response.other' }),
  D(['收到申请数'], { key: 'applications.new.total', opens: 'applications' }),
  D(['当面申请数'], { key: 'legacy.applications.in_person' }),
  D(['传真申请数'], { key: 'legacy.applications.fax' }),
  D(['网络申请数'], { key: 'legacy.applications.online' }),
  D(['信函申请数'], { key: 'legacy.applications.letter' }),
  D(['申请办结数'], { key: 'legacy.applications.completed' }),
  D(['按时办结数'], { key: 'legacy.applications.on_time' }),
  D(['延期办结数'], { key: 'legacy.applications.extended' }),
  D(['申请答复数'], { key: 'legacy.applications.replied', opens: 'replies' }),
  D(['属于已主动公开范围数'], { key: 'legacy.applications.already_public' }),
  D(['同意公开答复数'], { key: 'legacy.applications.disclosed' }),
  D(['同意部分公开答复数'], { key: 'legacy.applications.partly_disclosed' }),
  D(['不同意公开答复数'], { key: 'legacy.applications.refused' }),
  D(['涉及国家秘密'], { key: 'legacy.applications.refused.secret' }),
  D(['涉及商业秘密'], { key: 'legacy.applications.refused.commercial' }),
  D(['涉及个人隐私'], { key: 'legacy.applications.refused.privacy' }),
  D(['危及国家安全公共安全经济安全和社会稳定', '经济安全和社会稳定'], { key: 'legacy.applications.refused.safety' }),
  D(['不是条例所指政府信息', '所指政府信息'], { key: 'legacy.applications.refused.not_government_info' }),
  D(['法律法规规定的其他情形'], { key: 'legacy.applications.refused.other' }),
  D(['不属于本行政机关公开数', '不属于本行政机关公开'], { key: 'legacy.applications.not_this_agency' }),
  D(['申请信息不存在数'], { key: 'legacy.applications.not_exist' }),
  D(['告知作出更改补充数'], { key: 'legacy.applications.correction' }),
  D(['告知通过其他途径办理数'], { key: 'legacy.applications.other_channel' }),
  D(['依申请公开信息收取的费用', '收取的费用'], { key: 'legacy.fees.amount', opens: 'fees' }),
  D(['依申请公开信息减免的费用', '减免的费用'], { key: 'legacy.fees.waived', opens: 'fees' }),
  D(['行政复议数量', '申请行政复议数', '行政复议数'], { key: 'review.total', opens: 'review' }),
  D(['行政诉讼数量', '提起行政诉讼数', '行政诉讼数'], { key: 'litigation.total', opens: 'litigation' }),
  D(['举报投诉数量', '举报投诉数'], { key: 'legacy.complaints.total', opens: 'complaints' }),
  D(['维持具体行政行为或者驳回原告诉讼请求数', '维持具体行政行为数'], { rel: 'maintained' }),
  D(['被依法纠错数', '被纠错数'], { rel: 'corrected' }),
  D(['其他情形数'], { rel: 'other' }),
  D(['机构建设和保障经费情况', '机构建设'], { opens: 'staff' }),
  D(['政府信息公开工作专门机构数', '专门机构数'], { key: 'legacy.staff.offices' }),
  D(['设置政府信息公开查阅点数', '查阅点数'], { key: 'legacy.staff.reading_points' }),
  D(['从事政府信息公开工作人员数'], { key: 'legacy.staff.total' }),
  D(['专职人员数'], { key: 'legacy.staff.full_time' }),
  D(['兼职人员数'], { key: 'legacy.staff.part_time' }),
  D(['政府信息公开专项经费', '政府信息公开事务经费', '专项经费'], { key: 'legacy.budget' }),
  D(['会议和培训情况'], { opens: 'meetings' }),
  D(['召开政府信息公开工作会议或专题会议数', '会议或专题会议数'], { key: 'legacy.meetings' }),
  D(['举办各类培训班数'], { key: 'legacy.trainings' }),
  D(['接受培训人员数'], { key: 'legacy.trainees' }),
];

const REL_PREFIX: Partial<Record<Sec, string>> = {
  review: 'review',
  litigation: 'litigation',
  complaints: 'legacy.complaints',
};

const UNIT = /^(?:条|件|个|人|人次|次|万元|元|项|篇|场|家|期|份)$/;

function isUnit(cell: string): boolean {
  return UNIT.test(normalizeLabel(cell));
}

/** A note in brackets that continues the label above it, e.g. (不同渠道和方式公开相同信息计1条). */
function isNote(cell: string): boolean {
  return /^[(（].*[)）]$/.test(cell.normalize('NFKC').trim());
}

export function mapLegacy(tables: ExtractedTable[], sink: FigureSink): void {
  let section: Sec | undefined;
  let pending: { label: string; blankRef?: CellRef } | undefined;

  const resolve = (label: string): LegacyDef | undefined => {
    const m = bestMatch(label, LEGACY_DEFS);
    return m?.def.value;
  };
  const keyOf = (def: LegacyDef): string | undefined => {
    if (def.key) return def.key;
    if (def.rel && section) {
      const prefix = REL_PREFIX[section];
      return prefix ? `${prefix}.${def.rel}` : undefined;
    }
    return undefined;
  };
  /** A label met its value (or its row ended without one). */
  const emit = (label: string, ref: CellRef | undefined): void => {
    const def = resolve(label);
    if (!def) return;
    const key = keyOf(def);
    if (def.opens) section = def.opens;
    if (key && ref) sink.setCell(key, ref);
  };

  tables.forEach((table, t) => {
    let statCol = -1;
    table.rows.forEach((row, r) => {
      const labelIdx: number[] = [];
      const valueIdx: number[] = [];
      row.forEach((c, i) => {
        const k = cellKind(c);
        if (k === 'label' && !isUnit(c)) labelIdx.push(i);
        else if (k === 'number' || k === 'na') valueIdx.push(i);
      });
      const joined = joinLabels(labelIdx.map((i) => row[i]!));
      const s = normalizeLabel(row.join(''));
      if (statCol < 0 && s.includes('统计数') && valueIdx.length === 0) {
        statCol = row.findIndex((c) => normalizeLabel(c) === '统计数');
        return;
      }
      if (s.includes('统计指标') && valueIdx.length === 0) return;

      // The value of this row: the 统计数 column, else the last number-like cell.
      let ref: CellRef | undefined;
      let na = false;
      if (statCol >= 0 && statCol < row.length && row.length > 1) {
        const k = cellKind(row[statCol]!);
        if (k === 'number' || k === 'blank') ref = { table: t, row: r, col: statCol };
        if (k === 'na') na = true;
        if (k === 'blank' && labelIdx.length === 0) ref = undefined;
      }
      if (!ref && !na && valueIdx.length > 0) {
        const last = valueIdx[valueIdx.length - 1]!;
        if (cellKind(row[last]!) === 'na') na = true;
        else ref = { table: t, row: r, col: last };
      }

      if (joined) {
        const continues = pending && (isNote(labelIdx.map((i) => row[i]!).join('')) || !resolve(joined));
        if (pending && continues) {
          pending.label += joined;
        } else {
          if (pending) emit(pending.label, pending.blankRef);
          pending = { label: joined };
        }
        if (ref || na) {
          const isBlank = ref && cellKind(row[ref.col]!) === 'blank';
          if (isBlank) pending.blankRef = ref;
          else {
            emit(pending.label, na ? undefined : ref);
            pending = undefined;
          }
        }
      } else if (pending && (ref || na)) {
        if (ref && cellKind(row[ref.col]!) === 'blank') return;
        emit(pending.label, na ? undefined : ref);
        pending = undefined;
      }
    });
  });
  if (pending) emit(pending.label, pending.blankRef);
}
