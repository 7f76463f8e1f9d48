import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage, unwrap, unwrapWithEtag } from '../api/problem';
import type { Campaign, Media } from '../api/types';
import { useApi, useCan } from '../app/context';
import { MediaPicker } from '../media/MediaPicker';
import { useMediaItem } from '../media/queries';
import { formatBytes } from '../media/upload';
import { ChatPreview } from '../telegram/ChatPreview';
import { measure } from '../telegram/counter';
import { Badge, Button, ErrorState, formatNumber, PageHeader, SelectField, Spinner, TextField } from '../ui/kit';
import { AudiencePicker } from './AudiencePicker';
import { ButtonsEditor } from './ButtonsEditor';
import { ConflictView } from './ConflictView';
import { type DraftState, EMPTY_DRAFT, fromCampaign, sameDraft, toDraft } from './draft';
import { RichEditor } from './RichEditor';
import { initialSchedule, type ScheduleState, toScheduleBody } from './schedule';
import { SchedulePanel } from './SchedulePanel';
import './composer.css';

interface Saved {
  campaign: Campaign;
  etag: string;
}

/** New campaign (bots/:botId/campaigns/new) or a draft (campaigns/:campaignId/edit). */
export function ComposerPage() {
  const api = useApi();
  const { botId: newFor, campaignId } = useParams();
  // a draft just created here arrives with its saved state, so it opens without asking the API again
  const seeded = useLocation().state as (Saved & { created?: boolean }) | null;
  const loaded = useQuery({
    queryKey: ['campaign-edit', campaignId],
    enabled: Boolean(campaignId) && seeded?.campaign.id !== campaignId,
    queryFn: () => unwrapWithEtag(api.GET('/api/campaigns/{campaignId}', { params: { path: { campaignId: campaignId! } } })),
    staleTime: Infinity,
  });
  const saved: Saved | null = seeded?.campaign.id === campaignId && campaignId ? seeded : loaded.data ? { campaign: loaded.data.data, etag: loaded.data.etag } : null;
  if (campaignId && !saved) {
    return loaded.isError ? <ErrorState error={loaded.error} onRetry={() => loaded.refetch()} /> : <Spinner label="Opening the draft" />;
  }
  const botId = saved?.campaign.botId ?? newFor!;
  return <Composer key={campaignId ?? 'new'} botId={botId} initial={saved} created={Boolean(seeded?.created)} />;
}

function Composer({ botId, initial, created }: { botId: string; initial: Saved | null; created: boolean }) {
  const api = useApi();
  const can = useCan();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const bot = useQuery({ queryKey: ['bot', botId], queryFn: () => unwrap(api.GET('/api/bots/{botId}', { params: { path: { botId } } })) });

  const [saved, setSaved] = useState<Saved | null>(initial);
  const [draft, setDraft] = useState<DraftState>(initial ? fromCampaign(initial.campaign) : EMPTY_DRAFT);
  const [editorKey, setEditorKey] = useState(0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ tone: 'good' | 'bad'; text: string } | null>(created ? { tone: 'good', text: 'Draft saved.' } : null);
  const [conflict, setConflict] = useState<Saved | null>(null);
  const [busy, setBusy] = useState<'save' | 'test' | 'start' | 'schedule' | null>(null);
  const [schedule, setSchedule] = useState<ScheduleState>(() => initialSchedule(initial?.campaign.schedule));
  const [confirming, setConfirming] = useState(false);
  const [testChats, setTestChats] = useState(() => localStorage.getItem('botfleet.testChats') ?? '');

  const editable = !saved || ['draft', 'scheduled'].includes(saved.campaign.status);
  const mayEdit = can('campaigns_send') && editable;
  const dirty = !saved || !sameDraft(draft, fromCampaign(saved.campaign));
  const m = measure(draft.html, draft.media !== null);
  const libraryItem = useMediaItem(draft.media?.mediaId);
  const botName = bot.data?.displayName ?? 'Bot';
  const set = (patch: Partial<DraftState>) => setDraft((d) => ({ ...d, ...patch }));

  /** Creates or updates the draft; resolves to the saved campaign, or null when the API refused (errors shown). */
  const save = async (ifMatch = saved?.etag): Promise<Saved | null> => {
    setErrors({});
    setNotice(null);
    try {
      const body = toDraft(draft);
      const result = saved
        ? await unwrapWithEtag(api.PUT('/api/campaigns/{campaignId}', { params: { path: { campaignId: saved.campaign.id }, header: { 'If-Match': ifMatch! } }, body }))
        : await unwrapWithEtag(api.POST('/api/bots/{botId}/campaigns', { params: { path: { botId } }, body }));
      const next = { campaign: result.data, etag: result.etag };
      setSaved(next);
      setConflict(null);
      queryClient.invalidateQueries({ queryKey: ['campaigns', botId] });
      return next;
    } catch (e) {
      await explain(e);
      return null;
    }
  };

  const explain = async (e: unknown) => {
    if (!(e instanceof ApiError)) {
      setNotice({ tone: 'bad', text: errorMessage(e) });
    } else if (e.status === 412 && saved) {
      // a stale edit: show both versions rather than overwrite the other person's work
      try {
        const current = await unwrapWithEtag(api.GET('/api/campaigns/{campaignId}', { params: { path: { campaignId: saved.campaign.id } } }));
        setConflict({ campaign: current.data, etag: current.etag });
      } catch (reload) {
        setNotice({ tone: 'bad', text: `Someone else changed this draft, and it could not be reloaded: ${errorMessage(reload)}` });
      }
    } else if (e.code === 'CAMPAIGN_NOT_EDITABLE') {
      setNotice({ tone: 'bad', text: 'This campaign has started and can no longer be edited.' });
    } else if (e.problem.errors?.length) {
      setErrors(e.fieldErrors());
      setNotice({ tone: 'bad', text: `Telegram would refuse this campaign: fix the ${e.problem.errors.length === 1 ? 'field' : 'fields'} marked below.` });
    } else {
      setNotice({ tone: 'bad', text: errorMessage(e) });
    }
  };

  const onSave = async () => {
    setBusy('save');
    const next = await save();
    setBusy(null);
    if (next) {
      setNotice({ tone: 'good', text: 'Draft saved.' });
      if (!initial) navigate(`/campaigns/${next.campaign.id}/edit`, { replace: true, state: { ...next, created: true } });
    }
  };

  const onTest = async () => {
    const chatIds = testChats.split(/[\s,]+/).filter(Boolean).map(Number);
    if (chatIds.length === 0 || chatIds.some((n) => !Number.isInteger(n))) {
      setErrors({ chatIds: 'Enter one or more numeric Telegram chat ids' });
      return;
    }
    localStorage.setItem('botfleet.testChats', testChats);
    setBusy('test');
    const current = dirty ? await save() : saved;
    if (current) {
      try {
        const { results } = await unwrap(api.POST('/api/campaigns/{campaignId}/test', { params: { path: { campaignId: current.campaign.id } }, body: { chatIds } }));
        const failed = results.filter((r) => !r.ok);
        setNotice(
          failed.length === 0
            ? { tone: 'good', text: `Test sent to ${results.length} chat${results.length === 1 ? '' : 's'}.` }
            : { tone: 'bad', text: `Test failed for ${failed.map((r) => `${r.chatId} (${r.error})`).join(', ')}.` },
        );
      } catch (e) {
        await explain(e);
      }
    }
    setBusy(null);
  };

  const onStart = async () => {
    setBusy('start');
    const current = dirty ? await save() : saved;
    if (current) {
      try {
        await unwrap(api.POST('/api/campaigns/{campaignId}/start', { params: { path: { campaignId: current.campaign.id } } }));
        queryClient.invalidateQueries({ queryKey: ['campaigns', botId] });
        navigate(`/campaigns/${current.campaign.id}`);
        return;
      } catch (e) {
        await explain(e);
      }
    }
    setBusy(null);
    setConfirming(false);
  };

  /** Saves the draft if it changed, then puts it on its schedule (or moves it there) and opens its page. */
  const onSchedule = async () => {
    const body = toScheduleBody(schedule);
    if (!body) return;
    setBusy('schedule');
    const current = dirty ? await save() : saved;
    if (current) {
      try {
        await unwrap(api.PUT('/api/campaigns/{campaignId}/schedule', { params: { path: { campaignId: current.campaign.id }, header: { 'If-Match': current.etag } }, body }));
        queryClient.invalidateQueries({ queryKey: ['campaigns', botId] });
        queryClient.invalidateQueries({ queryKey: ['campaign', current.campaign.id] });
        navigate(`/campaigns/${current.campaign.id}`);
        return;
      } catch (e) {
        if (e instanceof ApiError && e.status === 422) {
          setErrors(e.fieldErrors());
          setNotice({ tone: 'bad', text: 'The schedule cannot be used: fix the marked field.' });
        } else {
          await explain(e);
        }
      }
    }
    setBusy(null);
  };

  const takeTheirs = (theirs: Saved) => {
    setSaved(theirs);
    setDraft(fromCampaign(theirs.campaign));
    setEditorKey((k) => k + 1);
    setConflict(null);
    setNotice({ tone: 'good', text: `Loaded version ${theirs.campaign.version}.` });
  };

  const keepMine = async (theirs: Saved) => {
    setBusy('save');
    setSaved(theirs);
    const next = await save(theirs.etag);
    setBusy(null);
    if (next) setNotice({ tone: 'good', text: 'Your version is saved.' });
  };

  const errorSummary = Object.entries(errors);
  return (
    <>
      <PageHeader
        title={saved ? draft.name || 'Untitled campaign' : 'New campaign'}
        subtitle={
          <>
            {botName} · {saved ? <Badge>{saved.campaign.status}</Badge> : <Badge>draft</Badge>}
            {saved && <span className="muted"> · version {saved.campaign.version}</span>}
          </>
        }
        actions={
          saved && (
            <Link className="btn btn-ghost" to={`/campaigns/${saved.campaign.id}`}>
              Report
            </Link>
          )
        }
      />
      {notice && (
        <div className={`notice notice-${notice.tone}`} role={notice.tone === 'bad' ? 'alert' : 'status'}>
          {notice.text}
          {errorSummary.length > 0 && (
            <ul>
              {errorSummary.map(([field, message]) => (
                <li key={field}>
                  <code>{field}</code>: {message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {!editable && saved && (
        <div className="notice notice-bad" role="status">
          This campaign is {saved.campaign.status}; it can no longer be edited. <Link to={`/campaigns/${saved.campaign.id}`}>See its report</Link>.
        </div>
      )}
      {conflict && saved && (
        <ConflictView mine={draft} theirs={conflict.campaign} botName={botName} busy={busy === 'save'} onKeepMine={() => keepMine(conflict)} onTakeTheirs={() => takeTheirs(conflict)} />
      )}
      <div className="composer">
        <form className="composer-form" onSubmit={(e) => e.preventDefault()} aria-label="Campaign">
          <fieldset disabled={!mayEdit} className="plain">
            <TextField label="Campaign name" value={draft.name} maxLength={120} error={errors.name} onChange={(e) => set({ name: e.target.value })} placeholder="Spring sale" />
            <RichEditor key={editorKey} label="Message" initialHtml={draft.html} invalid={Boolean(errors['content.text'])} describedBy="message-counter" onChange={(html) => set({ html })} />
            <div className="counter-line">
              <span id="message-counter" className={`counter ${m.length !== null && m.length > m.limit ? 'counter-over' : ''}`} aria-live="polite" data-testid="counter">
                {m.length === null ? '—' : formatNumber(m.length)} / {formatNumber(m.limit)}
                <span className="muted"> {draft.media ? 'caption characters' : 'characters'}</span>
              </span>
              {(errors['content.text'] || (m.problem && m.problem.code !== 'TEXT_REQUIRED')) && (
                <span className="field-error" role="alert">
                  {errors['content.text'] ?? m.problem?.message}
                </span>
              )}
            </div>
            <MediaField media={draft.media} errors={errors} onChange={(media) => set({ media })} />
            <ButtonsEditor keyboard={draft.keyboard} errors={errors} onChange={(keyboard) => set({ keyboard })} />
            <AudiencePicker botId={botId} audience={draft.audience} errors={errors} onChange={(audience) => set({ audience })} />
            <fieldset className="options">
              <legend>Options</legend>
              <label className="check">
                <input type="checkbox" checked={draft.disableNotification} onChange={(e) => set({ disableNotification: e.target.checked })} /> Send silently
              </label>
              <label className="check">
                <input type="checkbox" checked={draft.protectContent} onChange={(e) => set({ protectContent: e.target.checked })} /> Protect from forwarding and saving
              </label>
              <label className="check">
                <input type="checkbox" checked={draft.paid} disabled={!bot.data?.paidBroadcast} onChange={(e) => set({ paid: e.target.checked })} /> Paid broadcast (up to 1,000 messages/s)
                {!bot.data?.paidBroadcast && <span className="muted"> — not enabled for this bot</span>}
              </label>
              {errors.paid && <div className="field-error">{errors.paid}</div>}
              <SelectField
                label="If a send's outcome is unknown"
                value={draft.deliveryPolicy}
                error={errors.deliveryPolicy}
                onChange={(e) => set({ deliveryPolicy: e.target.value as DraftState['deliveryPolicy'] })}
              >
                <option value="at_most_once">Never send twice (a few may be missed)</option>
                <option value="at_least_once">Never miss (a few may get it twice)</option>
              </SelectField>
            </fieldset>
          </fieldset>
        </form>
        <aside className="composer-side" aria-label="Preview and sending">
          <ChatPreview html={draft.html} media={draft.media} thumbnailUrl={libraryItem.data?.thumbnailUrl} keyboard={draft.keyboard} botName={botName} />
          {mayEdit && (
            <div className="composer-actions">
              <Button onClick={onSave} busy={busy === 'save'} disabled={busy !== null || (!dirty && Boolean(saved))}>
                {dirty ? 'Save draft' : 'Saved'}
              </Button>
              <div className="test-send">
                <TextField
                  label="Test chat ids"
                  value={testChats}
                  onChange={(e) => setTestChats(e.target.value)}
                  placeholder="e.g. 123456789"
                  hint="Your own chat with the bot: it must have sent /start."
                  error={errors.chatIds}
                />
                <Button onClick={onTest} busy={busy === 'test'} disabled={busy !== null}>
                  Send test
                </Button>
              </div>
              <SchedulePanel botId={botId} value={schedule} errors={errors} onChange={setSchedule} />
              {schedule.mode !== 'now' ? (
                <Button variant="primary" className="btn-block" onClick={onSchedule} busy={busy === 'schedule'} disabled={busy !== null || (m.problem !== null && m.problem.code !== 'TEXT_REQUIRED') || (m.length === 0 && !draft.media)}>
                  {schedule.mode === 'recurring' ? 'Schedule recurring campaign' : 'Schedule'}
                </Button>
              ) : saved?.campaign.status === 'scheduled' ? (
                <p className="muted">It is scheduled: unschedule it from its page to send it now instead.</p>
              ) : confirming ? (
                <div className="confirm" role="group" aria-label="Confirm sending">
                  <p>Send this message to the audience now? This cannot be undone.</p>
                  <Button variant="primary" onClick={onStart} busy={busy === 'start'}>
                    Confirm and send
                  </Button>
                  <Button variant="ghost" onClick={() => setConfirming(false)} disabled={busy === 'start'}>
                    Cancel
                  </Button>
                </div>
              ) : (
                <Button variant="primary" className="btn-block" onClick={() => setConfirming(true)} disabled={busy !== null || (m.problem !== null && m.problem.code !== 'TEXT_REQUIRED') || (m.length === 0 && !draft.media)}>
                  Send now…
                </Button>
              )}
            </div>
          )}
        </aside>
      </div>
    </>
  );
}

const KINDS: Media['kind'][] = ['photo', 'video', 'document', 'animation'];

function MediaField({ media, errors, onChange }: { media: Media | null; errors: Record<string, string>; onChange: (m: Media | null) => void }) {
  const can = useCan();
  const [picking, setPicking] = useState(false);
  const chosen = useMediaItem(media?.mediaId);
  const error = errors['content.media.mediaId'] ?? errors['content.media.url'] ?? errors['content.media'];
  // the kind stays the user's choice for a library item: any item may go as a document
  const changeKind = (kind: string) => onChange(kind ? (media?.mediaId ? { kind: kind as Media['kind'], mediaId: media.mediaId } : { kind: kind as Media['kind'], url: media?.url ?? '' }) : null);
  return (
    <fieldset className="media-field">
      <legend>Media</legend>
      <div className="grid-2">
        <SelectField label="Attachment" value={media?.kind ?? ''} onChange={(e) => changeKind(e.target.value)}>
          <option value="">None (text message)</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </SelectField>
        {media && !media.mediaId && (
          <TextField
            label="Media URL"
            type="url"
            value={media.url ?? ''}
            placeholder="https://"
            error={error}
            onChange={(e) => onChange({ ...media, url: e.target.value })}
          />
        )}
      </div>
      {media?.mediaId && (
        <div className="media-chosen" data-testid="media-chosen">
          <span className="media-option-thumb">{chosen.data?.thumbnailUrl ? <img src={chosen.data.thumbnailUrl} alt="" /> : <span className="media-kind-art">{media.kind}</span>}</span>
          <span className="media-option-text">
            <span className="media-name">{chosen.data?.fileName ?? 'Library item'}</span>
            <span className="muted">{chosen.data ? `${chosen.data.kind} · ${formatBytes(chosen.data.sizeBytes)} · from the media library` : chosen.isError ? 'No longer in the library' : 'Loading…'}</span>
            {error && <span className="field-error">{error}</span>}
          </span>
          <Button variant="ghost" className="btn-sm" onClick={() => onChange(null)}>
            Remove
          </Button>
        </div>
      )}
      {can('campaigns_read') &&
        (picking ? (
          <MediaPicker
            selectedId={media?.mediaId}
            onClose={() => setPicking(false)}
            onPick={(item) => {
              onChange({ kind: item.kind, mediaId: item.id });
              setPicking(false);
            }}
          />
        ) : (
          <Button className="btn-sm media-pick" onClick={() => setPicking(true)}>
            {media?.mediaId ? 'Choose another from the media library' : 'Choose from the media library'}
          </Button>
        ))}
    </fieldset>
  );
}
