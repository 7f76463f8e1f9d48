import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useId, useState } from 'react';
import { toEditorHtml, toTelegramHtml } from '../telegram/toTelegramHtml';
import { Spoiler } from './spoiler';

// Only what Telegram renders: no headings, lists or rules, which it would show as plain text.
const extensions = [
  StarterKit.configure({
    heading: false,
    bulletList: false,
    orderedList: false,
    listItem: false,
    listKeymap: false,
    horizontalRule: false,
    dropcursor: false,
    gapcursor: false,
    trailingNode: false,
    link: { openOnClick: false, autolink: false, protocols: ['tg'], HTMLAttributes: { rel: 'noopener noreferrer', target: null } },
  }),
  Spoiler,
];

type MarkName = 'bold' | 'italic' | 'underline' | 'strike' | 'spoiler' | 'code';
const MARKS: { name: MarkName; label: string; glyph: string; keys: string }[] = [
  { name: 'bold', label: 'Bold', glyph: 'B', keys: 'Ctrl+B' },
  { name: 'italic', label: 'Italic', glyph: 'I', keys: 'Ctrl+I' },
  { name: 'underline', label: 'Underline', glyph: 'U', keys: 'Ctrl+U' },
  { name: 'strike', label: 'Strikethrough', glyph: 'S', keys: 'Ctrl+Shift+S' },
  { name: 'spoiler', label: 'Spoiler', glyph: '▒', keys: 'Ctrl+Shift+S' },
  { name: 'code', label: 'Inline code', glyph: '</>', keys: 'Ctrl+E' },
];

/** Toolbar icons as strokes: the emoji a system may lack are not safe on every machine. */
/**
 * A toolbar button pressed with the mouse must not take the focus: the editor gets it back only on the next frame, and
 * a key typed in between (a space activates a focused button) would toggle the mark again instead of being typed.
 */
function keepEditorFocus(event: React.MouseEvent) {
  event.preventDefault();
}

function Icon({ d }: { d: string }) {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={d} />
    </svg>
  );
}

interface Props {
  initialHtml: string;
  onChange: (html: string) => void;
  label: string;
  describedBy?: string;
  invalid?: boolean;
}

/** The message text as a rich-text editor that can only produce what Telegram renders, emitting Telegram HTML. */
export function RichEditor({ initialHtml, onChange, label, describedBy, invalid }: Props) {
  const labelId = useId();
  const editor = useEditor({
    extensions,
    content: toEditorHtml(initialHtml),
    editorProps: {
      attributes: {
        class: 'rte-content',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': labelId,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(invalid ? { 'aria-invalid': 'true' } : {}),
      },
    },
    onUpdate: ({ editor }) => onChange(toTelegramHtml(editor.getJSON())),
  });
  const active = useEditorState({
    editor,
    selector: ({ editor }) => ({
      ...Object.fromEntries(MARKS.map((m) => [m.name, editor?.isActive(m.name) ?? false])),
      link: editor?.isActive('link') ?? false,
      codeBlock: editor?.isActive('codeBlock') ?? false,
      blockquote: editor?.isActive('blockquote') ?? false,
      href: (editor?.getAttributes('link').href as string | undefined) ?? '',
    }),
  });
  const [linking, setLinking] = useState<string | null>(null);

  if (!editor || !active) return null;

  const applyLink = () => {
    const href = (linking ?? '').trim();
    const chain = editor.chain().focus().extendMarkRange('link');
    if (!href) chain.unsetLink().run();
    else if (editor.state.selection.empty && !active.link) chain.insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] }).run();
    else chain.setLink({ href }).run();
    setLinking(null);
  };

  return (
    <div className={`rte ${invalid ? 'rte-invalid' : ''}`}>
      <div className="rte-label" id={labelId}>
        {label}
      </div>
      <div className="rte-toolbar" role="toolbar" aria-label="Formatting">
        {MARKS.map((m) => (
          <button
            key={m.name}
            type="button"
            className={`rte-btn rte-${m.name}`}
            aria-label={m.label}
            title={`${m.label} (${m.keys})`}
            aria-pressed={Boolean((active as Record<string, unknown>)[m.name])}
            onMouseDown={keepEditorFocus}
            onClick={() => editor.chain().focus().toggleMark(m.name).run()}
          >
            {m.glyph}
          </button>
        ))}
        <span className="rte-sep" aria-hidden="true" />
        <button type="button" className="rte-btn" aria-label="Link" title="Link" aria-pressed={active.link} onClick={() => setLinking(active.href)}>
          <Icon d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
        </button>
        <button type="button" className="rte-btn" aria-label="Quote" title="Quote" aria-pressed={active.blockquote} onMouseDown={keepEditorFocus} onClick={() => editor.chain().focus().toggleBlockquote().run()}>
          <Icon d="M6 17c2-1 3-3 3-6V7H5v4h4M15 17c2-1 3-3 3-6V7h-4v4h4" />
        </button>
        <button type="button" className="rte-btn" aria-label="Preformatted block" title="Preformatted block" aria-pressed={active.codeBlock} onMouseDown={keepEditorFocus} onClick={() => editor.chain().focus().toggleCodeBlock().run()}>
          <Icon d="M4 5h16v14H4zM8 10l2 2-2 2M12 14h4" />
        </button>
      </div>
      {linking !== null && (
        <div className="rte-link">
          <label>
            Link URL
            <input
              type="url"
              value={linking}
              autoFocus
              placeholder="https://"
              onChange={(e) => setLinking(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  applyLink();
                }
                if (e.key === 'Escape') setLinking(null);
              }}
            />
          </label>
          <button type="button" className="btn btn-primary btn-sm" onClick={applyLink}>
            Apply link
          </button>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => setLinking(null)}>
            Cancel
          </button>
        </div>
      )}
      <EditorContent editor={editor} />
    </div>
  );
}
