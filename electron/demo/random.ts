/**
 * A small seeded PRNG (mulberry32) with the helpers the demo generator needs. Everything the demo
 * writes derives from it, so the same seed and the same `today` give the same register.
 */
export interface Rng {
  /** uniform in [0, 1) */
  next(): number;
  /** integer in [min, max], both inclusive */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(list: readonly T[]): T;
  /** pick by weight: [[value, weight], ...] */
  weighted<T>(table: ReadonlyArray<readonly [T, number]>): T;
  /** a fresh generator seeded from this one: keeps one story's draws from shifting the next story's */
  fork(): Rng;
}

// A class rather than closures: the generator forks one per story, a million times for a big seed.
class Mulberry32 implements Rng {
  private a: number;

  constructor(seed: number) {
    this.a = seed >>> 0;
  }

  next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }

  weighted<T>(table: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of table) total += w;
    let r = this.next() * total;
    for (const [v, w] of table) {
      r -= w;
      if (r < 0) return v;
    }
    return table[table.length - 1][0];
  }

  fork(): Rng {
    return new Mulberry32(Math.floor(this.next() * 4294967296));
  }
}

export function mulberry32(seed: number): Rng {
  return new Mulberry32(seed);
}

/** Replaces {key} placeholders; unknown keys stay visible so a missing slot shows up in review. */
export function fill(template: string, slots: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => slots[k] ?? m);
}
