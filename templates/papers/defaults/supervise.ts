// 督办通知: to the handling department that is late. Addressed to a department: NO complainant identity.
import type { PaperTemplateText } from '../../engine/types';
import { OFFICE_CONTACT } from './common';

export const template: PaperTemplateText = {
  title: '投诉办理督办通知',
  recipient: '{承办部门}',
  body: [
    '本单位于{收到日期}登记的关于{事由}的投诉（登记编号：{登记编号}）{#群体投诉}系{人数}人联名投诉，{/群体投诉}已交由你单位办理，办理期限为{办理期限}，现已超过办理期限{超期天数}天，仍未办结。',
    '现对该事项进行督办，要求如下：',
    '{督办要求}',
    '请你单位于{报告期限}前将办理情况、超期原因及下一步措施书面报送本单位。逾期仍未办结的，将按规定予以通报。',
    '办理中请对投诉人身份信息严格保密，严禁打击报复。',
    '特此通知。',
  ].join('\n'),
  contact: OFFICE_CONTACT,
  copyTo: '',
};
