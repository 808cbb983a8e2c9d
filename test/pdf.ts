import zlib from 'node:zlib';

// Read back what pdfkit wrote (tests only): pages in order with their text (decoded through each
// font's ToUnicode map), the embedded fonts and the link targets. Just enough PDF for our own files.

export interface ReadPdf {
  pages: string[];
  fonts: string[];
  links: string[];
  /** Declared page count (/Type /Pages /Count). */
  count: number;
}

interface PdfObject { dict: string; stream: Buffer | null }

function objects(bytes: Buffer): Map<number, PdfObject> {
  const text = bytes.toString('latin1');
  const out = new Map<number, PdfObject>();
  for (const m of text.matchAll(/(\d+) 0 obj\s*([\s\S]*?)\nendobj/g)) {
    const body = m[2]!;
    const at = body.indexOf('\nstream\n');
    if (at < 0) { out.set(Number(m[1]), { dict: body, stream: null }); continue; }
    const dict = body.slice(0, at);
    let raw = Buffer.from(body.slice(at + 8, body.lastIndexOf('\nendstream')), 'latin1');
    if (dict.includes('/FlateDecode')) raw = zlib.inflateSync(raw);
    out.set(Number(m[1]), { dict, stream: raw });
  }
  return out;
}

const utf16 = (hex: string) => {
  let s = '';
  for (let i = 0; i < hex.length; i += 4) s += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return s;
};

function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const r of block[1]!.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(\[[^\]]*\]|<[0-9a-f]+>)/gi)) {
      const from = parseInt(r[1]!, 16);
      const to = parseInt(r[2]!, 16);
      if (r[3]!.startsWith('[')) [...r[3]!.matchAll(/<([0-9a-f]+)>/gi)].forEach((d, i) => map.set(from + i, utf16(d[1]!)));
      else for (let c = from, u = parseInt(r[3]!.slice(1, -1), 16); c <= to; c++, u++) map.set(c, String.fromCharCode(u));
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const r of block[1]!.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi)) map.set(parseInt(r[1]!, 16), utf16(r[2]!));
  }
  return map;
}

/** Parse a PDF made by pdfkit: each page's text, the fonts and the link targets. */
export function readPdf(bytes: Buffer): ReadPdf {
  const objs = objects(bytes);
  const ref = (s: string | undefined) => (s ? objs.get(Number(s)) : undefined);
  // pdfkit names fonts F1, F2 … once per document, so the names are global.
  const fontMaps = new Map<string, Map<number, string> | null>();
  for (const o of objs.values()) {
    for (const f of o.dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const font = ref(f[2]);
      const cmap = ref(/\/ToUnicode (\d+) 0 R/.exec(font?.dict ?? '')?.[1]);
      fontMaps.set(f[1]!, cmap?.stream ? toUnicode(cmap.stream.toString('latin1')) : null);
    }
  }
  const pagesObj = [...objs.values()].find((o) => /\/Type \/Pages/.test(o.dict));
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(pagesObj?.dict ?? '')?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((k) => k[1]!);
  const pages = kids.map((kid) => {
    const content = ref(/\/Contents (\d+) 0 R/.exec(ref(kid)?.dict ?? '')?.[1])?.stream?.toString('latin1') ?? '';
    let font: Map<number, string> | null | undefined;
    const parts: string[] = [];
    for (const op of content.matchAll(/\/(F\d+) [\d.]+ Tf|\[((?:<[0-9a-f]*>|[^\]])*)\] TJ|<([0-9a-f]*)> Tj/gi)) {
      if (op[1]) { font = fontMaps.get(op[1]); continue; }
      const hex = op[2] !== undefined ? [...op[2].matchAll(/<([0-9a-f]*)>/gi)].map((h) => h[1]!).join('') : op[3]!;
      let s = '';
      for (let i = 0; i < hex.length; i += 4) s += font?.get(parseInt(hex.slice(i, i + 4), 16)) ?? '\uFFFD';
      parts.push(s);
    }
    return parts.join('\n');
  });
  const fonts = [...new Set([...bytes.toString('latin1').matchAll(/\/FontName \/([A-Z]{6}\+)?([\w-]+)/g)].map((m) => m[2]!))];
  const links = [...bytes.toString('latin1').matchAll(/\/URI \(([^)]*)\)/g)].map((m) => m[1]!);
  const count = Number(/\/Type \/Pages[\s\S]*?\/Count (\d+)/.exec(pagesObj?.dict ?? '')?.[1] ?? 0);
  return { pages, fonts, links, count };
}
