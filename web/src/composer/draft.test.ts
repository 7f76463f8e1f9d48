import { describe, expect, it } from 'vitest';
import type { Campaign } from '../api/types';
import { EMPTY_DRAFT, fromCampaign, sameDraft, toDraft } from './draft';

const campaign = (content: Partial<Campaign['content']>): Campaign => ({
  id: 'c1',
  botId: '1',
  name: 'Sale',
  status: 'draft',
  statusReason: null,
  version: 1,
  content: { parseMode: 'none', disableNotification: false, protectContent: false, ...content },
  audience: { tags: ['vip'] },
  paid: false,
  deliveryPolicy: 'at_most_once',
  createdAt: '2026-01-01T00:00:00Z',
  createdBy: 'u',
  startedAt: null,
  finishedAt: null,
  schedule: null,
  nextOccurrences: [],
  seriesId: null,
  occurrence: null,
});

describe('composer draft', () => {
  it('always sends HTML, with the audience cleaned of blanks', () => {
    const draft = toDraft({ ...EMPTY_DRAFT, name: ' Sale ', html: '<b>x</b>', audience: { tags: ['vip', ' '], languages: [], joinedFrom: null } });
    expect(draft).toEqual({
      name: 'Sale',
      content: { text: '<b>x</b>', parseMode: 'html', media: null, keyboard: [], disableNotification: false, protectContent: false },
      audience: { tags: ['vip'] },
      paid: false,
      deliveryPolicy: 'at_most_once',
    });
  });

  it('opens a plain-text campaign as escaped HTML, so it shows what it sent', () => {
    expect(fromCampaign(campaign({ text: 'a < b & c', parseMode: 'none' })).html).toBe('a &lt; b &amp; c');
  });

  it('a saved campaign reopened is not a change', () => {
    const c = campaign({ text: '<i>hi</i>', parseMode: 'html', keyboard: [[{ text: 'Go', url: 'https://x.test' }]] });
    expect(sameDraft(fromCampaign(c), fromCampaign(c))).toBe(true);
    expect(sameDraft(fromCampaign(c), { ...fromCampaign(c), html: '<i>hi!</i>' })).toBe(false);
  });
});
