import type { Dictionaries } from '../shared/i18n.js';

const zhCN = {
  pageTitle: '员工登录 · 客户之声',
  title: '员工登录',
  loading: '正在加载…',
  localUsers: '本地演示用户',
  pickUser: '选择一个用户登录（仅本地平台）。',
  'role.admin': '系统管理员',
  'role.head-office': '总行',
  'role.dept': '部门员工',
  'role.outlet': '网点负责人',
  'role.other': '其他角色',
  listSeparator: '、',
  useProvider: '请通过行内统一身份认证登录。',
  withProvider: '使用行内账号登录',
  failed: '登录失败，请重试。',
  expired: '登录已过期，请重试。',
};

export type SignInWords = typeof zhCN;

export const texts: Dictionaries<SignInWords> = {
  'zh-CN': zhCN,
  'zh-TW': {
    pageTitle: '員工登入 · 客戶之聲',
    title: '員工登入',
    loading: '正在載入…',
    localUsers: '本地示範用戶',
    pickUser: '選擇一個用戶登入（僅限本地平台）。',
    'role.admin': '系統管理員',
    'role.head-office': '總行',
    'role.dept': '部門員工',
    'role.outlet': '網點負責人',
    'role.other': '其他角色',
    listSeparator: '、',
    useProvider: '請透過行內統一身分認證登入。',
    withProvider: '使用行內帳號登入',
    failed: '登入失敗，請重試。',
    expired: '登入已逾時，請重試。',
  },
  en: {
    pageTitle: 'Staff sign-in · Customer voice',
    title: 'Staff sign-in',
    loading: 'Loading…',
    localUsers: 'Local demo users',
    pickUser: 'Pick a user to sign in as (local platform only).',
    'role.admin': 'Administrator',
    'role.head-office': 'Head office',
    'role.dept': 'Department staff',
    'role.outlet': 'Outlet manager',
    'role.other': 'Other role',
    listSeparator: ', ',
    useProvider: 'Please sign in through the bank’s identity provider.',
    withProvider: 'Sign in with your bank account',
    failed: 'Sign-in failed; please try again.',
    expired: 'Sign-in expired; please try again.',
  },
};
