// 补正材料告知书: all missing material at once, by when, and that the clock restarts when it arrives.
import type { PaperTemplateText } from '../../engine/types';
import { COMPLAINANT_RECIPIENT, OFFICE_CONTACT } from './common';

export const template: PaperTemplateText = {
  title: '投诉补正材料告知书',
  recipient: COMPLAINANT_RECIPIENT,
  body: [
    '本单位于{收到日期}收到您反映的关于{事由}的投诉（登记编号：{登记编号}）。经审查，您提交的材料尚不齐全，为便于调查核实，现一次性告知您补正以下材料：',
    '{补正材料}',
    '请于{补正期限}前将上述材料送交或寄送至本单位{#单位地址}（地址：{单位地址}）{/单位地址}。办理期限自本单位收到补正材料的次日起重新计算；逾期未补正又无正当理由的，本单位将根据已有材料依规处理。',
    '特此告知。',
  ].join('\n'),
  contact: OFFICE_CONTACT,
  copyTo: '',
};
