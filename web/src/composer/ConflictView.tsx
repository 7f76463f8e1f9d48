import { useEffect, useRef } from 'react';
import type { Campaign } from '../api/types';
import { ChatPreview } from '../telegram/ChatPreview';
import { Button, formatDate } from '../ui/kit';
import { type DraftState, fromCampaign } from './draft';

/**
 * Someone saved this draft after it was opened here. Both versions side by side; nothing is overwritten unless the
 * user says so.
 */
export function ConflictView({ mine, theirs, botName, onKeepMine, onTakeTheirs, busy }: {
  mine: DraftState;
  theirs: Campaign;
  botName: string;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  busy: boolean;
}) {
  const saved = fromCampaign(theirs);
  const focus = useRef<HTMLElement>(null);
  // keyboard and screen-reader users land on the choice they have to make
  useEffect(() => focus.current?.focus(), []);
  return (
    <section ref={focus} tabIndex={-1} className="conflict" role="alertdialog" aria-labelledby="conflict-title" aria-describedby="conflict-text">
      <h2 id="conflict-title">This draft was changed by someone else</h2>
      <p id="conflict-text">
        Version {theirs.version} was saved while you were editing. Choose which version to keep — nothing has been overwritten.
      </p>
      <div className="conflict-sides">
        <div className="conflict-side">
          <h3>Your version</h3>
          <p className="conflict-name">{mine.name || 'Untitled'}</p>
          <ChatPreview html={mine.html} media={mine.media} keyboard={mine.keyboard} botName={botName} />
        </div>
        <div className="conflict-side">
          <h3>Saved version {theirs.version}</h3>
          <p className="conflict-name">
            {saved.name || 'Untitled'} <span className="muted">· created {formatDate(theirs.createdAt)}</span>
          </p>
          <ChatPreview html={saved.html} media={saved.media} keyboard={saved.keyboard} botName={botName} />
        </div>
      </div>
      <div className="conflict-actions">
        <Button variant="primary" onClick={onKeepMine} busy={busy}>
          Keep my version
        </Button>
        <Button onClick={onTakeTheirs} disabled={busy}>
          Use the saved version
        </Button>
      </div>
    </section>
  );
}
