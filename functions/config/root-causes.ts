import type { LocalizedText } from '../domain/language.js';

/**
 * The root causes a resolution may name, with their names in every page language: the one place
 * a root cause is defined. `ROOT_CAUSES` chooses which of these the bank uses (and in what order);
 * a bank that needs another adds it here with its names, so no page ever shows a bare id.
 */
export const rootCauseNames: Readonly<Record<string, LocalizedText>> = {
  'staff-conduct': { 'zh-CN': '员工行为', 'zh-TW': '員工行為', en: 'Staff conduct' },
  process: { 'zh-CN': '流程问题', 'zh-TW': '流程問題', en: 'Process' },
  system: { 'zh-CN': '系统问题', 'zh-TW': '系統問題', en: 'Systems' },
  product: { 'zh-CN': '产品设计', 'zh-TW': '產品設計', en: 'Product design' },
  policy: { 'zh-CN': '政策规定', 'zh-TW': '政策規定', en: 'Policy' },
  misunderstanding: { 'zh-CN': '客户误解', 'zh-TW': '客戶誤解', en: 'Misunderstanding' },
  external: { 'zh-CN': '外部原因', 'zh-TW': '外部原因', en: 'External' },
};
