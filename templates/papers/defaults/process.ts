// 办理过程记录: the case's timeline as a paper for the dossier.
import type { PaperTemplateText } from '../../engine/types';
import { orElse } from './common';

export const template: PaperTemplateText = {
  title: '投诉办理过程记录',
  recipient: '',
  body: [
    '事由：{事由}',
    '投诉人：{#匿名}匿名投诉{/匿名}{^匿名}{诉求人姓名}{/匿名}',
    '收到日期：{收到日期}',
    `承办部门：${orElse('承办部门', '未转办')}`,
    `办理期限：${orElse('办理期限', '无')}`,
    '办理状态：{办理状态}',
    '日期｜环节｜办理内容｜经办人',
    '{#办理过程}',
    '{日期}｜{环节}｜{内容}｜{经办人}',
    '{/办理过程}',
    '{^办理过程}',
    '暂无办理记录',
    '{/办理过程}',
    '签名栏：整理人｜审核人｜日期',
  ].join('\n'),
  contact: '',
  copyTo: '',
};
