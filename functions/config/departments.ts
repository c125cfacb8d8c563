/**
 * The bank's departments that receive complaints, and who subscribes to each department's topic.
 *
 * This file is the one source for departments: the CDK app makes an SNS topic per department (with
 * these subscriptions), and the local seed writes the same departments into the table. Adding a
 * department is a change to this file and a deploy.
 */
export type Subscriber =
  | { protocol: 'email'; endpoint: string }
  | { protocol: 'sms'; endpoint: string }
  | { protocol: 'https'; endpoint: string }
  | { protocol: 'sqs'; queueArn: string };

export interface DepartmentConfig {
  id: string;
  name: { 'zh-CN': string; 'zh-TW': string; en: string };
  /** Subscribers of the department's SNS topic in AWS. */
  subscribers: Subscriber[];
  /** Webhooks the local notifier POSTs each delivery to (local platform only). */
  localWebhooks?: string[];
}

export const departments: readonly DepartmentConfig[] = [
  {
    id: 'retail-banking',
    name: { 'zh-CN': '个人金融部', 'zh-TW': '個人金融部', en: 'Retail Banking' },
    subscribers: [],
  },
  {
    id: 'operations',
    name: { 'zh-CN': '运营管理部', 'zh-TW': '運營管理部', en: 'Operations' },
    subscribers: [],
  },
  {
    id: 'cards',
    name: { 'zh-CN': '信用卡中心', 'zh-TW': '信用卡中心', en: 'Card Centre' },
    subscribers: [],
  },
  {
    id: 'credit',
    name: { 'zh-CN': '授信管理部', 'zh-TW': '授信管理部', en: 'Credit' },
    subscribers: [],
  },
  {
    id: 'digital',
    name: { 'zh-CN': '网络金融部', 'zh-TW': '網絡金融部', en: 'Digital Banking' },
    subscribers: [],
  },
  {
    id: 'consumer-protection',
    name: { 'zh-CN': '消费者权益保护部', 'zh-TW': '消費者權益保護部', en: 'Consumer Protection' },
    subscribers: [],
  },
];

export const departmentIds = departments.map((d) => d.id);
