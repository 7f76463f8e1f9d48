/** A Telegram message entity; offsets and lengths are UTF-16 code units, as in the Bot API. */
export interface MessageEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  custom_emoji_id?: string;
}

/** Text as Telegram shows it, markup removed, with the entities the markup produced. */
export interface ParsedText {
  text: string;
  entities: MessageEntity[];
}

export class FormattingError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Telegram's order: by offset, enclosing entities before the ones they contain. */
export function telegramOrder(a: MessageEntity, b: MessageEntity): number {
  return a.offset - b.offset || b.length - a.length;
}
