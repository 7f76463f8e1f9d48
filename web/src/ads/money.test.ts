import { describe, expect, it } from 'vitest';
import { formatMoney } from './money';

describe('formatMoney', () => {
  it('reads minor units with the currency’s own decimals', () => {
    expect(formatMoney(12345, 'USD')).toContain('123.45');
    expect(formatMoney(500, 'JPY')).toContain('500');
    expect(formatMoney(null, 'USD')).toBe('—');
  });
});
