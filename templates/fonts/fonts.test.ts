import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledFontFiles, checkFontFile, loadPaperFonts, splitByFace } from './fonts';

const dir = mkdtempSync(join(tmpdir(), 'fonts-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** Debian's fonts-wqy-microhei (installed for the e2e tests by .ci/prepare): a real .ttc */
const TTC = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

describe('checkFontFile', () => {
  it('accepts the bundled faces and names their family', () => {
    const files = bundledFontFiles();
    expect(checkFontFile(files.serifRegular)).toEqual({ ok: true, family: 'Noto Serif SC' });
    expect(checkFontFile(files.serifBold)).toEqual({ ok: true, family: 'Noto Serif SC' });
    expect(checkFontFile(files.sans)).toEqual({ ok: true, family: 'Source Han Sans SC' });
  });

  it.skipIf(!existsSync(TTC))('takes the first face of a .ttc', () => {
    expect(checkFontFile(TTC)).toEqual({ ok: true, family: 'WenQuanYi Micro Hei' });
  });

  it('refuses what is not a usable font, naming 「字体文件」', () => {
    const text = join(dir, 'simfang.ttf');
    writeFileSync(text, '这不是字体');
    const empty = join(dir, 'empty.ttf');
    writeFileSync(empty, '');
    const cases: [string, RegExp][] = [
      [text, /「字体文件」不是可用的字体文件/],
      [empty, /「字体文件」不是可用的字体文件/],
      [join(dir, 'missing.ttf'), /「字体文件」找不到或无法读取/],
      [dir, /「字体文件」不是文件/],
      ['', /「字体文件」不能为空/],
      // a web font cannot be embedded by pdfkit
      [join(dirname(bundledFontFiles().sans), 'SourceHanSansSC-Regular.woff2'), /「字体文件」是网页字体（WOFF2）/],
    ];
    for (const [file, message] of cases) {
      const result = checkFontFile(file);
      expect(result.ok, file).toBe(false);
      if (!result.ok) expect(result.message).toMatch(message);
    }
  });

  it('refuses a font with no Chinese glyphs (a Latin face picked by mistake)', () => {
    const latin = join(dirname(require.resolve('pdfmake/package.json')), 'build', 'fonts', 'Roboto', 'Roboto-Regular.ttf');
    const alt = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'];
    const file = [latin, ...alt].find((f) => existsSync(f));
    if (!file) return; // no Latin-only font on this machine
    const result = checkFontFile(file);
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/「字体文件」不含中文字形/) });
  });
});

describe('loadPaperFonts', () => {
  it('loads once per process: the same options give the same parsed faces', () => {
    const a = loadPaperFonts();
    expect(loadPaperFonts({})).toBe(a);
    expect(loadPaperFonts({ bodyFontFile: null, titleFontFile: '' })).toBe(a);
    expect(a.body.familyName).toBe('Noto Serif SC');
    expect(a.heading1.familyName).toBe('Source Han Sans SC');
    expect(a.files).toHaveLength(3);
  });

  it.skipIf(!existsSync(TTC))("uses the admin's files for body and title, falling back for what they lack", () => {
    const set = loadPaperFonts({ bodyFontFile: TTC });
    expect(set.body.familyName).toBe('WenQuanYi Micro Hei');
    expect(set.body.postscriptName).toBeTruthy();
    expect(set.chains.body.map((f) => f.familyName)).toEqual(['WenQuanYi Micro Hei', 'Noto Serif SC', 'Source Han Sans SC']);
    expect(set.title.familyName).toBe('Noto Serif SC');
  });

  it('a configured file that is not a font is an error naming 「字体文件」, not silently another face', () => {
    const bad = join(dir, 'xiaobiaosong.ttf');
    writeFileSync(bad, 'not a font');
    expect(() => loadPaperFonts({ titleFontFile: bad })).toThrow(/「字体文件」不是可用的字体文件/);
  });
});

describe('splitByFace', () => {
  const fonts = loadPaperFonts();
  it('sends 𠮷 (a surrogate pair) whole to Source Han Sans and the rest to Noto Serif', () => {
    const runs = splitByFace('张𠮷堃，赟昇䶮𠮷', fonts.chains.body).map((r) => [r.text, r.face.familyName]);
    expect(runs).toEqual([
      ['张', 'Noto Serif SC'],
      ['𠮷', 'Source Han Sans SC'],
      ['堃，赟昇䶮', 'Noto Serif SC'],
      ['𠮷', 'Source Han Sans SC'],
    ]);
    expect(runs.map((r) => r[0]).join('')).toBe('张𠮷堃，赟昇䶮𠮷');
  });

  it('a character no face has stays with the first face (and is not lost)', () => {
    const runs = splitByFace('甲\u{10FFFD}乙', fonts.chains.body);
    expect(runs.map((r) => r.text).join('')).toBe('甲\u{10FFFD}乙');
    expect(runs[0].face.familyName).toBe('Noto Serif SC');
  });
});

describe('licences and packaging', () => {
  it('each bundled font has its OFL text beside the code', () => {
    for (const f of ['NotoSerifSC-OFL.txt', 'SourceHanSansSC-OFL.txt']) {
      const text = readFileSync(join(__dirname, f), 'utf8');
      expect(text).toMatch(/SIL OPEN FONT LICENSE Version 1\.1/i);
    }
  });

  it('electron-builder.yml packs the three font files, unpacked, and leaves out the rest of the packages', () => {
    const yml = readFileSync(join(__dirname, '..', '..', 'electron-builder.yml'), 'utf8');
    const patterns = (section: string) => {
      const block = yml.split(new RegExp(`^${section}:\\s*$`, 'm'))[1]?.split(/^\S/m)[0] ?? '';
      return [...block.matchAll(/^\s+- '([^']+)'/gm)].map((m) => m[1]);
    };
    const files = patterns('files').filter((p) => p.startsWith('!')).map((p) => globToRegExp(p.slice(1)));
    const unpack = patterns('asarUnpack').map(globToRegExp);
    const root = join(__dirname, '..', '..');
    const packed: string[] = [];
    let bytes = 0;
    for (const pkg of ['@expo-google-fonts/noto-serif-sc', 'node-source-han-sans-sc']) {
      for (const file of walk(dirname(require.resolve(`${pkg}/package.json`)))) {
        const rel = relative(root, file).split('\\').join('/');
        if (files.some((re) => re.test(rel))) continue;
        packed.push(rel);
        bytes += statSync(file).size;
      }
    }
    const fonts = packed.filter((f) => /\.(ttf|otf|woff2?)$/.test(f));
    const wanted = Object.values(bundledFontFiles()).map((f) => relative(root, f).split('\\').join('/'));
    expect(fonts.sort()).toEqual([...wanted].sort());
    for (const f of wanted) expect(unpack.some((re) => re.test(f)), f).toBe(true);
    expect(bytes / 1e6).toBeLessThan(50);
  });
});

function* walk(d: string): Generator<string> {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) yield* walk(p);
    else yield p;
  }
}

/** the glob forms electron-builder.yml uses: **, *, {a,b} */
function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      re += `(?:${glob.slice(i + 1, end).split(',').map((s) => s.replace(/[.+^$()|[\]\\]/g, '\\$&')).join('|')})`;
      i = end;
    } else re += c.replace(/[.+^$()|[\]\\?]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
