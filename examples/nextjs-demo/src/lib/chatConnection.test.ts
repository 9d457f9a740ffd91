import { describe, expect, it } from "vitest";
import { endsSignalSubscription, endsSubscription } from "./chatConnection";

describe("endsSubscription", () => {
  it("matches the held room subscription by room and, when named, by id", () => {
    expect(endsSubscription({ roomId: 4, subscription: "sub-2" }, 4, "sub-2")).toBe(true);
    expect(endsSubscription({ roomId: 4 }, 4, "sub-2")).toBe(true);
  });

  it("ignores other rooms and earlier subscriptions of the same room", () => {
    expect(endsSubscription({ roomId: 5, subscription: "sub-2" }, 4, "sub-2")).toBe(false);
    expect(endsSubscription({ roomId: 4, subscription: "sub-1" }, 4, "sub-2")).toBe(false);
  });
});

describe("endsSignalSubscription", () => {
  it("matches a signal subscription only by room and id", () => {
    expect(endsSignalSubscription({ roomId: 4, subscription: "sub-3" }, 4, "sub-3")).toBe(true);
    expect(endsSignalSubscription({ roomId: 4 }, 4, "sub-3")).toBe(false);
    expect(endsSignalSubscription({ roomId: 4, subscription: "sub-2" }, 4, "sub-3")).toBe(false);
    expect(endsSignalSubscription({ roomId: 5, subscription: "sub-3" }, 4, "sub-3")).toBe(false);
  });
});
