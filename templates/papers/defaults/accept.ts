// 受理告知书: the complaint is accepted; by when the result will come.
import type { PaperTemplateText } from '../../engine/types';
import { COMPLAINANT_RECIPIENT, OFFICE_CONTACT } from './common';

export const template: PaperTemplateText = {
  title: '投诉受理告知书',
  recipient: COMPLAINANT_RECIPIENT,
  body: [
    '本单位于{收到日期}收到您反映的关于{事由}的投诉（受理渠道：{受理渠道}，登记编号：{登记编号}），经审查符合受理条件，已于{受理日期}予以受理。',
    '{#承办部门}该事项已交由{承办部门}承办。{/承办部门}本单位将依规调查核实，于{办理期限}前将办理结果告知您；情况复杂不能按期办结的，将另行书面告知延期理由和延长后的期限。',
    '{#保密}',
    '根据您的要求，本单位将对您的身份信息严格保密。',
    '{/保密}',
    '{#群体投诉}本件为{人数}人联名投诉，请推选不超过5名代表。{/群体投诉}如需补充材料或查询办理进度，请凭登记编号与本单位联系。',
    '特此告知。',
  ].join('\n'),
  contact: OFFICE_CONTACT,
  copyTo: '',
};
