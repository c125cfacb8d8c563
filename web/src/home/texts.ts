import type { Dictionaries } from '../shared/i18n.js';

const zhCN = {
  pageTitle: '客户之声',
  brand: '客户之声',
  welcome: '您好，请问需要什么帮助？',
  complain: '我要投诉',
  complainHint: '服务不满意？告诉我们，我们会认真处理',
  track: '查询投诉进度',
  trackHint: '凭投诉编号和联系电话后四位查询',
  rate: '想为本次服务评价？请扫描网点内张贴的二维码。',
  staff: '员工登录',
  api: 'API 文档',
};

export const texts: Dictionaries<typeof zhCN> = {
  'zh-CN': zhCN,
  'zh-TW': {
    pageTitle: '客戶之聲',
    brand: '客戶之聲',
    welcome: '您好，請問需要甚麼幫助？',
    complain: '我要投訴',
    complainHint: '服務不滿意？告訴我們，我們會認真處理',
    track: '查詢投訴進度',
    trackHint: '憑投訴編號和聯絡電話後四位查詢',
    rate: '想為本次服務評價？請掃描網點內張貼的二維碼。',
    staff: '員工登入',
    api: 'API 文件',
  },
  en: {
    pageTitle: 'Customer voice',
    brand: 'Customer voice',
    welcome: 'Hello, how can we help?',
    complain: 'Make a complaint',
    complainHint: 'Not happy with our service? Tell us and we will look into it',
    track: 'Track a complaint',
    trackHint: 'With its tracking number and the last four digits of your phone',
    rate: 'Want to rate your visit? Scan the QR code displayed in the outlet.',
    staff: 'Staff sign-in',
    api: 'API reference',
  },
};
