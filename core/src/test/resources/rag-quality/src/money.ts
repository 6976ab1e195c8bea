// Money helpers. Amounts are integers in minor units (cents) to avoid floating point errors.

export interface Money {
  amountMinor: number;
  currency: string;
}

export function formatCurrency(money: Money, locale = "en-US"): string {
  const digits = minorDigits(money.currency);
  return new Intl.NumberFormat(locale, { style: "currency", currency: money.currency })
    .format(money.amountMinor / 10 ** digits);
}

export function minorDigits(currency: string): number {
  return ["JPY", "KRW", "CLP"].includes(currency) ? 0 : 2;
}

/** Rounds to the nearest integer; exact halves go to the even neighbour (2.5 -> 2, 3.5 -> 4). */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Splits a total into n parts that differ by at most one minor unit and add up exactly. */
export function splitEvenly(total: Money, parts: number): Money[] {
  const base = Math.floor(total.amountMinor / parts);
  let remainder = total.amountMinor - base * parts;
  const out: Money[] = [];
  for (let i = 0; i < parts; i++) {
    out.push({ amountMinor: base + (remainder-- > 0 ? 1 : 0), currency: total.currency });
  }
  return out;
}

export function convert(money: Money, to: string, rates: Record<string, number>): Money {
  const rate = rates[`${money.currency}/${to}`];
  if (rate === undefined) throw new Error(`no rate for ${money.currency}/${to}`);
  const scale = 10 ** (minorDigits(to) - minorDigits(money.currency));
  return { amountMinor: roundHalfEven(money.amountMinor * rate * scale), currency: to };
}
