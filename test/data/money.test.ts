import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { picoFromUsd, roundToMicroUsd, tokensCost, usdFromPico } from '../../src/data/money.ts';

describe('picodollars, the one unit of money', () => {
  it('parses and prints dollar amounts exactly', () => {
    expect(picoFromUsd('0.40')).toBe(400_000_000_000n);
    expect(picoFromUsd('25')).toBe(25_000_000_000_000n);
    expect(picoFromUsd('-0.00000555')).toBe(-5_550_000n);
    expect(usdFromPico(2_400_000_000_000n)).toBe('2.40');
    expect(usdFromPico(1_234_000_000n)).toBe('0.001234');
    expect(usdFromPico(5_550_000n)).toBe('0.00000555');
    expect(usdFromPico(-5_550_000n)).toBe('-0.00000555');
    expect(usdFromPico(0n)).toBe('0.00');
    expect(() => picoFromUsd('1e3')).toThrow(RangeError);
    expect(() => picoFromUsd('0.0000000000001')).toThrow(/at most 12 decimals/);
  });

  it('reads back what it prints', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), (pico) => {
        expect(picoFromUsd(usdFromPico(pico))).toBe(pico);
      }),
    );
  });

  it('prices tokens in picodollars, so sub-micro-dollar costs do not round away', () => {
    expect(tokensCost(37, '0.15')).toBe(5_550_000n); // 5.55 micro-dollars
    expect(tokensCost(4_000, '12')).toBe(48_000_000_000n);
    expect(usdFromPico(tokensCost(300_000, '8'))).toBe('2.40');
  });

  it('has no floating-point drift: 0.1 + 0.2 style sums stay exact', () => {
    expect(usdFromPico(tokensCost(3_000_000, '0.10') + tokensCost(3_000_000, '0.20'))).toBe('0.90');
  });

  it('refuses a price it could not multiply exactly', () => {
    expect(() => tokensCost(1, '0.0000001')).toThrow(/at most 6 decimals/);
    expect(() => tokensCost(1, '-1')).toThrow(RangeError);
    expect(() => tokensCost(1, '$1')).toThrow(RangeError);
  });

  it('rounds a training estimate to the micro-dollar, half up, as before', () => {
    // 1,001 tokens at $1.50/1M is exactly $0.0015015.
    expect(usdFromPico(tokensCost(1_001, '1.50'))).toBe('0.0015015');
    expect(usdFromPico(roundToMicroUsd(tokensCost(1_001, '1.50')))).toBe('0.001502');
    expect(usdFromPico(roundToMicroUsd(tokensCost(1_000, '1.50')))).toBe('0.0015');
    // The rule training estimates have always used: micro-dollars of tokens × price, half up.
    const price = fc
      .tuple(fc.nat({ max: 100 }), fc.nat({ max: 999_999 }))
      .map(([whole, micros]) => `${whole}.${String(micros).padStart(6, '0')}`);
    fc.assert(
      fc.property(fc.nat({ max: 2_000_000_000 }), price, (tokens, pricePer1M) => {
        const microsPer1M = BigInt(pricePer1M.replace('.', ''));
        const micros = (BigInt(tokens) * microsPer1M + 500_000n) / 1_000_000n;
        expect(roundToMicroUsd(tokensCost(tokens, pricePer1M))).toBe(micros * 1_000_000n);
      }),
    );
  });
});
