import { describe, expect, it } from "vitest";
import { describeServerError, errorClientMsgId, errorCode, problemMessage, revocationOf, withRetryHint } from "../src/errors.js";

describe("problemMessage", () => {
  it("prefers detail over title", () => {
    expect(problemMessage({ status: 404, title: "Not Found", detail: "Room 9 does not exist" }))
      .toBe("Room 9 does not exist");
    expect(problemMessage({ title: "Forbidden" })).toBe("Forbidden");
    expect(problemMessage(undefined)).toBeUndefined();
    expect(problemMessage({ detail: "  " })).toBeUndefined();
  });
});

describe("describeServerError", () => {
  it("reads problem JSON and other JSON shapes", () => {
    expect(describeServerError(undefined, '{"code":"not-participant","detail":"Join first"}'))
      .toBe("Join first");
    expect(describeServerError(undefined, '{"message":"Too fast"}')).toBe("Too fast");
  });

  it("combines the ERROR frame header with a plain body", () => {
    expect(describeServerError("Authentication failed", "login header missing"))
      .toBe("Authentication failed: login header missing");
    expect(describeServerError("Frame too large", "")).toBe("Frame too large");
    expect(describeServerError("Frame too large", "Frame too large")).toBe("Frame too large");
  });

  it("never returns an empty text", () => {
    expect(describeServerError(undefined, "")).toMatch(/error/);
  });

  it("extracts code and clientMsgId", () => {
    const body = '{"code":"rate-limited","clientMsgId":"c1","detail":"x"}';
    expect(errorCode(body)).toBe("rate-limited");
    expect(errorClientMsgId(body)).toBe("c1");
    expect(errorCode("not json")).toBeUndefined();
  });
});

describe("revocationOf", () => {
  it("reads subscription-revoked notices", () => {
    expect(
      revocationOf('{"code":"subscription-revoked","roomId":7,"subscription":"sub-3","message":"You left"}'),
    ).toEqual({ roomId: 7, subscription: "sub-3" });
    expect(revocationOf('{"code":"subscription-revoked","roomId":"7"}')).toEqual({ roomId: 7 });
  });

  it("ignores other errors and malformed notices", () => {
    expect(revocationOf('{"code":"forbidden","roomId":7}')).toBeUndefined();
    expect(revocationOf('{"code":"subscription-revoked"}')).toBeUndefined();
    expect(revocationOf("subscription-revoked")).toBeUndefined();
  });
});

describe("withRetryHint", () => {
  it("adds the wait of a Retry-After in seconds", () => {
    expect(withRetryHint("Too many requests", "3")).toBe("Too many requests. Try again in 3 s.");
    expect(withRetryHint("Slow down.", "0")).toBe("Slow down. Try again in 1 s.");
  });

  it("leaves the text alone without a usable header", () => {
    expect(withRetryHint("Too many requests", null)).toBe("Too many requests");
    expect(withRetryHint("Too many requests", "Wed, 21 Oct 2026 07:28:00 GMT")).toBe("Too many requests");
  });
});
