// 回访记录单: the follow-up call on a form; printed before the call it leaves the answers blank for handwriting.
import type { PaperTemplateText } from '../../engine/types';
import { orBlank, orElse } from './common';

export const template: PaperTemplateText = {
  title: '投诉回访记录单',
  recipient: '',
  body: [
    '事由：{事由}',
    '投诉人：{#匿名}匿名投诉{/匿名}{^匿名}{诉求人姓名}{/匿名}',
    '{^匿名}',
    `联系电话：${orElse('诉求人电话', '未提供')}`,
    '{/匿名}',
    `承办部门：${orElse('承办部门', '未转办')}`,
    `答复日期：${orBlank('答复日期')}`,
    `答复方式：${orBlank('答复方式')}`,
    `处理意见：${orBlank('处理意见')}`,
    `回访日期：${orBlank('回访日期')}`,
    `回访方式：${orElse('回访方式', '□电话　□上门　□短信　□其他')}`,
    `回访人：${orBlank('回访人')}`,
    `满意度：${orElse('满意度', '□满意　□基本满意　□不满意')}`,
    `回访情况：${orBlank('回访情况')}`,
    '不满意的，经审核可进入复查程序。',
    '签名栏：回访人签名｜审核人签名｜日期',
  ].join('\n'),
  contact: '',
  copyTo: '',
};
