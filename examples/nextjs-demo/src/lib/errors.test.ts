import { describe, expect, it } from "vitest";
import { describeServerError, errorClientMsgId, errorCode, problemMessage } from "./errors";

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
