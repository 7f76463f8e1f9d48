import { Link } from 'react-router';
import { Button, ErrorState, Spinner } from '../ui/kit';
import { Pager, useCursorPager } from '../ui/pager';
import { useMediaPage } from './queries';
import { describeDimensions, formatBytes, type MediaItem } from './upload';

/** The validated items of the library, to attach one to a campaign; pending and quarantined ones cannot be sent. */
export function MediaPicker({ selectedId, onPick, onClose }: { selectedId?: string; onPick: (item: MediaItem) => void; onClose: () => void }) {
  const pager = useCursorPager();
  const media = useMediaPage(pager.cursor);
  const items = media.data?.items.filter((m) => m.status === 'validated') ?? [];
  return (
    <div className="media-picker" role="group" aria-label="Media library">
      <div className="media-picker-head">
        <strong>Choose from the media library</strong>
        <Button variant="ghost" className="btn-sm" onClick={onClose}>
          Close
        </Button>
      </div>
      {media.isPending ? (
        <Spinner label="Loading the library" />
      ) : media.isError ? (
        <ErrorState error={media.error} onRetry={() => media.refetch()} />
      ) : items.length === 0 ? (
        <p className="muted">
          No checked files {pager.page > 1 ? 'on this page' : 'yet'}. <Link to="/media">Upload in the media library</Link>.
        </p>
      ) : (
        <ul className="media-picker-list">
          {items.map((item) => (
            <li key={item.id}>
              <button type="button" className={`media-option ${item.id === selectedId ? 'media-option-selected' : ''}`} aria-pressed={item.id === selectedId} onClick={() => onPick(item)} data-testid="media-option">
                <span className="media-option-thumb">{item.thumbnailUrl ? <img src={item.thumbnailUrl} alt="" /> : <span className="media-kind-art">{item.kind}</span>}</span>
                <span className="media-option-text">
                  <span className="media-name">{item.fileName}</span>
                  <span className="muted">
                    {item.kind} · {formatBytes(item.sizeBytes)}
                    {describeDimensions(item) ? ` · ${describeDimensions(item)}` : ''}
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {media.data && (media.data.nextCursor || pager.page > 1) && <Pager pager={pager} nextCursor={media.data.nextCursor} busy={media.isFetching} />}
    </div>
  );
}
