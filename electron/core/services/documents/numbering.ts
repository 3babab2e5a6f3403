/**
 * Gap-free paper numbers without rendering inside a transaction (SPEC8 §5): the issuer reads the next
 * number, renders the PDF with it outside any transaction, and records it in one short transaction only if
 * the counter still stands where it was read (`advancePaperSeq`); otherwise someone took the number and the
 * paper is rendered again with the next one. Within one process the issues of a type also queue behind each
 * other (`serialized`), so concurrent calls (a batch, ten clicks) render once each instead of colliding and
 * rendering again; the counter check stays the guarantee.
 */
export function createSerializer() {
  const tails = new Map<string, Promise<unknown>>();
  return function serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = tails.get(key) ?? Promise.resolve();
    const run = before.then(work, work);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => { if (tails.get(key) === tail) tails.delete(key); });
    return run;
  };
}

/** How often an issue renders again after its number was taken before giving up (another writer is very busy). */
export const MAX_NUMBER_ATTEMPTS = 20;
