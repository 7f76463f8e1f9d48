import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { measure } from './counter';

// Shared with the backend's ContentLengthCasesTest: the counter and the API's validation agree on every case.
const cases = readFileSync(
  new URL('../../../functions/src/test/resources/content/length-cases.jsonl', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line));

describe('length counted as Telegram and the API count it', () => {
  it.each(cases.map((c) => [c.id, c]))('%s', (_id, c) => {
    const html = c.html.replace('{repeat}', c.repeat ? c.repeat.unit.repeat(c.repeat.times) : '');
    const m = measure(html, c.media);
    expect(m.length).toBe(c.length);
    expect(m.problem?.code ?? null).toBe(c.code);
    expect(m.limit).toBe(c.media ? 1024 : 4096);
  });
});
