import type { Aspect } from '../../domain/statistics/rating-totals.js';

/**
 * What the demo history's customers and staff write: short, plausible Chinese texts, picked at
 * random. Low ratings mostly complain about the outlet's weak aspect, so the low-rating list on
 * the dashboard reads like a real outlet's.
 */
export const ratingComments = {
  praise: [
    '柜员很耐心，讲解清楚，谢谢！',
    '大堂经理主动引导，办得很快。',
    '环境干净整洁，等候区座位舒适。',
    '业务办理效率高，十分钟就办好了。',
    '理财经理很专业，没有硬推产品。',
    '服务热情周到，点赞！',
    '叫号很准时，几乎没有等待。',
    '帮老人填表很细心，感谢工作人员。',
    '手机银行的问题当场帮我解决了。',
    '整体体验很好，会推荐给家人。',
  ],
  neutral: [
    '还可以，就是人有点多。',
    '办理流程稍微繁琐，希望能简化。',
    '服务一般，没什么特别的。',
    '自助设备有一台坏了，其他还好。',
    '停车不太方便。',
  ],
  complaint: {
    environment: ['等候区太挤了，空调也不够凉。', '卫生间不干净，需要改进。', '自助区灯光太暗，设备也旧。'],
    attitude: [
      '柜员态度冷淡，问问题爱答不理。',
      '工作人员不耐烦，说话很冲。',
      '大堂经理只顾推销理财，不解决我的问题。',
      '被要求重复提供材料，解释得也不清楚，体验很差。',
    ],
    efficiency: [
      '排队一个多小时，只开了两个窗口。',
      '取号后等了很久，叫号系统还出错。',
      '办一个挂失要跑两趟，效率太低。',
      '中午窗口全部暂停，等得很着急。',
    ],
    professionalism: [
      '问理财产品风险，工作人员自己也说不清。',
      '填错了表格没人提醒，白跑一趟。',
      '转账限额的问题解释前后矛盾。',
    ],
  } satisfies Record<Aspect, string[]>,
};

/** What a complaint says, by category of the default routing rules (unknown categories get `other`). */
export const complaintDescriptions: Record<string, string[]> = {
  'service-attitude': [
    '在柜台办理业务时，柜员态度恶劣，多次打断我说话，还让我“自己看说明”。',
    '大堂经理对老年客户不耐烦，我母亲询问时被大声呵斥。',
    '咨询存款问题时工作人员敷衍了事，没有给出明确答复。',
  ],
  'waiting-time': [
    '上午十点取号，等了一个半小时才办理，期间只开了两个窗口。',
    '预约了上午办理，到网点后仍需重新排队，等待时间过长。',
    '午休时段所有窗口暂停，现场无人解释，客户等待很久。',
  ],
  'fees-and-charges': [
    '账户被扣取小额账户管理费，事先没有任何告知。',
    '跨行转账被收取手续费，与柜员之前的说明不一致。',
    '开通短信提醒后每月扣费，我并未同意开通该服务。',
  ],
  'mis-selling': [
    '在网点存款时被推荐购买保险产品，销售人员称其“和存款一样保本”，实际并非如此。',
    '理财经理未进行风险评估就让我购买了高风险基金，现已亏损。',
  ],
  'cards-and-accounts': [
    '借记卡被无故冻结，网点要求提供多项材料才能解冻。',
    '办理银行卡挂失补办，等了两周仍未收到新卡。',
    '开户时被要求办理不需要的信用卡，否则不给开户。',
  ],
  loans: [
    '房贷提前还款申请提交一个月仍无进展，也没有人联系我。',
    '经营贷审批材料反复补充，每次要求都不一样。',
  ],
  'digital-banking': [
    '手机银行转账失败但余额已扣减，客服让我到网点处理，网点又让我打客服。',
    '网点工作人员要求必须下载手机银行才能办理业务。',
    '手机银行登录后频繁闪退，网点无法协助处理。',
  ],
  'atm-self-service': [
    'ATM 取款时吞卡，网点称需等待三个工作日才能取回。',
    '自助存款机存款未入账，钞票被机器吞没。',
    '网点多台自助设备长期故障，无人维修。',
  ],
  'privacy-security': [
    '在网点办理业务后接到陌生推销电话，对方清楚知道我的账户信息。',
    '柜员在大厅大声念出我的身份证号码和账户余额。',
  ],
  other: ['网点营业时间与公示不符，提前半小时停止办理业务。', '网点无障碍通道被杂物堵塞，轮椅无法通行。'],
};

export const surnames = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '高',
  '罗',
];
export const givenNames = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '磊',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '建华',
  '晓东',
  '丽华',
  '志强',
  '海燕',
  '文博',
  '雪梅',
];

/** Who the customer says was involved: roles, never a staff member's name (recusal matches names). */
export const staffInvolved = ['3号窗口柜员', '大堂经理', '理财经理', '对公窗口工作人员', '保安'];

/** What handlers write when they contact the customer, accept a transfer's reason, ask for more time. */
export const contactSummaries = [
  '已电话联系客户，了解详细经过，承诺尽快处理。',
  '已短信告知客户受理情况及预计处理时间。',
  '与客户沟通，客户补充了相关凭证。',
  '已回访客户，说明调查进展。',
];
export const notes = [
  '已调取网点监控，核实情况中。',
  '已约谈当事员工，等待书面说明。',
  '需协调总行相关部门确认政策口径。',
  '已与网点负责人沟通整改措施。',
];
export const headOfficeNotes = [
  '总行消保部已关注，请按时限办结并报送整改情况。',
  '重大投诉，请于办结后提交根因分析。',
];
export const transferReasons = [
  '经核实属于贵部门业务范围，请协助处理。',
  '涉及系统问题，转请相关部门处理。',
  '涉及产品政策解释，转请产品部门答复。',
];
export const extensionReasons = [
  '需调取多方交易记录，情况复杂，申请延长处理时限。',
  '涉及第三方机构核实，需要更多时间。',
];

/** A decision and a corrective action for each root cause of the default ROOT_CAUSES. */
export const resolutions: Record<string, { decision: string; correctiveAction: string }[]> = {
  'staff-conduct': [
    {
      decision: '经核实员工服务存在不当，已向客户致歉。',
      correctiveAction: '对当事员工进行服务规范培训并纳入绩效考核。',
    },
    { decision: '员工沟通方式欠妥，网点负责人已当面致歉。', correctiveAction: '网点开展服务礼仪专项培训。' },
  ],
  process: [
    {
      decision: '流程设置不合理导致客户多次往返，已协助客户一次办结。',
      correctiveAction: '优化业务材料清单并在网点公示。',
    },
    {
      decision: '高峰期窗口安排不足，已向客户说明并致歉。',
      correctiveAction: '调整弹性排班，高峰期增开窗口。',
    },
  ],
  system: [
    { decision: '系统故障导致交易异常，资金已原路退回。', correctiveAction: '已提交系统缺陷单并跟踪修复。' },
    { decision: '设备故障已修复，客户款项已入账。', correctiveAction: '加强自助设备巡检频次。' },
  ],
  product: [
    {
      decision: '产品条款说明不充分，已为客户办理退保/赎回。',
      correctiveAction: '修订产品销售话术并加强双录检查。',
    },
  ],
  policy: [
    {
      decision: '收费符合现行政策，已向客户详细解释并退还争议费用。',
      correctiveAction: '在开户环节加强收费告知。',
    },
  ],
  misunderstanding: [
    { decision: '经沟通属于信息误解，客户表示理解。', correctiveAction: '完善网点公告与告知材料。' },
  ],
  external: [
    {
      decision: '问题由第三方机构造成，已协调对方处理完毕。',
      correctiveAction: '与合作机构建立快速响应机制。',
    },
  ],
};

/** What customers say when they rate the handling of their complaint. */
export const verdictComments = {
  satisfied: ['处理及时，满意。', '问题已解决，谢谢。', undefined, undefined],
  unsatisfied: ['问题没有真正解决。', '只是道歉，没有实际补偿。', '处理太慢，不满意。'],
};
