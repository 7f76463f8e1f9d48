import { describe, expect, it } from 'vitest';
import { parseTelegramHtml } from './htmlParser';
import { type DocNode, toEditorHtml, toTelegramHtml } from './toTelegramHtml';

const text = (t: string, ...marks: (string | { type: string; attrs?: Record<string, unknown> })[]): DocNode => ({
  type: 'text',
  text: t,
  marks: marks.map((m) => (typeof m === 'string' ? { type: m } : m)),
});
const p = (...content: DocNode[]): DocNode => ({ type: 'paragraph', content });
const doc = (...content: DocNode[]): DocNode => ({ type: 'doc', content });
const link = (href: string) => ({ type: 'link', attrs: { href } });

describe('editor document to Telegram HTML', () => {
  it('writes every mark Telegram renders', () => {
    const html = toTelegramHtml(
      doc(p(text('b', 'bold'), text('i', 'italic'), text('u', 'underline'), text('s', 'strike'), text('x', 'spoiler'), text('c', 'code'))),
    );
    expect(html).toBe('<b>b</b><i>i</i><u>u</u><s>s</s><tg-spoiler>x</tg-spoiler><code>c</code>');
  });

  it('nests overlapping marks without crossing tags', () => {
    const html = toTelegramHtml(doc(p(text('Big ', 'bold'), text('sale', 'bold', 'italic'), text(' now', 'italic'))));
    expect(html).toBe('<b>Big <i>sale</i></b><i> now</i>');
    expect(parseTelegramHtml(html).entities).toEqual([
      { type: 'bold', offset: 0, length: 8 },
      { type: 'italic', offset: 4, length: 4 },
      { type: 'italic', offset: 8, length: 4 },
    ]);
  });

  it('keeps a link outside the styles inside it, and escapes its URL', () => {
    const html = toTelegramHtml(doc(p(text('Shop', link('https://x.test/?a=1&b="2"'), 'bold'))));
    expect(html).toBe('<a href="https://x.test/?a=1&amp;b=&quot;2&quot;"><b>Shop</b></a>');
    expect(parseTelegramHtml(html).entities).toContainEqual({ type: 'text_link', offset: 0, length: 4, url: 'https://x.test/?a=1&b="2"' });
  });

  it('escapes text so that what the user typed is what Telegram shows', () => {
    const html = toTelegramHtml(doc(p(text('Tom & Jerry <3 "quotes"'))));
    expect(parseTelegramHtml(html).text).toBe('Tom & Jerry <3 "quotes"');
  });

  it('turns paragraphs and hard breaks into line feeds, blocks into pre and blockquote', () => {
    const html = toTelegramHtml(
      doc(
        p(text('one'), { type: 'hardBreak' }, text('two')),
        p(),
        { type: 'codeBlock', attrs: { language: 'python' }, content: [text('x = 1 < 2')] },
        { type: 'blockquote', content: [p(text('quoted'))] },
      ),
    );
    expect(html).toBe('one\ntwo\n\n<pre><code class="language-python">x = 1 &lt; 2</code></pre>\n<blockquote>quoted</blockquote>');
    const parsed = parseTelegramHtml(html);
    expect(parsed.text).toBe('one\ntwo\n\nx = 1 < 2\nquoted');
    expect(parsed.entities.map((e) => e.type)).toEqual(['pre', 'blockquote']);
  });

  it('drops what Telegram cannot show', () => {
    expect(toTelegramHtml(doc({ type: 'heading', content: [text('h')] }, p(text('ok', 'highlight'))))).toBe('\nok');
  });

  it('an empty editor is an empty text', () => {
    expect(toTelegramHtml(doc(p()))).toBe('');
  });
});

describe('Telegram HTML back into the editor', () => {
  it('makes line feeds hard breaks inside one paragraph, so marks across lines survive', () => {
    expect(toEditorHtml('<b>a\nb</b>')).toBe('<p><b>a<br>b</b></p>');
  });

  it('keeps pre and blockquote as blocks between paragraphs', () => {
    expect(toEditorHtml('intro\n<pre>code</pre>\n<blockquote>q\nr</blockquote>\nend')).toBe(
      '<p>intro</p><pre>code</pre><blockquote><p>q<br>r</p></blockquote><p>end</p>',
    );
  });

  it('gives the editor an empty paragraph for an empty text', () => {
    expect(toEditorHtml('')).toBe('<p></p>');
  });
});
