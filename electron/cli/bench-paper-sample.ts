import { DEFAULT_TEMPLATES } from '../../templates/papers/defaults';
import { composePaper } from '../../templates/papers/compose';
import type { PaperDocument } from '../../templates/papers/paper-document';
import { placeholdersFor, type PaperType } from '../core/domain/papers';

/**
 * A paper composed from its default template and a made-up but complete model, for the render benchmarks
 * (no database: the child process that times the first letter has none).
 */
const SAMPLE: Record<string, string> = {
  单位名称: '某县政务服务中心', 单位简称: '某政服', 单位地址: '某县人民路1号', 单位联系人: '王芳', 单位电话: '0571-88881234',
  诉求人姓名: '张三', 诉求人电话: '13812345678', 诉求人住址: '某县文一路8号', 诉求人工作单位: '某县第一中学', 诉求人身份证号: '',
  事由: '社保窗口工作人员态度生硬', 承办部门: '社保服务科', 承办人: '李明', 被投诉部门: '综合窗口', 被投诉人员: '周敏',
};

export function samplePaper(type: PaperType, i = 0): PaperDocument {
  const model: Record<string, string | boolean | null | never[]> = {};
  for (const p of placeholdersFor(type)) {
    if (p.kind === 'flag') model[p.name] = false;
    else if (p.kind === 'list') model[p.name] = [];
    else if (Object.hasOwn(SAMPLE, p.name)) model[p.name] = SAMPLE[p.name];
    else if (/日期|期限|时间/.test(p.name)) model[p.name] = '2026年3月17日';
    else if (/天数|人数/.test(p.name)) model[p.name] = '3';
    else model[p.name] = `${p.description.replace(/（.*?）/g, '')}，经调查核实，情况属实，已责成有关部门整改并加强管理（第 ${i + 1} 件）。`;
  }
  return composePaper({
    type, template: DEFAULT_TEMPLATES[type], model, fillIns: {}, number: `某政服诉督〔2026〕${i + 1}号`,
    officeName: '某县政务服务中心', signatureDate: '2026年3月20日', preview: false,
  }).document;
}
