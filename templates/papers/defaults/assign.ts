// 转办单: the case sent to the handling department. Addressed to a department: NO complainant identity
// (the core's model for it has none, and checkTemplate refuses the names).
import type { PaperTemplateText } from '../../engine/types';
import { orElse } from './common';

export const template: PaperTemplateText = {
  title: '投诉转办单',
  recipient: '',
  body: [
    '承办部门：{承办部门}',
    `承办人：${orElse('承办人', '由承办部门指定')}`,
    '收到日期：{收到日期}',
    '受理渠道：{受理渠道}',
    '投诉类型：{投诉类型}',
    '{#群体投诉}',
    '投诉人数：{人数}人（群体投诉）',
    '{/群体投诉}',
    `被投诉部门：${orElse('被投诉部门', '未指明')}`,
    `被投诉人员：${orElse('被投诉人员', '未指明')}`,
    '事由：{事由}',
    '投诉内容：{诉求内容}',
    `诉求：${orElse('诉求', '未提出具体诉求')}`,
    '{#受理意见}',
    '转办意见：{受理意见}',
    '{/受理意见}',
    '办理期限：{办理期限}',
    '办理要求：请认真调查核实，于{办理期限}前将调查核实情况、处理意见和整改措施书面报送本单位。投诉人身份信息依规保密，不得向被投诉部门和人员透露，严禁打击报复投诉人。',
    '{#保密}',
    '保密要求：投诉人要求对其身份信息保密，办理中不得以任何方式泄露。',
    '{/保密}',
    '签名栏：转办人｜承办部门签收人｜签收日期',
  ].join('\n'),
  contact: '',
  copyTo: '',
};
