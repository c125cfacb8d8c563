import type { CategoryRule, RoutingRules } from './routing.js';
import { DEFAULT_TIME_LIMIT_DAYS } from './time-limits.js';

const category = (
  id: string,
  zhCN: string,
  zhTW: string,
  en: string,
  departmentId: string,
  severity: CategoryRule['severity'] = 'normal',
): CategoryRule => ({
  id,
  name: { 'zh-CN': zhCN, 'zh-TW': zhTW, en },
  departmentId,
  severity,
  timeLimitDays: DEFAULT_TIME_LIMIT_DAYS,
});

/** The rules a new deployment starts with; admins change them on the admin page. */
export const defaultRoutingRules: RoutingRules = {
  categories: [
    category('service-attitude', '服务态度', '服務態度', 'Service attitude', 'retail-banking'),
    category('waiting-time', '排队等候', '排隊等候', 'Waiting time', 'operations'),
    category('fees-and-charges', '收费问题', '收費問題', 'Fees and charges', 'retail-banking'),
    category('mis-selling', '误导销售', '誤導銷售', 'Mis-selling', 'consumer-protection', 'major'),
    category('cards-and-accounts', '银行卡与账户', '銀行卡與賬戶', 'Cards and accounts', 'cards'),
    category('loans', '贷款业务', '貸款業務', 'Loans', 'credit'),
    category('digital-banking', '手机银行与网银', '手機銀行與網銀', 'Mobile and online banking', 'digital'),
    category('atm-self-service', 'ATM 与自助设备', 'ATM 與自助設備', 'ATMs and self-service', 'operations'),
    category(
      'privacy-security',
      '个人信息与安全',
      '個人信息與安全',
      'Privacy and security',
      'consumer-protection',
      'major',
    ),
    category('other', '其他', '其他', 'Other', 'consumer-protection'),
  ],
  regionOverrides: [],
  outletOverrides: [],
  recurring: { threshold: 3, windowDays: 30 },
};
