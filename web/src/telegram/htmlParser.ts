import { FormattingError, type MessageEntity, type ParsedText, telegramOrder } from './entities';

// The backend's HtmlTextParser, rule for rule, so the editor's counter and the API's validation never disagree:
// both are held to the same corpus (formatting-corpus.jsonl) and length cases (content-length-cases.jsonl).
const SIMPLE_TAGS: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  code: 'code',
  pre: 'pre',
};
const OTHER_TAGS = new Set(['span', 'a', 'blockquote', 'tg-emoji']);

interface Open {
  tag: string;
  sourceOffset: number;
  outputOffset: number;
  type?: string;
  argument?: string;
}

export function parseTelegramHtml(source: string): ParsedText {
  let pos = 0;
  let out = '';
  const entities: MessageEntity[] = [];
  const open: Open[] = [];
  const at = (i: number) => (i < source.length ? source[i] : '\0');

  const readName = () => {
    const start = pos;
    while (pos < source.length && /[A-Za-z0-9_-]/.test(source[pos])) pos++;
    return source.slice(start, pos).toLowerCase();
  };
  const skipSpaces = () => {
    while (pos < source.length && isSpace(source[pos])) pos++;
  };

  const readAttributes = (tagStart: number) => {
    const attributes = new Map<string, string>();
    for (;;) {
      skipSpaces();
      const c = at(pos);
      if (c === '>') {
        pos++;
        return attributes;
      }
      if (pos >= source.length) throw new FormattingError('Unclosed start tag', tagStart);
      const name = readName();
      if (!name) throw new FormattingError(`Unexpected character '${c}' in start tag`, pos);
      skipSpaces();
      let value = '';
      if (at(pos) === '=') {
        pos++;
        skipSpaces();
        value = readAttributeValue(tagStart);
      }
      if (!attributes.has(name)) attributes.set(name, value);
    }
  };

  const readAttributeValue = (tagStart: number) => {
    const quote = at(pos);
    let raw: string;
    if (quote === '"' || quote === "'") {
      const end = source.indexOf(quote, pos + 1);
      if (end < 0) throw new FormattingError('Unclosed start tag', tagStart);
      raw = source.slice(pos + 1, end);
      pos = end + 1;
    } else {
      let end = pos;
      while (end < source.length && !isSpace(source[end]) && source[end] !== '>') end++;
      raw = source.slice(pos, end);
      pos = end;
    }
    return decodeAttribute(raw);
  };

  const describe = (tag: Open, attributes: Map<string, string>) => {
    const parent = open.at(-1);
    if (tag.tag === 'code' && parent?.tag === 'pre' && parent.outputOffset === out.length) {
      // <pre><code class="language-x"> is one pre entity with a language
      const cssClass = attributes.get('class') ?? '';
      if (cssClass.startsWith('language-') && cssClass.length > 'language-'.length) {
        parent.argument = cssClass.slice('language-'.length);
      }
      return;
    }
    const simple = SIMPLE_TAGS[tag.tag];
    if (simple) {
      tag.type = simple;
      return;
    }
    switch (tag.tag) {
      case 'span':
        if (attributes.get('class') !== 'tg-spoiler') {
          throw new FormattingError('Tag "span" must have class "tg-spoiler"', tag.sourceOffset);
        }
        tag.type = 'spoiler';
        return;
      case 'a':
        tag.type = 'text_link';
        tag.argument = attributes.get('href');
        return;
      case 'blockquote':
        tag.type = attributes.has('expandable') ? 'expandable_blockquote' : 'blockquote';
        return;
      case 'tg-emoji': {
        const id = attributes.get('emoji-id');
        if (!id || id.length > 19 || !/^[0-9]+$/.test(id)) {
          throw new FormattingError('Tag "tg-emoji" must have a numeric attribute "emoji-id"', tag.sourceOffset);
        }
        tag.type = 'custom_emoji';
        tag.argument = id;
        return;
      }
      default:
        throw new FormattingError(`Unsupported start tag "${tag.tag}"`, tag.sourceOffset);
    }
  };

  const startTag = () => {
    const tagStart = pos;
    pos++;
    const name = readName();
    if (!name || !/[a-z]/.test(name[0])) throw new FormattingError("Character '<' must be escaped as &lt;", tagStart);
    if (!(name in SIMPLE_TAGS) && !OTHER_TAGS.has(name)) {
      throw new FormattingError(`Unsupported start tag "${name}"`, tagStart);
    }
    const attributes = readAttributes(tagStart);
    const tag: Open = { tag: name, sourceOffset: tagStart, outputOffset: out.length };
    describe(tag, attributes);
    open.push(tag);
  };

  const endTag = () => {
    const tagStart = pos;
    pos += 2;
    const name = readName();
    skipSpaces();
    if (at(pos) !== '>') throw new FormattingError(`Can't find end of end tag "${name}"`, tagStart);
    pos++;
    const tag = open.at(-1);
    if (!tag) throw new FormattingError(`Unexpected end tag "${name}"`, tagStart);
    if (tag.tag !== name) {
      throw new FormattingError(`Unmatched end tag, expected "</${tag.tag}>", found "</${name}>"`, tagStart);
    }
    open.pop();
    const length = out.length - tag.outputOffset;
    if (!tag.type || length === 0) return; // Telegram drops empty entities
    const entity: MessageEntity = { type: tag.type, offset: tag.outputOffset, length };
    if (tag.type === 'text_link') {
      const url = tag.argument ?? out.slice(tag.outputOffset);
      if (!url.trim()) return; // Telegram keeps the text and drops a link without a URL
      entity.url = url;
    } else if (tag.type === 'pre' && tag.argument) {
      entity.language = tag.argument;
    } else if (tag.type === 'custom_emoji') {
      entity.custom_emoji_id = tag.argument;
    }
    entities.push(entity);
  };

  while (pos < source.length) {
    const c = source[pos];
    if (c === '&') {
      const codePoint = decodeEntity(source, pos);
      if (codePoint < 0) throw new FormattingError("Character '&' must be escaped as &amp;", pos);
      out += String.fromCodePoint(codePoint);
      pos = source.indexOf(';', pos) + 1;
    } else if (c === '<') {
      if (at(pos + 1) === '/') endTag();
      else startTag();
    } else {
      out += c;
      pos++;
    }
  }
  const unclosed = open.at(-1);
  if (unclosed) {
    throw new FormattingError(
      `Can't find end tag corresponding to start tag "${unclosed.tag}"`,
      unclosed.sourceOffset,
    );
  }
  return { text: out, entities: entities.sort(telegramOrder) };
}

/** A bare '&' stays literal in attribute values, as in Telegram: URLs like ?a=1&b=2 are pasted unescaped. */
function decodeAttribute(raw: string): string {
  let b = '';
  let i = 0;
  while (i < raw.length) {
    const codePoint = raw[i] === '&' ? decodeEntity(raw, i) : -1;
    if (codePoint >= 0) {
      b += String.fromCodePoint(codePoint);
      i = raw.indexOf(';', i) + 1;
    } else {
      b += raw[i++];
    }
  }
  return b;
}

/** The code point of the entity starting at s[ampersand], or -1 if there is none. */
function decodeEntity(s: string, ampersand: number): number {
  const semicolon = s.indexOf(';', ampersand);
  if (semicolon < 0 || semicolon - ampersand > 12) return -1;
  const body = s.slice(ampersand + 1, semicolon);
  const named: Record<string, number> = { lt: 60, gt: 62, amp: 38, quot: 34 };
  if (body in named) return named[body];
  if (body.length < 2 || body[0] !== '#') return -1;
  const hex = body[1] === 'x' || body[1] === 'X';
  const digits = body.slice(hex ? 2 : 1);
  if (!digits || digits.length > 8 || !(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return -1;
  const codePoint = parseInt(digits, hex ? 16 : 10);
  const valid = codePoint > 0 && codePoint <= 0x10ffff && !(codePoint >= 0xd800 && codePoint <= 0xdfff);
  return valid ? codePoint : -1;
}

/** Java's Character.isWhitespace, which the backend uses (a no-break space is text, not a separator). */
function isSpace(c: string): boolean {
  return /[\t\n\v\f\r\u001c-\u001f \u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000]/.test(c);
}
