/**
 * A small strict XML well-formedness checker for the SVG we emit (elements, quoted attributes, the five
 * predefined entities and numeric references; no DTD, CDATA or processing instructions, which we never write).
 * Returns the elements in document order so tests can count marks. The browser-export test cross-checks the
 * same SVG with Chromium's DOMParser.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  /** Text directly inside the element, entities decoded. */
  text: string;
  parent: XmlElement | null;
}

const NAME = /^[A-Za-z_][\w.:-]*$/;
const ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

function decode(s: string): string {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}

export function parseXml(src: string): XmlElement[] {
  const out: XmlElement[] = [];
  const stack: XmlElement[] = [];
  let i = 0;
  let roots = 0;
  while (i < src.length) {
    const lt = src.indexOf("<", i);
    const text = src.slice(i, lt < 0 ? src.length : lt);
    if (ENTITY.test(text)) throw new Error(`bare & in text near offset ${i}`);
    if (text.includes(">")) throw new Error(`stray > in text near offset ${i}`);
    if (text.trim()) {
      if (!stack.length) throw new Error(`text outside the root element near offset ${i}`);
      stack[stack.length - 1].text += decode(text);
    }
    if (lt < 0) break;
    const gt = src.indexOf(">", lt);
    if (gt < 0) throw new Error(`unterminated tag at offset ${lt}`);
    const tag = src.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith("/")) {
      const name = tag.slice(1).trim();
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name ?? "nothing"}> at offset ${lt}`);
      continue;
    }
    if (tag.startsWith("!") || tag.startsWith("?")) throw new Error(`unexpected markup <${tag.slice(0, 10)}`);
    const selfClosing = tag.endsWith("/");
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const m = body.match(/^([^\s]+)([\s\S]*)$/);
    if (!m || !NAME.test(m[1])) throw new Error(`bad element name in <${tag.slice(0, 20)}>`);
    const attrs: Record<string, string> = {};
    let rest = m[2];
    const attr = /^\s+([A-Za-z_][\w.:-]*)="([^"<]*)"/;
    for (;;) {
      const a = rest.match(attr);
      if (!a) break;
      if (a[1] in attrs) throw new Error(`duplicate attribute ${a[1]} on <${m[1]}>`);
      if (ENTITY.test(a[2])) throw new Error(`bare & in attribute ${a[1]} of <${m[1]}>`);
      attrs[a[1]] = decode(a[2]);
      rest = rest.slice(a[0].length);
    }
    if (rest.trim()) throw new Error(`malformed attributes in <${m[1]}>: "${rest.trim().slice(0, 30)}"`);
    if (!stack.length && roots++ > 0) throw new Error("more than one root element");
    const el: XmlElement = { name: m[1], attrs, text: "", parent: stack[stack.length - 1] ?? null };
    out.push(el);
    if (!selfClosing) stack.push(el);
  }
  if (stack.length) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  if (!roots) throw new Error("no root element");
  return out;
}

/** Elements with this tag name and (optionally) this class. */
export function elements(els: XmlElement[], name: string, cls?: string): XmlElement[] {
  return els.filter((e) => e.name === name && (cls === undefined || (e.attrs.class ?? "").split(/\s+/).includes(cls)));
}

/** Elements carrying a class, whatever their tag. */
export function withClass(els: XmlElement[], cls: string): XmlElement[] {
  return els.filter((e) => (e.attrs.class ?? "").split(/\s+/).includes(cls));
}

/** The full text of a <text> element including its <tspan> children, with superscripts marked as ^. */
export function labelText(els: XmlElement[], el: XmlElement): string {
  const sups = els.filter((e) => e.parent === el && e.name === "tspan").map((e) => `^${e.text}`);
  return el.text + sups.join("");
}
