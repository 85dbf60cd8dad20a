import { describe, expect, it } from "vitest";
import { linearTicks, logTicks, niceStep } from "../../lib/plot/ticks";

const labels = (t: ReturnType<typeof logTicks>) => t.major.map((k) => k.label.text + (k.label.sup ? `^${k.label.sup}` : ""));

describe("tick placement", () => {
  it("niceStep picks 1, 2 or 5 × 10^k closest to span/target", () => {
    expect(niceStep(1, 5)).toBe(0.2);
    expect(niceStep(1.7, 6)).toBe(0.2);
    expect(niceStep(10000, 5)).toBe(2000);
    expect(niceStep(0.07, 7)).toBe(0.01);
    // 37/5 = 7.4 lies above √50 ≈ 7.07, the geometric midpoint of 5 and 10.
    expect(niceStep(37, 5)).toBe(10);
    expect(niceStep(34, 5)).toBe(5);
  });

  it("linear ticks step 1-2-5 inside the range and drop trailing zeros like plotly", () => {
    expect(labels(linearTicks(0, 1, 5))).toEqual(["0", "0.2", "0.4", "0.6", "0.8", "1"]);
    expect(linearTicks(-0.011, 0.009, 4).major.map((t) => t.value)).toEqual([-0.01, -0.005, 0, 0.005]);
    expect(labels(linearTicks(-0.011, 0.009, 4))).toEqual(["−0.01", "−0.005", "0", "0.005"]);
  });

  it("large linear values are labelled m×10^k", () => {
    expect(labels(linearTicks(0, 5e5, 5))).toEqual(["0", "10^5", "2×10^5", "3×10^5", "4×10^5", "5×10^5"]);
  });

  it("a log axis over three or more decades labels each decade 10^k with 2..9 minor ticks", () => {
    const t = logTicks(1e8, 1e11);
    expect(labels(t)).toEqual(["10^8", "10^9", "10^10", "10^11"]);
    // 8 minor ticks (2..9 × 10^k) in each of the 3 full decades.
    expect(t.minor).toHaveLength(24);
    expect(t.minor.slice(0, 3)).toEqual([2e8, 3e8, 4e8]);
  });

  it("decade labels thin out on long axes and the skipped decades become minor ticks", () => {
    // 16 decades for about 6 labels: every 3rd decade is labelled, the other 10 are minor ticks.
    const t = logTicks(1e-3, 1e12, 6);
    expect(t.major.map((k) => Math.round(Math.log10(k.value)))).toEqual([-3, 0, 3, 6, 9, 12]);
    expect(t.minor.map((v) => Math.round(Math.log10(v)))).toEqual([-2, -1, 1, 2, 4, 5, 7, 8, 10, 11]);
  });

  it("negative exponents use a true minus sign", () => {
    expect(labels(logTicks(1e-6, 1e-3))).toEqual(["10^−6", "10^−5", "10^−4", "10^−3"]);
  });

  it("one to three decades label 1, 2, 5 × 10^k", () => {
    expect(labels(logTicks(2e-4, 3e-3))).toEqual(["2×10^−4", "5×10^−4", "10^−3", "2×10^−3"]);
    expect(labels(logTicks(40, 1100))).toEqual(["50", "100", "200", "500", "1000"]);
  });

  it("under a decade a log axis gets linear steps (a loss axis from 1.7 to 3.4)", () => {
    expect(labels(logTicks(1.7, 3.4))).toEqual(["1.8", "2", "2.2", "2.4", "2.6", "2.8", "3", "3.2", "3.4"]);
  });
});
