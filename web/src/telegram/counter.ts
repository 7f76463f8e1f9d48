import { FormattingError, type ParsedText } from './entities';
import { parseTelegramHtml } from './htmlParser';
import { CAPTION_MAX, TEXT_MAX } from './limits';

export interface Measure {
  /** UTF-16 code units after parsing, as Telegram counts; null when the markup does not parse. */
  length: number | null;
  limit: number;
  parsed: ParsedText | null;
  /** The violation the API would report on content.text, with its code. */
  problem: { code: string; message: string } | null;
}

/** Counts an HTML text (a caption when the message has media) the way the API's ContentValidator does. */
export function measure(html: string, caption: boolean): Measure {
  const limit = caption ? CAPTION_MAX : TEXT_MAX;
  if (!caption && html === '') {
    return { length: 0, limit, parsed: { text: '', entities: [] }, problem: { code: 'TEXT_REQUIRED', message: 'Write a message' } };
  }
  let parsed: ParsedText;
  try {
    parsed = parseTelegramHtml(html);
  } catch (e) {
    if (e instanceof FormattingError) {
      return { length: null, limit, parsed: null, problem: { code: 'FORMATTING_INVALID', message: e.message } };
    }
    throw e;
  }
  const length = parsed.text.length;
  let problem: Measure['problem'] = null;
  if (caption) {
    if (length > CAPTION_MAX) {
      problem = { code: 'CAPTION_TOO_LONG', message: `A caption is at most ${CAPTION_MAX} characters` };
    }
  } else if (parsed.text.trim() === '') {
    problem = { code: 'TEXT_REQUIRED', message: 'The message is empty once formatting and spaces are removed' };
  } else if (length > TEXT_MAX) {
    problem = { code: 'TEXT_TOO_LONG', message: `A message is at most ${TEXT_MAX} characters` };
  }
  return { length, limit, parsed, problem };
}
