import type { Language } from '../domain/language.js';
import { say } from '../domain/messages.js';
import type { SupervisionFigures } from '../domain/supervision/tally.js';
import type { CsvColumn } from '../http/csv.js';
import type { CircularView } from '../services/supervision.js';

/**
 * The circular's tables as downloads, headed in the caller's language. Rates are percentages with
 * one decimal, as the printed circular shows them; a rate over nothing is an empty cell.
 */
type Label = Record<Language, string>;
const L = (zhCN: string, zhTW: string, en: string): Label => ({ 'zh-CN': zhCN, 'zh-TW': zhTW, en });

const labels = {
  rank: L('排名', '排名', 'Rank'),
  outlet: L('网点', '網點', 'Outlet'),
  region: L('分行', '分行', 'Region'),
  checkScore: L('检查平均分', '檢查平均分', 'Mean check score'),
  spot: L('暗访抽查次数', '暗訪抽查次數', 'Spot checks'),
  joint: L('联合检查次数', '聯合檢查次數', 'Joint checks'),
  mystery: L('神秘人检查次数', '神秘人檢查次數', 'Mystery visits'),
  selfCheck: L('自查完成率 (%)', '自查完成率 (%)', 'Self-check completion (%)'),
  redLines: L('红线问题', '紅線問題', 'Red-line failures'),
  findings: L('每次检查发现问题数', '每次檢查發現問題數', 'Findings per check'),
  onTime: L('按期整改率 (%)', '按期整改率 (%)', 'Rectified on time (%)'),
  overdue: L('逾期未整改', '逾期未整改', 'Not rectified in time'),
  jointMissing: L('本月未做联合检查', '本月未做聯合檢查', 'No joint check this month'),
  outlets: L('网点数', '網點數', 'Outlets'),
  jointMissingCount: L('未做联合检查的网点', '未做聯合檢查的網點', 'Outlets without a joint check'),
  item: L('检查项', '檢查項', 'Checklist item'),
  failures: L('不合格次数', '不合格次數', 'Times failed'),
  foundAt: L('发现时间', '發現時間', 'Found'),
  dueAt: L('整改期限', '整改期限', 'Due'),
  status: L('状态', '狀態', 'Status'),
  repeated: L('屡查屡犯', '屢查屢犯', 'Repeated'),
  yes: L('是', '是', 'Yes'),
  no: L('否', '否', 'No'),
};

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

function figureColumns<T extends { figures: SupervisionFigures }>(lang: Language): CsvColumn<T>[] {
  return [
    { header: labels.checkScore[lang], value: (r) => r.figures.checkScore },
    { header: labels.spot[lang], value: (r) => r.figures.inspectionsByKind['spot-check'] },
    { header: labels.joint[lang], value: (r) => r.figures.inspectionsByKind['joint-check'] },
    { header: labels.mystery[lang], value: (r) => r.figures.inspectionsByKind['mystery-visit'] },
    { header: labels.selfCheck[lang], value: (r) => percent(r.figures.selfCheck.rate) },
    { header: labels.redLines[lang], value: (r) => r.figures.redLineFailures },
    { header: labels.findings[lang], value: (r) => r.figures.findingsPerCheck },
    { header: labels.onTime[lang], value: (r) => percent(r.figures.rectification.rate) },
  ];
}

type NamedOutlet = Awaited<ReturnType<CircularView['allOutlets']>>[number];

export const CIRCULAR_TABLES = ['outlets', 'regions', 'items', 'red-lines'] as const;
export type CircularTable = (typeof CIRCULAR_TABLES)[number];

export function outletColumns(lang: Language): CsvColumn<NamedOutlet>[] {
  return [
    { header: labels.rank[lang], value: (r) => r.rank },
    { header: labels.outlet[lang], value: (r) => r.name },
    { header: labels.region[lang], value: (r) => r.regionName },
    ...figureColumns<NamedOutlet>(lang),
    { header: labels.overdue[lang], value: (r) => r.overdue },
    { header: labels.jointMissing[lang], value: (r) => (r.jointCheckMissing ? labels.yes : labels.no)[lang] },
  ];
}

export function regionColumns(lang: Language): CsvColumn<CircularView['regions'][number]>[] {
  return [
    { header: labels.rank[lang], value: (r) => r.rank },
    { header: labels.region[lang], value: (r) => r.name },
    { header: labels.outlets[lang], value: (r) => r.outlets },
    ...figureColumns<CircularView['regions'][number]>(lang),
    { header: labels.jointMissingCount[lang], value: (r) => r.jointChecksMissing },
  ];
}

export function itemColumns(lang: Language): CsvColumn<CircularView['mostFailed'][number]>[] {
  return [
    { header: labels.item[lang], value: (r) => r.text },
    { header: labels.failures[lang], value: (r) => r.failures },
  ];
}

export function redLineColumns(
  lang: Language,
  time: (iso: string) => string,
): CsvColumn<CircularView['redLineFindings'][number]>[] {
  return [
    { header: labels.outlet[lang], value: (r) => r.outletName },
    { header: labels.region[lang], value: (r) => r.regionName },
    { header: labels.item[lang], value: (r) => r.itemText },
    { header: labels.foundAt[lang], value: (r) => time(r.foundAt) },
    { header: labels.dueAt[lang], value: (r) => time(r.dueAt) },
    { header: labels.status[lang], value: (r) => say(lang, `rectification.${r.status}`) },
    { header: labels.repeated[lang], value: (r) => (r.repeated ? labels.yes : labels.no)[lang] },
  ];
}
