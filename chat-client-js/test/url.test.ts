import { describe, expect, it } from "vitest";
import { endpointsOf } from "../src/url.js";

describe("endpointsOf", () => {
  it("derives WebSocket, SockJS and REST addresses from an http URL", () => {
    expect(endpointsOf("http://localhost:8080/ws")).toEqual({
      webSocket: "ws://localhost:8080/ws",
      sockJs: "http://localhost:8080/ws",
      api: "http://localhost:8080",
    });
  });

  it("accepts a wss URL and keeps a context path for REST", () => {
    expect(endpointsOf("wss://chat.example.com/app/ws/")).toEqual({
      webSocket: "wss://chat.example.com/app/ws",
      sockJs: "https://chat.example.com/app/ws",
      api: "https://chat.example.com/app",
    });
  });

  it("takes an explicit REST base", () => {
    expect(endpointsOf("ws://a/ws", "https://api.example.com/").api).toBe("https://api.example.com");
  });

  it("refuses what is not an absolute http(s) or ws(s) URL, saying what to give", () => {
    expect(() => endpointsOf("/ws")).toThrow(/absolute http\(s\):\/\/ or ws\(s\):\/\//);
    expect(() => endpointsOf("ftp://host/ws")).toThrow(/http, https, ws or wss/);
  });
});
