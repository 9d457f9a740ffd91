import { describe, expect, it } from "vitest";
import { TypingSignal } from "./typingSignal";

describe("TypingSignal", () => {
  it("announces typing once, then again only after the refresh interval", () => {
    const signal = new TypingSignal(2500);
    expect(signal.changed("h", 0)).toBe(true);
    expect(signal.announced).toBe(true);
    expect(signal.changed("he", 1000)).toBeNull();
    expect(signal.changed("hel", 2499)).toBeNull();
    expect(signal.changed("hell", 2500)).toBe(true);
    expect(signal.changed("hello", 4000)).toBeNull();
    expect(signal.changed("hello!", 5000)).toBe(true);
  });

  it("says false once when the input is cleared, and starts over after", () => {
    const signal = new TypingSignal(2500);
    signal.changed("hi", 0);
    expect(signal.changed("", 100)).toBe(false);
    expect(signal.changed("   ", 200)).toBeNull();
    expect(signal.announced).toBe(false);
    expect(signal.changed("again", 300)).toBe(true);
  });

  it("says false when stopped (sent, blurred) only if it had announced", () => {
    const signal = new TypingSignal();
    expect(signal.stopped()).toBeNull();
    signal.changed("x", 0);
    expect(signal.stopped()).toBe(false);
    expect(signal.stopped()).toBeNull();
  });

  it("forgets the announcement on reset without saying anything", () => {
    const signal = new TypingSignal(2500);
    signal.changed("x", 0);
    signal.reset();
    expect(signal.stopped()).toBeNull();
    expect(signal.changed("xy", 10)).toBe(true);
  });
});
