import type { CampaignProgress } from '../api/types';

/**
 * What the progress bar shows: every recipient with a final outcome counts as done, whatever the outcome, so a
 * finished campaign reads 100 % even when some recipients had blocked the bot.
 */
export function progressFigures(p: CampaignProgress) {
  const failed = p.failed.chatNotFound + p.failed.other;
  const refused = p.blocked + p.deactivated + p.notStarted + p.kicked;
  const done = p.sent + failed + refused + p.unknown + p.cancelled;
  const percent = p.audienceSize > 0 ? Math.min(100, Math.floor((done * 100) / p.audienceSize)) : p.status === 'completed' ? 100 : 0;
  return { failed, refused, done, percent };
}
