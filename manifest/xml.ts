/**
 * A small strict XML parser, enough to check an Office manifest offline without a dependency:
 * prolog, comments, processing instructions, CDATA, elements, attributes (quoted, no duplicates),
 * character and the five predefined entity references, matching end tags, one root element.
 * No DTDs (an Office manifest has none). Namespace prefixes are kept in names ("bt:Url").
 * Throws XmlError with line:column on the first well-formedness error.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside this element (trimmed). */
  text: string;
  line: number;
}

export class XmlError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${message} (dòng ${line}, cột ${column})`);
    this.name = "XmlError";
  }
}

const NAME_START = /[A-Za-z_:\u00C0-\uFFFF]/;
const NAME_CHAR = /[A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]/;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function parseXml(source: string): XmlElement {
  let i = 0;
  const src = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;

  const position = (at: number) => {
    let line = 1;
    let col = 1;
    for (let k = 0; k < at && k < src.length; k++) {
      if (src[k] === "\n") {
        line++;
        col = 1;
      } else col++;
    }
    return { line, col };
  };
  const fail = (message: string, at = i): never => {
    const p = position(at);
    throw new XmlError(message, p.line, p.col);
  };
  const startsWith = (s: string) => src.startsWith(s, i);
  const skipSpace = () => {
    while (i < src.length && /\s/.test(src[i]!)) i++;
  };
  const readName = (): string => {
    const start = i;
    if (i >= src.length || !NAME_START.test(src[i]!)) fail("Thiếu tên thẻ/thuộc tính");
    i++;
    while (i < src.length && NAME_CHAR.test(src[i]!)) i++;
    return src.slice(start, i);
  };
  const decode = (text: string, at: number): string =>
    text.replace(/&([^;&\s]*);?/g, (m, ref: string) => {
      if (!m.endsWith(";")) fail("Ký tự & không thoát (dùng &amp;)", at);
      if (ref.startsWith("#x")) {
        const cp = Number.parseInt(ref.slice(2), 16);
        if (!Number.isFinite(cp) || !/^[0-9a-fA-F]+$/.test(ref.slice(2))) fail(`Tham chiếu ký tự sai: &${ref};`, at);
        return String.fromCodePoint(cp);
      }
      if (ref.startsWith("#")) {
        if (!/^\d+$/.test(ref.slice(1))) fail(`Tham chiếu ký tự sai: &${ref};`, at);
        return String.fromCodePoint(Number(ref.slice(1)));
      }
      const e = ENTITIES[ref];
      if (e === undefined) fail(`Thực thể không xác định: &${ref};`, at);
      return e!;
    });
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (startsWith("<!--")) {
        const end = src.indexOf("-->", i + 4);
        if (end < 0) fail("Chú thích không đóng");
        if (src.slice(i + 4, end).includes("--")) fail("Chú thích chứa '--'");
        i = end + 3;
      } else if (startsWith("<?")) {
        if (/^<\?xml[\s?]/i.test(src.slice(i, i + 6)) && i !== 0) fail("Khai báo <?xml ?> phải ở đầu tệp");
        const end = src.indexOf("?>", i + 2);
        if (end < 0) fail("Chỉ thị xử lý không đóng");
        i = end + 2;
      } else if (startsWith("<!DOCTYPE")) {
        fail("Không hỗ trợ DOCTYPE trong manifest");
      } else return;
    }
  };

  const parseElement = (): XmlElement => {
    const startAt = i;
    i++; // <
    const name = readName();
    const el: XmlElement = { name, attrs: {}, children: [], text: "", line: position(startAt).line };
    for (;;) {
      const before = i;
      skipSpace();
      if (startsWith("/>")) {
        i += 2;
        return el;
      }
      if (startsWith(">")) {
        i++;
        break;
      }
      if (i === before) fail(`Thiếu khoảng trắng giữa các thuộc tính của <${name}>`);
      const attrAt = i;
      const attr = readName();
      skipSpace();
      if (src[i] !== "=") fail(`Thuộc tính ${attr} thiếu dấu =`);
      i++;
      skipSpace();
      const quote = src[i];
      if (quote !== '"' && quote !== "'") fail(`Giá trị thuộc tính ${attr} phải nằm trong dấu nháy`);
      const end = src.indexOf(quote!, i + 1);
      if (end < 0) fail(`Giá trị thuộc tính ${attr} không đóng nháy`);
      const raw = src.slice(i + 1, end);
      if (raw.includes("<")) fail(`Giá trị thuộc tính ${attr} chứa '<'`, i + 1);
      if (attr in el.attrs) fail(`Thuộc tính ${attr} lặp lại trong <${name}>`, attrAt);
      el.attrs[attr] = decode(raw, i + 1);
      i = end + 1;
    }
    let text = "";
    for (;;) {
      if (i >= src.length) fail(`Thẻ <${name}> không đóng`, startAt);
      if (startsWith("</")) {
        i += 2;
        const closeAt = i;
        const close = readName();
        if (close !== name) fail(`Thẻ đóng </${close}> không khớp <${name}> (mở ở dòng ${el.line})`, closeAt);
        skipSpace();
        if (src[i] !== ">") fail(`Thẻ đóng </${close}> thiếu '>'`);
        i++;
        el.text = text.trim();
        return el;
      }
      if (startsWith("<!--")) {
        const end = src.indexOf("-->", i + 4);
        if (end < 0) fail("Chú thích không đóng");
        if (src.slice(i + 4, end).includes("--")) fail("Chú thích chứa '--'");
        i = end + 3;
      } else if (startsWith("<![CDATA[")) {
        const end = src.indexOf("]]>", i + 9);
        if (end < 0) fail("CDATA không đóng");
        text += src.slice(i + 9, end);
        i = end + 3;
      } else if (startsWith("<?")) {
        const end = src.indexOf("?>", i + 2);
        if (end < 0) fail("Chỉ thị xử lý không đóng");
        i = end + 2;
      } else if (startsWith("<")) {
        el.children.push(parseElement());
      } else {
        const next = src.indexOf("<", i);
        const end = next < 0 ? src.length : next;
        const chunk = src.slice(i, end);
        if (chunk.includes("]]>")) fail("Chuỗi ']]>' không được xuất hiện trong văn bản");
        text += decode(chunk, i);
        i = end;
      }
    }
  };

  skipMisc();
  if (!startsWith("<")) fail("Không có phần tử gốc");
  const root = parseElement();
  skipMisc();
  if (i < src.length) fail("Có nội dung sau phần tử gốc");
  return root;
}

/** Direct children with that name. */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

/** Follows a path of child names ("VersionOverrides/Hosts/Host"). */
export function at(el: XmlElement | undefined, path: string): XmlElement | undefined {
  let cur = el;
  for (const part of path.split("/")) cur = child(cur, part);
  return cur;
}

/** Every descendant (depth first), the element itself excluded. */
export function descendants(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}
