// The composer's document (tiptap/ProseMirror JSON) as Telegram HTML: only what Telegram renders, every tag closed
// in order, text escaped. Paragraphs and hard breaks both become "\n", the only line break Telegram knows.

export interface DocNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  content?: DocNode[];
}

/** Outermost first: a link around bold text, never half a link inside bold. */
const MARK_ORDER = ['link', 'bold', 'italic', 'underline', 'strike', 'spoiler', 'code'];
const SIMPLE: Record<string, string> = {
  bold: 'b',
  italic: 'i',
  underline: 'u',
  strike: 's',
  spoiler: 'tg-spoiler',
  code: 'code',
};

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

interface OpenMark {
  key: string;
  close: string;
}

function openMark(mark: { type: string; attrs?: Record<string, unknown> }): OpenMark & { open: string } {
  if (mark.type === 'link') {
    const href = String(mark.attrs?.href ?? '');
    return { key: `link:${href}`, open: `<a href="${escapeHtml(href)}">`, close: '</a>' };
  }
  const tag = SIMPLE[mark.type];
  return { key: mark.type, open: `<${tag}>`, close: `</${tag}>` };
}

function inline(nodes: DocNode[] = []): string {
  let out = '';
  const stack: OpenMark[] = [];
  const closeTo = (depth: number) => {
    while (stack.length > depth) out += stack.pop()!.close;
  };
  for (const node of nodes) {
    if (node.type === 'hardBreak') {
      out += '\n';
      continue;
    }
    if (node.type !== 'text' || !node.text) continue;
    const wanted = (node.marks ?? [])
      .filter((m) => MARK_ORDER.includes(m.type))
      .sort((a, b) => MARK_ORDER.indexOf(a.type) - MARK_ORDER.indexOf(b.type))
      .map(openMark);
    let same = 0;
    while (same < stack.length && same < wanted.length && stack[same].key === wanted[same].key) same++;
    closeTo(same);
    for (const mark of wanted.slice(same)) {
      out += mark.open;
      stack.push(mark);
    }
    out += escapeHtml(node.text);
  }
  closeTo(0);
  return out;
}

function block(node: DocNode): string {
  switch (node.type) {
    case 'paragraph':
      return inline(node.content);
    case 'codeBlock': {
      const text = escapeHtml((node.content ?? []).map((t) => t.text ?? '').join(''));
      const language = node.attrs?.language;
      return language ? `<pre><code class="language-${escapeHtml(String(language))}">${text}</code></pre>` : `<pre>${text}</pre>`;
    }
    case 'blockquote':
      return `<blockquote>${(node.content ?? []).map(block).join('\n')}</blockquote>`;
    default:
      return '';
  }
}

export function toTelegramHtml(doc: DocNode): string {
  return (doc.content ?? []).map(block).join('\n');
}

/**
 * Telegram HTML (a saved draft) as HTML the editor loads: blocks stay blocks, every other run becomes one paragraph
 * whose line breaks are hard breaks, so loading and saving again gives back the same text.
 */
export function toEditorHtml(telegramHtml: string): string {
  const parts: string[] = [];
  const blocks = /<pre\b[^>]*>[\s\S]*?<\/pre>|<blockquote\b[^>]*>([\s\S]*?)<\/blockquote>/g;
  let last = 0;
  const run = (text: string) => {
    if (text !== '') parts.push(`<p>${text.replace(/\n/g, '<br>')}</p>`);
  };
  for (const match of telegramHtml.matchAll(blocks)) {
    run(telegramHtml.slice(last, match.index).replace(/^\n/, '').replace(/\n$/, ''));
    const quoted = match[1];
    parts.push(quoted === undefined ? match[0] : `<blockquote><p>${quoted.replace(/\n/g, '<br>')}</p></blockquote>`);
    last = match.index + match[0].length;
  }
  run(telegramHtml.slice(last).replace(/^\n/, ''));
  return parts.join('') || '<p></p>';
}
