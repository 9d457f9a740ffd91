import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type OpenRoomReading, ReadMarker, readTarget } from "./readMarker";

describe("ReadMarker", () => {
  let room: OpenRoomReading | null;
  let sent: [number, number][];
  let connected: boolean;
  let marker: ReadMarker;

  beforeEach(() => {
    vi.useFakeTimers();
    room = { roomId: 1, newestSeq: 10, entry: { lastReadSeq: 4, unreadCount: 3 } };
    sent = [];
    connected = true;
    marker = new ReadMarker(
      () => room,
      (roomId, seq) => {
        if (connected) sent.push([roomId, seq]);
        return connected;
      },
      400,
    );
  });

  afterEach(() => {
    marker.stop();
    vi.useRealTimers();
  });

  it("marks the newest message read after the debounce, once", () => {
    marker.check();
    marker.check();
    vi.advanceTimersByTime(399);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([[1, 10]]);
    marker.check();
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([[1, 10]]);
  });

  it("coalesces a burst into the newest seq", () => {
    marker.check();
    room = { ...room!, newestSeq: 11 };
    marker.check();
    room = { ...room!, newestSeq: 12 };
    vi.advanceTimersByTime(400);
    expect(sent).toEqual([[1, 12]]);
  });

  it("waits while scrolled up or hidden", () => {
    marker.setAtBottom(false);
    vi.advanceTimersByTime(1000);
    marker.setVisible(false);
    marker.setAtBottom(true);
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([]);
    marker.setVisible(true);
    vi.advanceTimersByTime(400);
    expect(sent).toEqual([[1, 10]]);
  });

  it("does nothing without an open room or when everything is read", () => {
    room = null;
    marker.check();
    room = { roomId: 1, newestSeq: 10, entry: { lastReadSeq: 10, unreadCount: 0 } };
    marker.check();
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([]);
  });

  it("sends newer messages after the server confirmed the earlier mark", () => {
    marker.check();
    vi.advanceTimersByTime(400);
    room = { roomId: 1, newestSeq: 15, entry: { lastReadSeq: 10, unreadCount: 1 } };
    marker.confirmed({ roomId: 1, lastReadSeq: 10, unreadCount: 1 });
    vi.advanceTimersByTime(400);
    expect(sent).toEqual([
      [1, 10],
      [1, 15],
    ]);
  });

  it("tries again after a reset when a mark could not be sent or got lost", () => {
    connected = false;
    marker.check();
    vi.advanceTimersByTime(400);
    expect(sent).toEqual([]);
    connected = true;
    marker.check();
    vi.advanceTimersByTime(400);
    expect(sent).toEqual([[1, 10]]);
    marker.check();
    vi.advanceTimersByTime(400);
    expect(sent).toEqual([[1, 10]]);
    marker.reset(); // reconnected: the mark may not have arrived
    vi.advanceTimersByTime(400);
    expect(sent).toEqual([
      [1, 10],
      [1, 10],
    ]);
  });

  it("stop cancels a pending mark", () => {
    marker.check();
    marker.stop();
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([]);
  });
});

describe("readTarget", () => {
  const reading = { newestSeq: 12, entry: { lastReadSeq: 7, unreadCount: 2 }, lastSent: undefined, atBottom: true, visible: true };

  it("marks the newest shown seq when it is in view and newer than what was read", () => {
    expect(readTarget(reading)).toBe(12);
    expect(readTarget({ ...reading, entry: undefined })).toBe(12);
  });

  it("marks nothing while scrolled up, hidden, or with nothing shown", () => {
    expect(readTarget({ ...reading, atBottom: false })).toBeNull();
    expect(readTarget({ ...reading, visible: false })).toBeNull();
    expect(readTarget({ ...reading, newestSeq: undefined })).toBeNull();
  });

  it("marks nothing already read or already sent", () => {
    expect(readTarget({ ...reading, entry: { lastReadSeq: 12, unreadCount: 0 } })).toBeNull();
    expect(readTarget({ ...reading, entry: { lastReadSeq: 12, unreadCount: 1 } })).toBeNull();
    expect(readTarget({ ...reading, lastSent: 12 })).toBeNull();
    expect(readTarget({ ...reading, lastSent: 11 })).toBe(12);
    expect(readTarget({ ...reading, entry: { lastReadSeq: 11, unreadCount: 0 } })).toBe(12);
  });
});
