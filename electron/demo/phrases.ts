/**
 * The office's side of a case, in its own words: how an account opens per channel, investigation notes,
 * handling opinions per finding, replies, follow-up notes and the side paths. Slots as in topics.ts plus
 * {issue} (the topic's short label) and {measure}.
 */
export const OPENINGS: Record<string, readonly string[]> = {
  来访: ['来访人到服务台当面反映：', '来访人称：', ''],
  电话: ['来电反映：', '来电人称：', '通过投诉电话反映：'],
  信函: ['来信反映：', '来信称：'],
  电子邮件: ['来邮反映：', ''],
  网站留言: ['网站留言：', ''],
  微信: ['通过微信公众号留言：', ''],
  意见箱: ['意见箱来件：', '意见箱内拾得意见表，内容如下：'],
  上级转办: ['县政务服务热线转来工单：', '上级部门转办件，反映：'],
  热线转办: ['12345热线转办：', '热线工单反映：'],
  其他: [''],
};

export const CLOSINGS = [
  '', '', '希望有关部门重视。', '请尽快处理并给予答复。', '感觉很不被尊重。', '希望以后不要再发生类似情况。', '请给个说法。',
  '已经不是第一次遇到这种情况了。', '耽误了一上午的时间。',
] as const;

export const ACCEPT_NOTES = ['', '', '', '属于受理范围，予以受理', '同意受理，请尽快分办', '情况属实的可能性较大，受理'] as const;

export const ASSIGN_NOTES = ['', '', '请按期调查核实并反馈', '请承办部门负责人亲自督办', '请调取监控并约谈当事人员', '请核实后提出处理意见'] as const;

export const NOTES = [
  '调取{date}大厅监控录像，查看当时窗口办理情况。',
  '约谈{dept}负责人及当事人员，了解事情经过。',
  '电话联系诉求人，进一步核实诉求内容和时间。',
  '现场查看{place}，拍照留存。',
  '查阅当日叫号记录和业务办理台账。',
  '询问在场的两名工作人员，制作询问笔录。',
  '与相关科室负责人召开协调会，商定整改方案。',
  '核对收费系统记录和票据存根。',
] as const;

export const OPINIONS: Record<string, readonly string[]> = {
  substantiated: [
    '经调查核实，诉求人反映的{issue}问题属实。对当事人员进行批评教育，责令其向诉求人赔礼道歉。',
    '经调取监控和询问当事人，反映情况属实，暴露出{dept}在管理上存在漏洞，已责成限期整改。',
  ],
  partly: [
    '经核实，反映的{issue}问题部分属实。当时确有等候时间较长的情况，但未发现工作人员有违规行为。',
    '经调查，反映情况部分属实，工作人员解释不到位，已要求其改进工作方法。',
  ],
  unsubstantiated: [
    '经调取监控录像并询问在场人员，未发现诉求人反映的问题，工作人员按规定办理，已向诉求人做好解释。',
    '经核查系统记录，相关业务均按规定时限办理，反映问题不属实。',
  ],
  unverifiable: [
    '因时间较久且当日监控已覆盖，无法核实具体情况。已要求{dept}加强管理，避免类似问题。',
    '诉求人未能提供具体时间和人员信息，经多方了解无法核实，已在全体人员中进行提醒。',
  ],
};

export const STAFF_ACTIONS: Record<string, readonly string[]> = {
  substantiated: ['批评教育，扣减当月考评分', '诫勉谈话并书面检查', '调离窗口岗位，参加培训后再上岗', '通报批评'],
  partly: ['提醒谈话', '批评教育', ''],
  unsubstantiated: [''],
  unverifiable: [''],
};

export const REVIEW_OK = ['', '同意处理意见', '同意，按此答复', '处理意见妥当，同意答复'] as const;
export const REVIEW_RETURN = ['调查不够细致，请补充监控核查情况', '处理意见过于简单，请明确整改措施', '请补充与诉求人沟通的记录'] as const;

/** Replies when the complaint was (partly) borne out, and when it was not or could not be verified. */
export const REPLIES = {
  found: [
    '您反映的{issue}问题，我们已调查处理。{measure}。感谢您的监督。',
    '关于您反映的{issue}，经调查核实，{finding_text}。我们已{measure}，欢迎继续监督。',
    '已电话告知诉求人调查经过和处理结果：{measure}。诉求人表示知悉。',
    '已向诉求人当面说明情况并致歉，{measure}。',
  ],
  notFound: [
    '关于您反映的{issue}，经调取监控并询问在场人员，{finding_text}，工作人员系按规定办理。感谢您的理解和监督。',
    '已电话向诉求人说明调查经过：{finding_text}，并就相关规定做了解释，诉求人表示知悉。',
    '您反映的问题我们已认真核查，{finding_text}。今后将进一步加强管理，欢迎继续监督。',
  ],
} as const;

export const SPOT_REPLIES = [
  '已当场告知办理流程和所需材料，并提供书面办事指南。',
  '已当场解答，告知可通过网上办事大厅在线办理。',
  '已告知所需材料清单和办理窗口，诉求人表示清楚。',
  '已电话告知办理条件和咨询电话，诉求人无其他问题。',
  '已当场答复并引导至相应窗口办理。',
] as const;

export const FOLLOW_UP_NOTES: Record<string, readonly string[]> = {
  satisfied: ['电话回访，诉求人对处理结果表示满意', '回访时诉求人表示问题已解决，感谢', '诉求人满意，无其他意见'],
  basic: ['诉求人表示基本满意，希望继续改进', '问题基本解决，诉求人希望以后不再发生', '诉求人基本认可处理结果'],
  unsatisfied: ['诉求人对处理结果不满意，认为处理过轻', '诉求人表示问题仍未解决，要求重新处理', '诉求人不认可调查结论'],
};

export const REOPEN_REASONS = ['诉求人对调查结论有异议，提供了新的证据', '回访不满意，问题仍未实际解决', '诉求人认为处理过轻，要求复查'] as const;

export const CLOSE_NOTES = {
  unsatisfied: ['经再次沟通解释，诉求人诉求已超出受理范围，予以办结', '已做充分解释，诉求人仍不满意，报负责人同意后办结'],
  anonymous: ['匿名来件，处理结果已在服务大厅公示栏公开，予以办结', '匿名件无法回访，予以办结'],
  replied: ['多次电话联系诉求人未接通，予以办结', '诉求人明确表示无需回访，予以办结'],
} as const;

export const REFUSALS = [
  ['反映事项属于劳动争议，不属于本单位受理范围', '告知其向县劳动人事争议仲裁委员会申请仲裁'],
  ['反映事项已进入诉讼程序', '告知其依照诉讼程序主张权利'],
  ['反映的是商品房质量问题，属开发商与业主之间的民事纠纷', '告知其向县住房和城乡建设局或消费者协会反映'],
  ['反映事项涉及医疗事故鉴定', '告知其向县卫生健康局申请医疗纠纷调解或医疗事故技术鉴定'],
  ['同一事项已于本年度处理并答复，无新的事实和理由', '告知其如对答复不服可向上级主管部门申请复核'],
  ['反映的是交通违法处罚问题', '告知其向县公安局交警大队咨询或申请行政复议'],
] as const;

export const VOID_REASONS = ['重复登记，与同日另一件为同一事项', '登记信息录入错误，已重新登记', '来电人表示打错电话，不是投诉事项', '测试数据，误登记'] as const;

export const EXTENSIONS = [
  ['涉及多个部门，需协调后才能答复', '已电话告知诉求人延期原因和新的答复时间'],
  ['需调取第三方系统数据，等待对方回复', '已短信告知诉求人'],
  ['事项复杂，需现场勘查和专业检测', '已当面告知诉求人'],
  ['当事人员休假，需待其返岗后核实', ''],
] as const;

export const MATERIALS = ['缴费票据原件', '事发当日的就诊凭证', '现场照片或视频', '购房合同复印件', '身份证明和委托书', '借阅证及还书凭条'] as const;

export const ANONYMOUS_REPLY = '匿名来件，处理结果已在服务大厅公示栏公开。';
