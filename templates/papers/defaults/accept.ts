// 受理告知书: the complaint is accepted; by when the result will come.
import type { PaperTemplateText } from '../../engine/types';
import { COMPLAINANT_RECIPIENT, OFFICE_CONTACT } from './common';

export const template: PaperTemplateText = {
  title: '投诉受理告知书',
  recipient: COMPLAINANT_RECIPIENT,
  body: [
    '本单位于{收到日期}收到您反映的关于{事由}的投诉（受理渠道：{受理渠道}，登记编号：{登记编号}）。经审查，该投诉符合受理条件，本单位已于{受理日期}决定予以受理。',
    '{#承办部门}本单位已将该事项交由{承办部门}承办。{/承办部门}我们将依照有关规定认真调查核实，并于{办理期限}前将办理结果告知您。如因情况复杂不能按期办结，我们将另行书面告知延期理由和延长后的期限。',
    '{#群体投诉}',
    '本件为{人数}人联名投诉，请推选代表（不超过5人）与本单位联系办理事宜。',
    '{/群体投诉}',
    '{#保密}',
    '根据您的要求，本单位在办理过程中将对您的身份信息严格保密。',
    '{/保密}',
    '办理期间如需补充材料或查询办理进度，请与本单位联系，并告知上述登记编号。',
    '特此告知。',
  ].join('\n'),
  contact: OFFICE_CONTACT,
  copyTo: '',
};
