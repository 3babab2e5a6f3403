// 答复函: how and when the matter arrived, what was investigated and found, the basis and decision, any
// corrective measures, and the remedy (复查: where and by when).
import type { PaperTemplateText } from '../../engine/types';
import { COMPLAINANT_RECIPIENT, OFFICE_CONTACT } from './common';

export const template: PaperTemplateText = {
  title: '投诉答复函',
  recipient: COMPLAINANT_RECIPIENT,
  body: [
    '本单位于{收到日期}收到您反映的关于{事由}的投诉（受理渠道：{受理渠道}，登记编号：{登记编号}），于{受理日期}依规受理，并{#承办部门}交由{承办部门}{/承办部门}进行了调查核实。现将办理情况答复如下：',
    '一、反映的问题',
    '{诉求内容}',
    '{#诉求}您提出的诉求：{诉求}{/诉求}',
    '二、调查核实情况',
    '{调查核实情况}',
    '三、处理意见及依据',
    '{处理意见}',
    '{#整改措施}',
    '四、整改措施',
    '{整改措施}',
    '{/整改措施}',
    '{#整改措施}五{/整改措施}{^整改措施}四{/整改措施}、复查途径',
    '如您对本答复意见不服，{复查途径}。',
    '{#保密}',
    '本单位在办理过程中已对您的身份信息予以保密。',
    '{/保密}',
    '感谢您对本单位工作的监督和支持。',
    '特此函复。',
  ].join('\n'),
  contact: OFFICE_CONTACT,
  copyTo: '',
};
