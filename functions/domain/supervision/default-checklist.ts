import type { LocalizedText } from '../language.js';
import type { ChecklistItem, ChecklistSection, ItemKind } from './checklist.js';

/**
 * The service-supervision checklist (服务监督检查表) the platform starts with, built from the bank's
 * documents: the environment and 5S with the "five unifications" (五统一: signs, facilities, flow
 * lines, materials, publicity); the eight standard actions and eight standard phrases at the
 * counter; efficiency (waiting time, windows open for the queue); elderly-friendly service and the
 * 爱心窗口; and the quality rules the banking consumer-protection rules require posted: the
 * complaint hotline, the complaint process and its time limits, the feedback QR poster. Red lines
 * (红线) are the failures no score makes up for: the complaint channels not posted, cash refused,
 * customers' documents left in view. 100 points. Admins publish new versions from /admin.
 */
const t = (zhCN: string, zhTW: string, en: string): LocalizedText => ({ 'zh-CN': zhCN, 'zh-TW': zhTW, en });

const yesNo: ItemKind = { type: 'yes-no' };
const item = (
  id: string,
  text: LocalizedText,
  points: number,
  options: Partial<Omit<ChecklistItem, 'id' | 'text' | 'points'>> = {},
): ChecklistItem => ({
  id,
  text,
  points,
  kind: options.kind ?? yesNo,
  allowNotApplicable: options.allowNotApplicable ?? false,
  photoOnFail: options.photoOnFail ?? true,
  redLine: options.redLine ?? false,
});

export const DEFAULT_CHECKLIST_ID = 'service';

export const defaultChecklistName = t(
  '网点服务监督检查表',
  '網點服務監督檢查表',
  'Outlet service supervision checklist',
);

export const defaultChecklistSections: ChecklistSection[] = [
  {
    id: 'environment',
    title: t('营业环境与 5S', '營業環境與 5S', 'Premises and 5S'),
    items: [
      item(
        'env-clean',
        t(
          '营业厅整洁，无杂物、无积尘',
          '營業廳整潔，無雜物、無積塵',
          'The hall is clean and tidy, nothing lying about',
        ),
        6,
      ),
      item(
        'env-5s',
        t(
          '5S 管理（整理、整顿、清扫、清洁、素养）评分',
          '5S 管理（整理、整頓、清掃、清潔、素養）評分',
          '5S (sort, set in order, shine, standardise, sustain), marked 0–4',
        ),
        8,
        {
          kind: { type: 'score', max: 4 },
        },
      ),
      item(
        'env-five-unified',
        t(
          '标识、设施、动线、物料、宣传“五统一”',
          '標識、設施、動線、物料、宣傳「五統一」',
          'Signs, facilities, flow lines, materials and publicity as the bank prescribes ("five unifications")',
        ),
        6,
      ),
      item(
        'env-self-service',
        t(
          '自助设备运行正常，故障已报修并有提示',
          '自助設備運行正常，故障已報修並有提示',
          'Self-service machines work; a fault is reported and signposted',
        ),
        6,
      ),
      item(
        'env-qr-poster',
        t(
          '客户评价二维码海报张贴醒目且可扫码',
          '客戶評價二維碼海報張貼醒目且可掃碼',
          'The feedback QR poster is displayed where customers see it, and scans',
        ),
        4,
      ),
    ],
  },
  {
    id: 'conduct',
    title: t('服务规范', '服務規範', 'Conduct at the counter'),
    items: [
      item(
        'conduct-actions',
        t(
          '柜面“八个标准动作”（起身相迎、微笑问候、双手接递……）完成数',
          '櫃面「八個標準動作」（起身相迎、微笑問候、雙手接遞……）完成數',
          'The eight standard actions at the counter (stand to greet, smile, hand over with both hands…), how many done',
        ),
        12,
        {
          kind: { type: 'score', max: 8 },
        },
      ),
      item(
        'conduct-phrases',
        t(
          '“八句标准用语”（您好、请稍候、请您核对……）使用数',
          '「八句標準用語」（您好、請稍候、請您核對……）使用數',
          'The eight standard phrases ("hello", "one moment please", "please check"…), how many used',
        ),
        12,
        {
          kind: { type: 'score', max: 8 },
        },
      ),
      item(
        'conduct-dress',
        t('着装规范，佩戴工牌', '著裝規範，佩戴工牌', 'Uniform as prescribed, name badge worn'),
        4,
      ),
      item(
        'conduct-lobby',
        t(
          '大堂经理主动迎候、分流引导',
          '大堂經理主動迎候、分流引導',
          'The lobby manager greets customers and guides the queue',
        ),
        6,
      ),
    ],
  },
  {
    id: 'efficiency',
    title: t('服务效率', '服務效率', 'Efficiency'),
    items: [
      item(
        'efficiency-waiting',
        t('客户平均等候时间', '客戶平均等候時間', 'Customers’ average waiting time'),
        8,
        {
          kind: { type: 'number', unit: t('分钟', '分鐘', 'minutes'), passAtMost: 15 },
          photoOnFail: false,
        },
      ),
      item(
        'efficiency-windows',
        t(
          '开放窗口数与客流相匹配，高峰时增开窗口',
          '開放窗口數與客流相匹配，高峰時增開窗口',
          'Windows open match the queue; more open at busy times',
        ),
        6,
      ),
    ],
  },
  {
    id: 'elderly',
    title: t('适老化服务', '適老化服務', 'Elderly-friendly service'),
    items: [
      item(
        'elderly-window',
        t(
          '设置“爱心窗口”并有明显标识',
          '設置「愛心窗口」並有明顯標識',
          'A priority window (爱心窗口), clearly signposted',
        ),
        5,
        {
          allowNotApplicable: true,
        },
      ),
      item(
        'elderly-aids',
        t(
          '老花镜、放大镜、轮椅、应急药箱等助老设施齐全可用',
          '老花鏡、放大鏡、輪椅、應急藥箱等助老設施齊全可用',
          'Reading glasses, magnifier, wheelchair and first-aid kit at hand',
        ),
        5,
      ),
      item(
        'elderly-cash',
        t('保留现金服务，不拒收现金', '保留現金服務，不拒收現金', 'Cash is served and never refused'),
        0.5,
        {
          redLine: true,
        },
      ),
    ],
  },
  {
    id: 'quality',
    title: t('服务质量与消费者权益保护', '服務質量與消費者權益保護', 'Quality and consumer protection'),
    items: [
      item(
        'quality-complaint-posted',
        t(
          '投诉电话、投诉处理流程及时限在醒目位置公示',
          '投訴電話、投訴處理流程及時限在醒目位置公示',
          'The complaint hotline, the complaint process and its time limits are posted where customers see them',
        ),
        0.5,
        {
          redLine: true,
        },
      ),
      item(
        'quality-first-contact',
        t(
          '首问负责：客户诉求有人受理并跟进',
          '首問負責：客戶訴求有人受理並跟進',
          'First-contact ownership: every customer’s request is taken and followed up',
        ),
        6,
      ),
      item(
        'quality-privacy',
        t(
          '客户资料、单据未随意放置，屏幕不外露客户信息',
          '客戶資料、單據未隨意放置，螢幕不外露客戶資訊',
          'Customers’ documents and slips are not left in view; screens show no customer’s data',
        ),
        0.5,
        {
          redLine: true,
        },
      ),
      item(
        'quality-disclosure',
        t(
          '产品风险提示、收费标准公示完整',
          '產品風險提示、收費標準公示完整',
          'Product risk notices and the fee schedule are posted in full',
        ),
        4.5,
      ),
    ],
  },
];
