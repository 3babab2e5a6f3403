/**
 * The floor: a bare <table> page on the app's own origin (so the session cookie applies) that fetches
 * `cases/list` and draws the same 50 rows and columns as the register, with a 下一页 button. No framework,
 * no CSS-in-JS: what a browser needs to show these rows at all.
 */
export const PLAIN_PATH = '__bench/plain.html';

export const PLAIN_HTML = String.raw`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>plain</title>
<style>
body { font: 14px sans-serif; margin: 16px; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
td, th { border-bottom: 1px solid #eee; padding: 6px 8px; text-align: left; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
</style></head>
<body>
<p><button type="button" title="下一页" id="next">下一页</button> <span id="total"></span></p>
<table data-testid="register-table">
<thead><tr><th style="width:148px">登记编号</th><th style="width:158px">受理时间</th><th style="width:80px">渠道</th><th style="width:64px">类型</th><th>事由</th><th style="width:150px">投诉人</th><th style="width:112px">状态</th><th style="width:120px">承办部门</th><th style="width:136px">期限</th></tr></thead>
<tbody id="rows"></tbody></table>
<script>
let page = 1;
const STATUS = {};
async function load(p) {
  const res = await fetch('/api/cases/list', { method: 'POST', headers: { 'content-type': 'application/json' }, credentials: 'same-origin',
    body: JSON.stringify({ page: p, pageSize: 50, sortBy: 'registerNo', sortOrder: 'desc' }) });
  const body = await res.json();
  if (!body.ok) throw new Error(body.error.message);
  const tbody = document.getElementById('rows');
  const frag = document.createDocumentFragment();
  for (const c of body.value.rows) {
    const tr = document.createElement('tr');
    const cells = [c.registerNo, c.receivedAt.slice(0, 16), c.channel, c.caseType, c.subject,
      c.isAnonymous ? '匿名' : c.complainant + (c.headCount > 1 ? ' 等' + c.headCount + '人' : ''), c.status, c.handlerDepartment || '—', c.dueDate || '—'];
    for (const v of cells) { const td = document.createElement('td'); td.textContent = v; tr.appendChild(td); }
    frag.appendChild(tr);
  }
  tbody.replaceChildren(frag);
  document.getElementById('total').textContent = '共 ' + body.value.total + ' 条';
  page = p;
}
document.getElementById('next').addEventListener('click', () => { void load(page + 1); });
void load(1);
</script></body></html>`;
