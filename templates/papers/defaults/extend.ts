// 延期告知书: the handling time is extended, why, and until when.
import type { PaperTemplateText } from '../../engine/types';
import { COMPLAINANT_RECIPIENT, OFFICE_CONTACT } from './common';

export const template: PaperTemplateText = {
  title: '投诉办理延期告知书',
  recipient: COMPLAINANT_RECIPIENT,
  body: [
    '本单位于{收到日期}收到您反映的关于{事由}的投诉（登记编号：{登记编号}），已于{受理日期}依规受理{#承办部门}并交由{承办部门}承办{/承办部门}。',
    '因{延期理由}，该事项不能在规定期限内办结。经本单位批准，办理期限延长至{延期后期限}。',
    '本单位将在延长后的期限内办结，并将办理结果及时书面告知您。由此给您带来的不便，敬请谅解。',
    '特此告知。',
  ].join('\n'),
  contact: OFFICE_CONTACT,
  copyTo: '',
};
