import { describe, expect, it } from "vitest";
import { mergeMessages, newestSeq, oldestSeq } from "../src/state/messageMerge.js";
import type { ChatMessage } from "../src/types.js";

function msg(seq: number, overrides: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: `id-${seq}`,
    roomId: 1,
    seq,
    sender: "alice",
    content: `message ${seq}`,
    type: "CHAT",
    timestamp: "2025-01-01T12:00:00.000Z",
    clientMsgId: `c-${seq}`,
    ...overrides,
  };
}
const seqs = (list: readonly ChatMessage[]) => list.map((m) => m.seq);

describe("mergeMessages", () => {
  it("appends live messages in order", () => {
    const merged = mergeMessages([msg(1), msg(3)], [msg(7), msg(5)]);
    expect(seqs(merged)).toEqual([1, 3, 5, 7]);
  });

  it("prepends an older history page", () => {
    const merged = mergeMessages([msg(10), msg(11)], [msg(2), msg(4), msg(9)]);
    expect(seqs(merged)).toEqual([2, 4, 9, 10, 11]);
  });

  it("drops duplicates of a replay that overlaps what is shown", () => {
    const shown = [msg(1), msg(2), msg(3)];
    const replay = [msg(2), msg(3), msg(4), msg(5)];
    expect(seqs(mergeMessages(shown, replay))).toEqual([1, 2, 3, 4, 5]);
  });

  it("interleaves messages that fill a gap", () => {
    const merged = mergeMessages([msg(1), msg(8)], [msg(5), msg(3), msg(9)]);
    expect(seqs(merged)).toEqual([1, 3, 5, 8, 9]);
  });

  it("ignores duplicates within one batch", () => {
    expect(seqs(mergeMessages([], [msg(4), msg(4), msg(2)]))).toEqual([2, 4]);
  });

  it("treats a known id under another seq as a duplicate", () => {
    const merged = mergeMessages([msg(1)], [msg(2, { id: "id-1" })]);
    expect(seqs(merged)).toEqual([1]);
  });

  it("keeps the existing array when nothing is new", () => {
    const shown = [msg(1), msg(2)];
    expect(mergeMessages(shown, [msg(2)])).toBe(shown);
    expect(mergeMessages(shown, [])).toBe(shown);
  });

  it("never mutates its inputs", () => {
    const shown = Object.freeze([msg(5)]);
    const incoming = Object.freeze([msg(9), msg(1)]);
    expect(seqs(mergeMessages(shown, incoming))).toEqual([1, 5, 9]);
    expect(seqs(incoming)).toEqual([9, 1]);
  });

  it("skips messages without a usable seq", () => {
    const merged = mergeMessages([], [msg(-1), msg(Number.NaN, { id: "x" }), msg(0)]);
    expect(seqs(merged)).toEqual([0]);
  });

  it("handles history + live + reconnect replay in any order without loss or doubles", () => {
    const history = [msg(10), msg(11), msg(12)];
    const live = [msg(13), msg(14)];
    const replay = [msg(14), msg(15), msg(16)];
    const older = [msg(7), msg(8), msg(9)];
    let list: readonly ChatMessage[] = [];
    for (const batch of [live, history, replay, older, live, replay]) {
      list = mergeMessages(list, batch);
    }
    expect(seqs(list)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
  });
});

describe("oldestSeq / newestSeq", () => {
  it("read the ends of the list", () => {
    expect(oldestSeq([msg(3), msg(8)])).toBe(3);
    expect(newestSeq([msg(3), msg(8)])).toBe(8);
    expect(oldestSeq([])).toBeUndefined();
    expect(newestSeq([])).toBeUndefined();
  });
});
