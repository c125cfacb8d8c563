/**
 * The bank's departments that receive complaints.
 *
 * This file is the one source for departments: the CDK app makes an SNS topic per department, and
 * the local seed writes the same departments into the table. Adding a department is a change to
 * this file and a deploy. Who subscribes to each department's topic differs per stage and is
 * configuration, not code: `cdk.json` → `context.stages.<stage>.departments.<id>.subscribers`
 * (validated in infra/stage-config.ts; the prod stage refuses a department without one).
 */
export interface DepartmentConfig {
  id: string;
  name: { 'zh-CN': string; 'zh-TW': string; en: string };
  /** Webhooks the local notifier POSTs each delivery to (local platform only). */
  localWebhooks?: string[];
}

export const departments: readonly DepartmentConfig[] = [
  {
    id: 'retail-banking',
    name: { 'zh-CN': '个人金融部', 'zh-TW': '個人金融部', en: 'Retail Banking' },
  },
  {
    id: 'operations',
    name: { 'zh-CN': '运营管理部', 'zh-TW': '運營管理部', en: 'Operations' },
  },
  {
    id: 'cards',
    name: { 'zh-CN': '信用卡中心', 'zh-TW': '信用卡中心', en: 'Card Centre' },
  },
  {
    id: 'credit',
    name: { 'zh-CN': '授信管理部', 'zh-TW': '授信管理部', en: 'Credit' },
  },
  {
    id: 'digital',
    name: { 'zh-CN': '网络金融部', 'zh-TW': '網絡金融部', en: 'Digital Banking' },
  },
  {
    id: 'consumer-protection',
    name: { 'zh-CN': '消费者权益保护部', 'zh-TW': '消費者權益保護部', en: 'Consumer Protection' },
  },
];

export const departmentIds = departments.map((d) => d.id);
