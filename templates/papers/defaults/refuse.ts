// 不予受理告知书: the complaint is refused, why, where to go instead, and the remedy.
import type { PaperTemplateText } from '../../engine/types';
import { COMPLAINANT_RECIPIENT, OFFICE_CONTACT } from './common';

export const template: PaperTemplateText = {
  title: '投诉不予受理告知书',
  recipient: COMPLAINANT_RECIPIENT,
  body: [
    '本单位于{收到日期}收到您反映的关于{事由}的投诉（受理渠道：{受理渠道}，登记编号：{登记编号}）。经审查，本单位决定对该投诉不予受理，理由如下：',
    '{不予受理理由}',
    '对您反映的事项，建议您通过以下途径反映：{告知途径}。',
    '如对本决定有异议，{复查途径}。',
    '特此告知。',
  ].join('\n'),
  contact: OFFICE_CONTACT,
  copyTo: '',
};
