/**
 * Instrumentation the bench puts into every page before its own scripts run (a string, not a function:
 * tsx would wrap a serialised function in helpers the page does not have).
 *
 * - `__bench.arm()` starts a measurement: the next pointerdown / mousedown / keydown / click on the page
 *   (a real input event from playwright) sets the start to the event's own timestamp.
 * - `__bench.until(condition)` resolves once the condition holds in the DOM and the frame that shows it
 *   has been drawn (a requestAnimationFrame, then a message task, which runs after that frame's style,
 *   layout and paint), with the time from the input event and the API requests made in between, and
 *   `clickMs`: when the click came after that first event (the press's own length, not the app's time).
 * Conditions are data, not code (the app's CSP forbids eval in the page):
 *   { rows: ['2026-000123', …] }   the register table's rows show exactly these register numbers, in order
 *   { selector, text?, absent? }   an element matching `selector` (containing `text`), and nothing matching `absent`
 */
export const IN_PAGE = String.raw`
(() => {
  if (window.__bench) return;
  const REG_NO = /[A-Z]{0,8}\d{4}-\d{6}/;
  const bench = {
    armed: null,
    arm() {
      performance.clearResourceTimings();
      bench.armed = { start: null, kind: null, clickAt: null };
    },
    rowNumbers() {
      const out = [];
      for (const tr of document.querySelectorAll('[data-testid="register-table"] tbody tr')) {
        const m = REG_NO.exec(tr.textContent || '');
        if (m) out.push(m[0]);
      }
      return out;
    },
    holds(c) {
      if (c.rows) {
        const got = bench.rowNumbers();
        return got.length === c.rows.length && got.every((v, i) => v === c.rows[i]);
      }
      const el = document.querySelector(c.selector);
      if (!el) return false;
      if (c.text && !(el.textContent || '').includes(c.text)) return false;
      if (c.absent && document.querySelector(c.absent)) return false;
      return true;
    },
    afterFrame() {
      return new Promise((resolve) => requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => resolve(performance.now());
        ch.port2.postMessage(0);
      }));
    },
    until(c, timeoutMs) {
      const armed = bench.armed;
      return new Promise((resolve, reject) => {
        let settled = false;
        const finish = async () => {
          if (settled) return;
          settled = true;
          observer.disconnect();
          clearTimeout(timer);
          const metAt = performance.now();
          const drawnAt = await bench.afterFrame();
          const start = armed && armed.start !== null ? armed.start : null;
          if (start === null) return reject(new Error('no input event after arm()'));
          const api = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/') && e.startTime >= start - 1);
          const firstStart = api.length ? Math.min(...api.map((e) => e.startTime)) : null;
          const lastEnd = api.length ? Math.max(...api.map((e) => e.responseEnd)) : null;
          bench.armed = null;
          resolve({
            totalMs: drawnAt - start,
            metMs: metAt - start,
            beforeRequestMs: firstStart === null ? null : firstStart - start,
            clickMs: armed.clickAt === null ? null : armed.clickAt - start,
            apiMs: firstStart === null ? null : lastEnd - firstStart,
            requests: api.map((e) => ({ name: e.name.replace(location.origin, ''), startMs: e.startTime - start, endMs: e.responseEnd - start })),
          });
        };
        const check = () => {
          // A condition that already held before the click would measure nothing.
          if (!armed || armed.start === null) return;
          if (bench.holds(c)) void finish();
        };
        const observer = new MutationObserver(check);
        observer.observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true });
        const timer = setTimeout(() => {
          settled = true;
          observer.disconnect();
          reject(new Error('timed out waiting for ' + JSON.stringify(c).slice(0, 200) + '; rows now ' + bench.rowNumbers().slice(0, 3).join(',')));
        }, timeoutMs || 30000);
        bench.onStart = check;
        check();
      });
    },
    /** keydown → the next drawn frame, for the key just pressed */
    keyFrame() {
      return new Promise((resolve) => { bench.keyResolve = resolve; });
    },
  };
  const onInput = (e) => {
    const a = bench.armed;
    // when the click (what the app acts on) came after the step's first input event
    if (a && a.start !== null && e.type === 'click' && a.clickAt === null) a.clickAt = e.timeStamp;
    if (a && a.start === null) {
      a.start = e.timeStamp;
      a.kind = e.type;
      // the condition may already hold after this event's handlers (checked again on each mutation)
      setTimeout(() => bench.onStart && bench.onStart(), 0);
    }
  };
  for (const type of ['pointerdown', 'mousedown', 'click']) addEventListener(type, onInput, true);
  addEventListener('keydown', (e) => {
    onInput(e);
    if (bench.keyResolve) {
      const resolve = bench.keyResolve;
      bench.keyResolve = null;
      const start = e.timeStamp;
      bench.afterFrame().then((t) => resolve(t - start));
    }
  }, true);
  window.__bench = bench;
})();
`;
