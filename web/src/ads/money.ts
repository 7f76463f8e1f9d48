/** Minor units (cents) of an ISO 4217 currency as a reader expects them: 12345 USD → "$123.45". */
export function formatMoney(minor: number | null | undefined, currency: string): string {
  if (minor === null || minor === undefined) return '—';
  const format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

/** What a pricing model charges for, in a few words. */
export const PRICING_LABEL: Record<string, string> = {
  cpm: 'per 1,000 delivered',
  cpc: 'per unique click',
  flat: 'flat, once started',
};
