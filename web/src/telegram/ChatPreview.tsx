import type { ReactNode } from 'react';
import type { InlineButton, Media } from '../api/types';
import { measure } from './counter';
import { type PreviewNode, previewTree } from './preview';

const MEDIA_LABEL: Record<Media['kind'], string> = { photo: 'Photo', video: 'Video', document: 'Document', animation: 'GIF' };

function render(nodes: PreviewNode[]): ReactNode[] {
  return nodes.map((node, i) => {
    if (node.kind === 'text') return node.text;
    const children = render(node.children);
    switch (node.entity.type) {
      case 'bold':
        return <strong key={i}>{children}</strong>;
      case 'italic':
        return <em key={i}>{children}</em>;
      case 'underline':
        return <u key={i}>{children}</u>;
      case 'strikethrough':
        return <s key={i}>{children}</s>;
      case 'spoiler':
        return (
          <span key={i} className="tg-spoiler" title="Spoiler: hidden until tapped">
            {children}
          </span>
        );
      case 'code':
        return <code key={i}>{children}</code>;
      case 'pre':
        return <pre key={i}>{children}</pre>;
      case 'text_link':
        return (
          <a key={i} href={node.entity.url} target="_blank" rel="noreferrer noopener">
            {children}
          </a>
        );
      case 'blockquote':
      case 'expandable_blockquote':
        return <blockquote key={i}>{children}</blockquote>;
      default:
        return <span key={i}>{children}</span>;
    }
  });
}

/** The message as a Telegram chat shows it: formatted text, media placeholder, inline buttons. */
export function ChatPreview({
  html,
  media,
  thumbnailUrl,
  keyboard,
  botName,
}: {
  html: string;
  media: Media | null;
  /** a small image of the attached library item, when it has one */
  thumbnailUrl?: string | null;
  keyboard: InlineButton[][];
  botName: string;
}) {
  const m = measure(html, media !== null);
  return (
    <figure className="tg-chat" aria-label="Message preview">
      <figcaption className="tg-chat-head">
        <span className="tg-avatar" aria-hidden="true">
          {botName.slice(0, 1).toUpperCase()}
        </span>
        <span>{botName}</span>
      </figcaption>
      <div className="tg-stream">
        <div className="tg-bubble" data-testid="preview-bubble">
          {media && thumbnailUrl ? (
            <div className="tg-media-image" data-testid="preview-media">
              <img src={thumbnailUrl} alt={MEDIA_LABEL[media.kind]} />
            </div>
          ) : (
            media && (
            <div className="tg-media">
              <span aria-hidden="true">▣</span> {MEDIA_LABEL[media.kind]}
            </div>
            )
          )}
          {m.parsed ? (
            <div className="tg-text">{m.parsed.text === '' && !media ? <span className="tg-placeholder">Your message appears here</span> : render(previewTree(m.parsed))}</div>
          ) : (
            <div className="tg-text tg-invalid">Telegram would refuse this text: {m.problem?.message}</div>
          )}
          <span className="tg-time" aria-hidden="true">
            12:00
          </span>
        </div>
        {keyboard.length > 0 && (
          <div className="tg-keyboard">
            {keyboard.map((row, r) => (
              <div className="tg-keyboard-row" key={r}>
                {row.map((b, i) => (
                  <span className="tg-button" key={i}>
                    {b.text || 'Button'}
                    {b.url && (
                      <span className="tg-button-arrow" aria-hidden="true">
                        ↗
                      </span>
                    )}
                  </span>
                ))}
              </div>
            ))}
          </div>
        )}
      </div>
    </figure>
  );
}
