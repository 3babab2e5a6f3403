// The PDF renderer on its own, in a fresh process: the first letter (fonts parsed on the way), 30 warm letters
// (wall and CPU time), 100 督办通知 in one PDF, and the process's peak RSS. The same keys as `npm run bench`
// (electron/cli/bench.ts) reports for the whole app; this one needs no database: npx tsx tests/bench-pdf/run.ts
import { renderPdf } from '../../templates/pdf/render-pdf';
import { composePaper } from '../../templates/papers/compose';
import { DEFAULT_TEMPLATES } from '../../templates/papers/defaults';
import { sampleModel } from '../../templates/papers/sample-models';
const doc = (type: 'reply' | 'supervise') => composePaper({ type, template: DEFAULT_TEMPLATES[type], model: sampleModel(type, 'single'), fillIns: { 调查核实情况: '经调取监控录像并询问当班人员，情况属实。', 督办要求: '请于3个工作日内办结并书面报告。' }, number: '某政服诉复〔2026〕15号', officeName: '某县人民政府政务服务中心', signatureDate: '2026年11月24日', preview: false }).document;
(async () => {
  let t = performance.now(); const c0 = process.cpuUsage();
  await renderPdf([doc('reply')]);
  const first = performance.now() - t; const firstCpu = process.cpuUsage(c0);
  const walls: number[] = []; const cpus: number[] = [];
  for (let i = 0; i < 30; i++) { const c = process.cpuUsage(); t = performance.now(); await renderPdf([doc('reply')]); walls.push(performance.now() - t); const d = process.cpuUsage(c); cpus.push((d.user + d.system) / 1000); }
  const p = (a: number[], q: number) => [...a].sort((x, y) => x - y)[Math.ceil(a.length * q) - 1];
  t = performance.now();
  const batch = await renderPdf(Array.from({ length: 100 }, () => doc('supervise')));
  const batchS = (performance.now() - t) / 1000;
  console.log(JSON.stringify({ letterPdfFirstMs: Math.round(first), firstCpuMs: Math.round((firstCpu.user + firstCpu.system) / 1000), letterPdfMedianMs: Math.round(p(walls, 0.5)), letterPdfP95Ms: Math.round(p(walls, 0.95)), letterCpuMedianMs: Math.round(p(cpus, 0.5)), letterCpuP95Ms: Math.round(p(cpus, 0.95)), batch100Seconds: +batchS.toFixed(2), batchBytes: batch.length, renderPeakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
})();
