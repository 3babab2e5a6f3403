// Source Han Sans SC (our 黑体 for 一、 headings and the fallback for 𠮷) is a CFF font with 40,000 local
// subroutines in its ideograph font dicts. fontkit's CFF subset keeps every subroutine slot (a 1-byte stub for
// each unused one) so the charstrings' subroutine numbers stay valid: ~90 KB and the bulk of a warm letter's
// time (a profile: CFFIndex size/encode and subsetSubrs ≈ 60 % of it). Here the subset's charstrings are
// flattened instead, every callsubr/callgsubr replaced by the subroutine's own bytes, and the subset carries no
// subroutines at all: a few KB, and the same outlines (render-pdf's tests compare rendered pixels both ways).
//
// Type 2 charstrings (Adobe TN 5177): operands are numbers pushed before their operator; callsubr (10) and
// callgsubr (29) pop a biased index; return (11) ends a subroutine; endchar (14) ends the glyph; hintmask (19)
// and cntrmask (20) are followed by one bit per stem declared so far (hstem 1, vstem 3, hstemhm 18, vstemhm 23,
// plus an implicit vstem from operands left before the first hintmask).

interface Subr {
  offset: number;
  length: number;
}
interface CffTable {
  isCIDFont: boolean;
  stream: { pos: number; readBuffer(length: number): Uint8Array };
  globalSubrIndex: Subr[];
  topDict: { Private: { Subrs?: Subr[] | null } | null; FDArray: { Private?: { Subrs?: Subr[] | null } | null; FontName?: unknown }[] };
  getCharString(gid: number): Uint8Array;
  fdForGlyph(gid: number): number | null;
  privateDictForGlyph(gid: number): { Subrs?: Subr[] | null } | null;
}
interface CffSubset {
  cff: CffTable;
  glyphs: number[];
  charstrings: Uint8Array[];
  gsubrs: Uint8Array[];
  subsetCharstrings(): void;
  subsetFontdict(topDict: Record<string, unknown>): void;
  createCIDFontdict(topDict: Record<string, unknown>): void;
}

const bias = (count: number) => (count < 1240 ? 107 : count < 33900 ? 1131 : 32768);

/** the glyph's charstring with every subroutine call replaced by the subroutine's bytes */
export function flattenCharstring(cff: CffTable, gid: number): Uint8Array {
  const gsubrs = cff.globalSubrIndex ?? [];
  const lsubrs = cff.privateDictForGlyph(gid)?.Subrs ?? [];
  const gBias = bias(gsubrs.length);
  const lBias = bias(lsubrs.length);
  const out: number[] = [];
  // operands since the last operator: value and where its bytes start in `out`
  let stack: { value: number; at: number }[] = [];
  let stems = 0;
  let depth = 0;

  const subrBytes = (subr: Subr | undefined): Uint8Array => {
    if (!subr) throw new Error('subroutine out of range');
    cff.stream.pos = subr.offset;
    return cff.stream.readBuffer(subr.length);
  };

  /** true when endchar was reached */
  const run = (bytes: Uint8Array): boolean => {
    if (++depth > 10) throw new Error('subroutines nested too deep'); // the spec's limit
    let i = 0;
    while (i < bytes.length) {
      const b = bytes[i];
      if (b >= 32 || b === 28) {
        let value: number;
        let size: number;
        if (b === 28) {
          value = ((bytes[i + 1] << 24) | (bytes[i + 2] << 16)) >> 16;
          size = 3;
        } else if (b <= 246) {
          value = b - 139;
          size = 1;
        } else if (b <= 250) {
          value = (b - 247) * 256 + bytes[i + 1] + 108;
          size = 2;
        } else if (b <= 254) {
          value = -(b - 251) * 256 - bytes[i + 1] - 108;
          size = 2;
        } else {
          value = ((bytes[i + 1] << 24) | (bytes[i + 2] << 16) | (bytes[i + 3] << 8) | bytes[i + 4]) / 65536;
          size = 5;
        }
        stack.push({ value, at: out.length });
        for (let k = 0; k < size; k++) out.push(bytes[i + k]);
        i += size;
        continue;
      }
      switch (b) {
        case 10: // callsubr
        case 29: {
          // callgsubr
          const index = stack.pop();
          if (!index || !Number.isInteger(index.value)) throw new Error('computed subroutine number');
          out.length = index.at; // drop the subroutine number: its bytes follow instead
          const subr = b === 10 ? lsubrs[index.value + lBias] : gsubrs[index.value + gBias];
          if (run(subrBytes(subr))) {
            depth--;
            return true;
          }
          i++;
          continue;
        }
        case 11: // return
          depth--;
          return false;
        case 14: // endchar
          out.push(b);
          depth--;
          return true;
        case 1:
        case 3:
        case 18:
        case 23:
          stems += stack.length >> 1;
          stack = [];
          out.push(b);
          i++;
          continue;
        case 19:
        case 20: {
          stems += stack.length >> 1; // operands left here are an implicit vstem
          stack = [];
          const maskBytes = (stems + 7) >> 3;
          for (let k = 0; k <= maskBytes; k++) out.push(bytes[i + k]);
          i += 1 + maskBytes;
          continue;
        }
        case 12:
          out.push(b, bytes[i + 1]);
          stack = [];
          i += 2;
          continue;
        default:
          out.push(b);
          stack = [];
          i++;
      }
    }
    depth--;
    return false;
  };

  run(cff.getCharString(gid));
  return Uint8Array.from(out);
}

let installed = false;
let enabled = true;

/** tests compare both ways; off = fontkit's own subset with all subroutine slots */
export function setCffFlattening(on: boolean): void {
  enabled = on;
}

/** Teaches fontkit's CFF subset class (taken from a CFF face's subset) to write flattened charstrings. */
export function installCffFlattening(sampleSubset: object): void {
  if (installed) return;
  const proto = Object.getPrototypeOf(sampleSubset) as CffSubset;
  if (typeof proto.subsetCharstrings !== 'function' || typeof proto.subsetFontdict !== 'function') return;
  installed = true;
  const original = { subsetCharstrings: proto.subsetCharstrings, subsetFontdict: proto.subsetFontdict, createCIDFontdict: proto.createCIDFontdict };
  const flattened = new WeakSet<object>();

  proto.subsetCharstrings = function (this: CffSubset) {
    if (enabled) {
      try {
        this.charstrings = this.glyphs.map((gid) => flattenCharstring(this.cff, gid));
        this.gsubrs = [];
        flattened.add(this);
        return;
      } catch {
        // a charstring we cannot flatten safely: fontkit's own subset for this font
      }
    }
    original.subsetCharstrings.call(this);
  };

  proto.subsetFontdict = function (this: CffSubset, topDict: Record<string, unknown>) {
    if (!flattened.has(this)) return original.subsetFontdict.call(this, topDict);
    const fdArray: Record<string, unknown>[] = [];
    const fds: number[] = [];
    const index = new Map<number, number>();
    for (const gid of this.glyphs) {
      const fd = this.cff.fdForGlyph(gid);
      if (fd == null) continue;
      let at = index.get(fd);
      if (at === undefined) {
        const dict: Record<string, unknown> = { ...this.cff.topDict.FDArray[fd] };
        delete dict.FontName;
        if (dict.Private) dict.Private = { ...(dict.Private as object), Subrs: null };
        fdArray.push(dict);
        at = fdArray.length - 1;
        index.set(fd, at);
      }
      fds.push(at);
    }
    topDict.FDArray = fdArray;
    topDict.FDSelect = { version: 0, fds };
  };

  proto.createCIDFontdict = function (this: CffSubset, topDict: Record<string, unknown>) {
    if (!flattened.has(this)) return original.createCIDFontdict.call(this, topDict);
    topDict.FDArray = [{ Private: { ...(this.cff.topDict.Private ?? {}), Subrs: null } }];
    topDict.FDSelect = { version: 3, nRanges: 1, ranges: [{ first: 0, fd: 0 }], sentinel: this.charstrings.length };
  };
}
