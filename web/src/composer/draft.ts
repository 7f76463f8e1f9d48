import type { AudienceFilter, Campaign, CampaignDraft, InlineButton, Media } from '../api/types';
import { escapeHtml } from '../telegram/toTelegramHtml';

/** What the composer edits: a campaign draft with its text always as Telegram HTML. */
export interface DraftState {
  name: string;
  html: string;
  media: Media | null;
  keyboard: InlineButton[][];
  audience: AudienceFilter;
  paid: boolean;
  deliveryPolicy: 'at_most_once' | 'at_least_once';
  disableNotification: boolean;
  protectContent: boolean;
}

export const EMPTY_DRAFT: DraftState = {
  name: '',
  html: '',
  media: null,
  keyboard: [],
  audience: {},
  paid: false,
  deliveryPolicy: 'at_most_once',
  disableNotification: false,
  protectContent: false,
};

export function fromCampaign(c: Campaign): DraftState {
  const text = c.content.text ?? '';
  return {
    name: c.name ?? '',
    // a campaign written through the API in another mode is edited as the text it shows
    html: c.content.parseMode === 'html' ? text : escapeHtml(text),
    media: c.content.media ?? null,
    keyboard: c.content.keyboard ?? [],
    audience: c.audience ?? {},
    paid: c.paid,
    deliveryPolicy: c.deliveryPolicy,
    disableNotification: c.content.disableNotification ?? false,
    protectContent: c.content.protectContent ?? false,
  };
}

export function toDraft(s: DraftState): CampaignDraft {
  return {
    name: s.name.trim(),
    content: {
      text: s.html,
      parseMode: 'html',
      media: s.media,
      keyboard: s.keyboard,
      disableNotification: s.disableNotification,
      protectContent: s.protectContent,
    },
    audience: cleanAudience(s.audience),
    paid: s.paid,
    deliveryPolicy: s.deliveryPolicy,
  };
}

function cleanAudience(a: AudienceFilter): AudienceFilter {
  const out: AudienceFilter = {};
  for (const key of ['tags', 'languages', 'sources'] as const) {
    const values = a[key]?.map((v) => v.trim()).filter(Boolean);
    if (values?.length) out[key] = values;
  }
  for (const key of ['joinedFrom', 'joinedTo', 'activeSince'] as const) {
    if (a[key]) out[key] = a[key];
  }
  return out;
}

export function sameDraft(a: DraftState, b: DraftState): boolean {
  return JSON.stringify(toDraft(a)) === JSON.stringify(toDraft(b));
}
