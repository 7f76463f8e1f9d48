import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MessageEntity } from './entities';
import { parseTelegramHtml } from './htmlParser';

// The golden corpus the emulator and the backend's parsers are held to (infra/telegram-emulator's test resources).
const corpus = readFileSync(
  new URL('../../../infra/telegram-emulator/src/test/resources/formatting-corpus.jsonl', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line))
  .filter((c) => c.mode === 'HTML');

const canonical = (entities: MessageEntity[]) =>
  [...entities].sort((a, b) => a.offset - b.offset || b.length - a.length || a.type.localeCompare(b.type));

describe('Telegram HTML parser against the formatting corpus', () => {
  it('has HTML cases to run', () => expect(corpus.length).toBeGreaterThan(10));

  it.each(corpus.map((c) => [c.id, c]))('%s', (_id, c) => {
    if (c.error) {
      expect(() => parseTelegramHtml(c.input), c.error).toThrow();
      return;
    }
    const parsed = parseTelegramHtml(c.input);
    expect(parsed.text).toBe(c.text);
    expect(canonical(parsed.entities)).toEqual(canonical(c.entities));
  });
});
