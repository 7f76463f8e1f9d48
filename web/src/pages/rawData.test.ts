import { describe, expect, it } from 'vitest';
import { cell, columns } from './RawDataPage';

describe('the raw data table', () => {
  it('puts the keys first and every other attribute of the page after them, once, in order', () => {
    expect(columns([{ sk: 'PROFILE', pk: 'BOT#1', status: 'active' }, { pk: 'USER#1', email: 'a@b.c', status: 'active' }])).toEqual([
      'pk',
      'sk',
      'email',
      'status',
    ]);
  });

  it('shows text as stored and anything else as JSON', () => {
    expect(cell('[redacted]')).toBe('[redacted]');
    expect(cell(3)).toBe('3');
    expect(cell(['a', 'b'])).toBe('["a","b"]');
    expect(cell({ n: 1 })).toBe('{"n":1}');
    expect(cell(undefined)).toBe('');
    expect(cell(null)).toBe('null');
  });
});
