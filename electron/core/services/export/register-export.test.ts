import { describe, expect, it } from 'vitest';
import { makeOffice, must, phoneComplaint } from '../../testing';

describe('registerExport (first form)', () => {
  it('exports the register and hands the file to its starter only', async () => {
    const o = await makeOffice();
    for (let i = 0; i < 3; i++) must(await o.core.call('cases/register', phoneComplaint({ subject: `事由 ${i}` }), o.as.clerk));
    const started = must(await o.core.call('registerExport/start', {}, o.as.auditor));
    expect(started.total).toBe(3);
    await o.core.services.registerExport.settled();
    const p = must(await o.core.call('registerExport/progress', { exportId: started.exportId }, o.as.auditor));
    expect(p).toMatchObject({ state: 'done', written: 3, total: 3, unmasked: false });
    expect(await o.core.call('registerExport/file', { exportId: started.exportId }, o.as.supervisor)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const f = must(await o.core.call('registerExport/file', { exportId: started.exportId }, o.as.auditor));
    expect(f.bytes.length).toBeGreaterThan(1000);
  });
});
