import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type DragEvent, useRef, useState } from 'react';
import { errorMessage, unwrap } from '../api/problem';
import { useApi, useCan, useMe } from '../app/context';
import { ACCEPTED_TYPES, useMediaPage } from '../media/queries';
import { deleteFailure, describeDimensions, displayStatus, formatBytes, type MediaItem, uploadToLibrary } from '../media/upload';
import { Badge, Button, EmptyState, ErrorState, formatDate, PageHeader, Spinner } from '../ui/kit';
import { Pager, useCursorPager } from '../ui/pager';

const STATUS_TONE = { pending: 'info', validated: 'good', compressed: 'good', quarantined: 'bad' } as const;

interface Transfer {
  key: string;
  name: string;
  progress: number;
  error?: string;
}

export function MediaPage() {
  const can = useCan();
  const me = useMe();
  const pager = useCursorPager();
  const media = useMediaPage(pager.cursor);
  const mayUpload = can('campaigns_send');
  // deleting reaches every bot's campaigns: a caller restricted to some bots may not
  const mayDelete = mayUpload && (me.data?.user.botIds.length ?? 1) === 0;

  return (
    <>
      <PageHeader title="Media library" subtitle="Photos, videos and files for campaigns. Each upload is checked against Telegram's limits before it can be sent." />
      {mayUpload && <Uploader onUploaded={pager.reset} />}
      {media.isPending ? (
        <Spinner label="Loading the library" />
      ) : media.isError ? (
        <ErrorState error={media.error} onRetry={() => media.refetch()} />
      ) : media.data.items.length === 0 && pager.page === 1 ? (
        <EmptyState title="The library is empty">{mayUpload ? 'Drop a photo, video or file above to add it.' : 'Files your team uploads will show up here.'}</EmptyState>
      ) : (
        <>
          <ul className="media-grid" data-testid="media-grid" aria-busy={media.isFetching || undefined}>
            {media.data.items.map((item) => (
              <MediaCard key={item.id} item={item} mayDelete={mayDelete} />
            ))}
          </ul>
          {(media.data.nextCursor || pager.page > 1) && <Pager pager={pager} nextCursor={media.data.nextCursor} busy={media.isFetching} />}
        </>
      )}
    </>
  );
}

/** Drop zone and picker: each file is announced to the API, then PUT straight to storage with its progress shown. */
function Uploader({ onUploaded }: { onUploaded: () => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [transfers, setTransfers] = useState<Transfer[]>([]);

  const update = (key: string, change: Partial<Transfer>) => setTransfers((all) => all.map((t) => (t.key === key ? { ...t, ...change } : t)));

  const start = (files: FileList | null) => {
    for (const file of Array.from(files ?? [])) {
      const key = `${file.name}-${file.size}-${Math.random()}`;
      setTransfers((all) => [...all, { key, name: file.name, progress: 0 }]);
      uploadToLibrary(api, file, (progress) => update(key, { progress }))
        .then(() => {
          setTransfers((all) => all.filter((t) => t.key !== key));
          onUploaded();
          return queryClient.invalidateQueries({ queryKey: ['media'] });
        })
        .catch((e: unknown) => update(key, { error: errorMessage(e) }));
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    start(event.dataTransfer.files);
  };

  return (
    <section className="card">
      <div
        className={`dropzone ${dragging ? 'dropzone-active' : ''}`}
        data-testid="media-dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <div className="dropzone-art" aria-hidden="true">
          ⇪
        </div>
        <div>
          <strong>Drag files here</strong> or{' '}
          <Button variant="secondary" className="btn-sm" onClick={() => input.current?.click()}>
            Choose files
          </Button>
        </div>
        <div className="muted">Photos up to 10 MB (JPEG, PNG, WebP, GIF); videos, PDFs, Office files and archives up to 50 MB.</div>
        <input
          ref={input}
          className="sr-only"
          type="file"
          multiple
          accept={ACCEPTED_TYPES}
          aria-label="Upload files to the media library"
          data-testid="media-file-input"
          tabIndex={-1}
          onChange={(e) => {
            start(e.target.files);
            e.target.value = '';
          }}
        />
      </div>
      {transfers.length > 0 && (
        <ul className="transfers" aria-label="Uploads">
          {transfers.map((t) => (
            <li key={t.key} className="transfer">
              <div className="transfer-head">
                <span className="transfer-name">{t.name}</span>
                {t.error ? (
                  <Button variant="ghost" className="btn-sm" onClick={() => setTransfers((all) => all.filter((x) => x.key !== t.key))}>
                    Dismiss
                  </Button>
                ) : (
                  <span className="muted">{Math.round(t.progress * 100)}%</span>
                )}
              </div>
              {t.error ? (
                <div className="field-error" role="alert">
                  {t.error}
                </div>
              ) : (
                <div className="progress" role="progressbar" aria-label={`Uploading ${t.name}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(t.progress * 100)}>
                  <div className="progress-bar" style={{ width: `${t.progress * 100}%` }} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function MediaCard({ item, mayDelete }: { item: MediaItem; mayDelete: boolean }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/media/{mediaId}', { params: { path: { mediaId: item.id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['media'] }),
  });
  const status = displayStatus(item);
  const dimensions = describeDimensions(item);

  return (
    <li className="media-card" data-testid="media-item" data-status={status}>
      <div className="media-thumb">
        {item.thumbnailUrl ? <img src={item.thumbnailUrl} alt={item.fileName} loading="lazy" /> : <span className="media-kind-art">{item.kind}</span>}
      </div>
      <div className="media-body">
        <div className="media-name" title={item.fileName}>
          {item.fileName}
        </div>
        <div className="media-facts">
          <span className="chip">{item.kind}</span>
          <span>{formatBytes(item.sizeBytes)}</span>
          {dimensions && <span>{dimensions}</span>}
        </div>
        <div className="media-status">
          <Badge tone={STATUS_TONE[status]}>{status}</Badge>
          {status === 'compressed' && item.sendBytes != null && <span className="muted">sent as {formatBytes(item.sendBytes)}</span>}
        </div>
        {item.status === 'quarantined' && item.reason && <div className="media-reason">{item.reason}</div>}
        {status === 'compressed' && item.compression && <div className="muted">{item.compression}</div>}
        <div className="muted">{formatDate(item.createdAt)}</div>
        {remove.isError && (
          <div className="media-reason" role="alert">
            {deleteFailure(remove.error)}
          </div>
        )}
        <div className="media-actions">
          {confirming ? (
            <span className="row-confirm">
              <Button variant="danger" className="btn-sm" busy={remove.isPending} onClick={() => remove.mutate(undefined, { onSettled: () => setConfirming(false) })}>
                Delete
              </Button>
              <Button variant="ghost" className="btn-sm" onClick={() => setConfirming(false)}>
                Keep
              </Button>
            </span>
          ) : (
            <Button
              variant="ghost"
              className="btn-sm"
              disabled={!mayDelete}
              title={mayDelete ? undefined : 'Deleting needs campaign rights over every bot'}
              aria-label={`Delete ${item.fileName}`}
              onClick={() => setConfirming(true)}
            >
              Delete
            </Button>
          )}
        </div>
      </div>
    </li>
  );
}
