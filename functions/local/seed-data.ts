import { departments } from '../config/departments.js';
import type { Outlet, Region } from '../domain/outlet.js';

/** Demo bank for the local platform: two regions, six outlets, and users for every role. */
export interface SeedUser {
  username: string;
  displayName: string;
  roles: string[];
}

export const seedRegions: Region[] = [
  { id: 'shanghai', name: { 'zh-CN': '上海分行', 'zh-TW': '上海分行', en: 'Shanghai Branch' } },
  { id: 'beijing', name: { 'zh-CN': '北京分行', 'zh-TW': '北京分行', en: 'Beijing Branch' } },
];

type SeedOutlet = Omit<Outlet, 'createdAt' | 'updatedAt' | 'active'>;

export const seedOutlets: SeedOutlet[] = [
  {
    id: 'sh-lujiazui',
    regionId: 'shanghai',
    name: { 'zh-CN': '陆家嘴支行', 'zh-TW': '陸家嘴支行', en: 'Lujiazui Sub-branch' },
    address: '上海市浦东新区陆家嘴环路 1000 号',
    openingHours: '周一至周五 9:00–17:00；周六 9:00–16:00',
  },
  {
    id: 'sh-xujiahui',
    regionId: 'shanghai',
    name: { 'zh-CN': '徐家汇支行', 'zh-TW': '徐家匯支行', en: 'Xujiahui Sub-branch' },
    address: '上海市徐汇区肇嘉浜路 1111 号',
    openingHours: '周一至周日 9:00–17:00',
  },
  {
    id: 'sh-jingan',
    regionId: 'shanghai',
    name: { 'zh-CN': '静安寺支行', 'zh-TW': '靜安寺支行', en: "Jing'an Temple Sub-branch" },
    address: '上海市静安区南京西路 1686 号',
    openingHours: '周一至周五 9:00–17:00',
  },
  {
    id: 'bj-guomao',
    regionId: 'beijing',
    name: { 'zh-CN': '国贸支行', 'zh-TW': '國貿支行', en: 'Guomao Sub-branch' },
    address: '北京市朝阳区建国门外大街 1 号',
    openingHours: '周一至周五 9:00–17:00；周六 9:30–16:00',
  },
  {
    id: 'bj-zhongguancun',
    regionId: 'beijing',
    name: { 'zh-CN': '中关村支行', 'zh-TW': '中關村支行', en: 'Zhongguancun Sub-branch' },
    address: '北京市海淀区中关村大街 27 号',
    openingHours: '周一至周日 9:00–17:00',
  },
  {
    id: 'bj-wangfujing',
    regionId: 'beijing',
    name: { 'zh-CN': '王府井支行', 'zh-TW': '王府井支行', en: 'Wangfujing Sub-branch' },
    address: '北京市东城区王府井大街 138 号',
    openingHours: '周一至周五 9:00–17:00',
  },
];

const staffNames = [
  ['王芳', '李强'],
  ['张伟', '刘洋'],
  ['陈静', '杨帆'],
  ['赵敏', '黄磊'],
  ['周婷', '吴昊'],
  ['徐丽', '孙浩'],
];

export const seedUsers: SeedUser[] = [
  { username: 'admin', displayName: '系统管理员 Admin', roles: ['admin'] },
  { username: 'head-office', displayName: '总行消保 Head Office', roles: ['head-office'] },
  ...departments.flatMap((department, i) =>
    (staffNames[i % staffNames.length] ?? []).map((name, j) => ({
      username: `${department.id}.${j + 1}`,
      displayName: `${name} · ${department.name['zh-CN']}`,
      roles: [`dept:${department.id}`],
    })),
  ),
  ...seedOutlets.map((outlet) => ({
    username: `manager.${outlet.id}`,
    displayName: `${outlet.name['zh-CN']}网点负责人`,
    roles: [`outlet:${outlet.id}`],
  })),
  ...seedOutlets.map((outlet) => ({
    username: `lobby.${outlet.id}`,
    displayName: `${outlet.name['zh-CN']}大堂经理`,
    roles: [`lobby:${outlet.id}`],
  })),
  { username: 'inspector.1', displayName: '钱进 · 服务督导中心', roles: ['inspector'] },
  ...seedRegions.map((region) => ({
    username: `inspector.${region.id}`,
    displayName: `${region.name['zh-CN']}联合检查组`,
    roles: [`inspector:${region.id}`],
  })),
];
