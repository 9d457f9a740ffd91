package io.chatstack.server;

import static io.chatstack.server.TestFrame.frame;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Malformed or hostile client input. {@code %ROOM%} is replaced by the id of a room the attacker
 * ("mallory") participates in. Each case either arrives before CONNECT or after a valid CONNECT.
 */
record BadInput(
    String name, boolean afterConnect, byte[] payload, boolean binary, String expectedCode) {

  @Override
  public String toString() {
    return name;
  }

  static List<BadInput> all() {
    List<BadInput> cases = new ArrayList<>();
    String send = "/app/chat/send/%ROOM%";
    String topic = "/topic/chat/%ROOM%";
    // Before CONNECT
    before(
        cases,
        "SEND before CONNECT",
        frame("SEND", "{\"content\":\"x\"}", "destination", send),
        "not-connected");
    before(
        cases,
        "SUBSCRIBE before CONNECT",
        frame("SUBSCRIBE", "", "id", "1", "destination", topic),
        "not-connected");
    before(
        cases,
        "DISCONNECT before CONNECT",
        frame("DISCONNECT", "", "receipt", "r"),
        "not-connected");
    before(
        cases,
        "CONNECT without accept-version (STOMP 1.0)",
        frame("CONNECT", "", "login", "mallory"),
        "unsupported-version");
    before(
        cases,
        "CONNECT with only 1.0",
        frame("CONNECT", "", "accept-version", "1.0", "login", "mallory"),
        "unsupported-version");
    before(
        cases,
        "CONNECT without login",
        frame("CONNECT", "", "accept-version", "1.2"),
        "unauthenticated");
    before(
        cases,
        "CONNECT with invalid user name",
        frame("CONNECT", "", "accept-version", "1.2", "login", "a b<script>"),
        "unauthenticated");
    before(
        cases,
        "CONNECT as a look-alike of a user (Cyrillic \u0430)",
        frame("CONNECT", "", "accept-version", "1.2", "login", "\u0430lice"),
        "unauthenticated");
    before(
        cases,
        "CONNECT with 200-char user name",
        frame("CONNECT", "", "accept-version", "1.2", "login", "m".repeat(200)),
        "unauthenticated");
    before(
        cases,
        "CONNECT with login twice (which user?)",
        frame("CONNECT", "", "accept-version", "1.2", "login", "mallory", "login", "alice"),
        "duplicate-header");
    before(
        cases,
        "CONNECT with Authorization and authorization",
        frame(
            "CONNECT",
            "",
            "accept-version",
            "1.2",
            "login",
            "mallory",
            "Authorization",
            "Bearer a",
            "authorization",
            "Bearer b"),
        "duplicate-header");
    before(
        cases,
        "CONNECT with malformed heart-beat",
        frame("CONNECT", "", "accept-version", "1.2", "login", "mallory", "heart-beat", "abc"),
        "bad-heart-beat");
    before(
        cases,
        "CONNECT with negative heart-beat",
        frame("CONNECT", "", "accept-version", "1.2", "login", "mallory", "heart-beat", "-1,0"),
        "bad-heart-beat");
    before(
        cases,
        "CONNECT with huge heart-beat",
        frame(
            "CONNECT",
            "",
            "accept-version",
            "1.2",
            "login",
            "mallory",
            "heart-beat",
            "99999999999,0"),
        "bad-heart-beat");
    before(cases, "unknown command", frame("HELLO", ""), "unknown-command");
    before(
        cases,
        "lower-case command",
        frame("connect", "", "accept-version", "1.2", "login", "mallory"),
        "unknown-command");
    before(
        cases,
        "server command MESSAGE from client",
        frame("MESSAGE", "{}", "destination", topic, "subscription", "1", "message-id", "x"),
        "unknown-command");
    before(
        cases,
        "server command CONNECTED from client",
        frame("CONNECTED", "", "version", "1.2"),
        "unknown-command");
    before(cases, "40 headers on CONNECT", connectWithHeaders(40), "too-many-headers");
    before(
        cases,
        "header longer than 1024",
        frame("CONNECT", "", "accept-version", "1.2", "login", "mallory", "x", "y".repeat(2000)),
        "header-too-long");
    cases.add(
        new BadInput(
            "invalid UTF-8 (binary) before CONNECT",
            false,
            concat(
                utf8("CONNECT\naccept-version:1.2\nlogin:mal"),
                new byte[] {(byte) 0xC3, 0x28},
                utf8("\n\n\0")),
            true,
            "invalid-utf8"));
    // After CONNECT
    after(cases, "second CONNECT", TestFrame.connect("mallory"), "already-connected");
    after(
        cases,
        "STOMP command after CONNECT",
        frame("STOMP", "", "accept-version", "1.2", "login", "mallory"),
        "already-connected");
    after(cases, "ACK", frame("ACK", "", "id", "1"), "unsupported-ack");
    after(cases, "NACK", frame("NACK", "", "id", "1"), "unsupported-ack");
    after(cases, "BEGIN", frame("BEGIN", "", "transaction", "t1"), "unsupported-transaction");
    after(cases, "COMMIT", frame("COMMIT", "", "transaction", "t1"), "unsupported-transaction");
    after(cases, "ABORT", frame("ABORT", "", "transaction", "t1"), "unsupported-transaction");
    after(
        cases,
        "SEND inside a transaction",
        frame("SEND", "{\"content\":\"x\"}", "destination", send, "transaction", "t1"),
        "unsupported-transaction");
    after(cases, "10k headers", sendWithHeaders(10_000), "too-many-headers");
    after(
        cases,
        "invalid escape \\x in header",
        "SUBSCRIBE\nid:1\ndestination:/topic/chat/%ROOM%\nx:bad\\xescape\n\n\0",
        "malformed-frame");
    after(
        cases,
        "trailing backslash in header",
        "SUBSCRIBE\nid:1\ndestination:/topic/chat/%ROOM%\nx:bad\\\n\n\0",
        "malformed-frame");
    after(
        cases,
        "header line without colon",
        "SEND\ndestination:" + send + "\ngarbage\n\n{\"content\":\"x\"}\0",
        "malformed-frame");
    after(
        cases,
        "negative content-length",
        frame("SEND", "{\"content\":\"x\"}", "destination", send, "content-length", "-5"),
        "bad-content-length");
    after(
        cases,
        "huge content-length",
        frame("SEND", "{\"content\":\"x\"}", "destination", send, "content-length", "99999999999"),
        "bad-content-length");
    after(
        cases,
        "content-length over the limit",
        frame("SEND", "{\"content\":\"x\"}", "destination", send, "content-length", "1000000"),
        "body-too-large");
    after(
        cases,
        "content-length shorter than body",
        frame("SEND", "{\"content\":\"x\"}", "destination", send, "content-length", "1"),
        "malformed-frame");
    after(
        cases,
        "non-numeric content-length",
        frame("SEND", "{\"content\":\"x\"}", "destination", send, "content-length", "ten"),
        "bad-content-length");
    after(
        cases,
        "body over 16 KiB",
        frame("SEND", "{\"content\":\"" + "x".repeat(20_000) + "\"}", "destination", send),
        "body-too-large");
    after(
        cases,
        "frame over 64 KiB",
        frame("SEND", "{\"content\":\"" + "x".repeat(100_000) + "\"}", "destination", send),
        "frame-too-large");
    cases.add(
        new BadInput(
            "invalid UTF-8 (binary) in SEND body",
            true,
            concat(
                utf8("SEND\ndestination:" + send + "\n\n{\"content\":\""),
                new byte[] {(byte) 0xFF, (byte) 0xFE},
                utf8("\"}\0")),
            true,
            "invalid-utf8"));
    after(
        cases,
        "SUBSCRIBE with selector",
        frame("SUBSCRIBE", "", "id", "1", "destination", topic, "selector", "sender = 'alice'"),
        "unsupported-selector");
    after(
        cases,
        "SUBSCRIBE with ack:client",
        frame("SUBSCRIBE", "", "id", "1", "destination", topic, "ack", "client"),
        "unsupported-ack");
    after(
        cases,
        "SUBSCRIBE without id",
        frame("SUBSCRIBE", "", "destination", topic),
        "missing-header");
    after(
        cases,
        "SUBSCRIBE traversal to rooms",
        frame("SUBSCRIBE", "", "id", "1", "destination", "/topic/chat/../rooms"),
        "unknown-destination");
    after(
        cases,
        "SUBSCRIBE traversal with room",
        frame("SUBSCRIBE", "", "id", "1", "destination", "/topic/chat/%ROOM%/../../x"),
        "unknown-destination");
    after(
        cases,
        "SUBSCRIBE other user's queue",
        frame("SUBSCRIBE", "", "id", "1", "destination", "/user/alice/queue/errors"),
        "unknown-destination");
    after(
        cases,
        "SUBSCRIBE bad since-seq",
        frame("SUBSCRIBE", "", "id", "1", "destination", topic, "since-seq", "abc"),
        "bad-since-seq");
    after(
        cases,
        "SUBSCRIBE negative since-seq",
        frame("SUBSCRIBE", "", "id", "1", "destination", topic, "since-seq", "-7"),
        "bad-since-seq");
    after(
        cases,
        "since-seq on room list",
        frame("SUBSCRIBE", "", "id", "1", "destination", "/topic/rooms", "since-seq", "0"),
        "bad-since-seq");
    after(
        cases,
        "duplicate subscription id",
        frame("SUBSCRIBE", "", "id", "d", "destination", "/topic/rooms")
            + frame("SUBSCRIBE", "", "id", "d", "destination", "/topic/rooms"),
        "duplicate-subscription");
    after(cases, "65 subscriptions", manySubscriptions(65), "too-many-subscriptions");
    after(
        cases,
        "UNSUBSCRIBE unknown id",
        frame("UNSUBSCRIBE", "", "id", "nope"),
        "unknown-subscription");
    after(
        cases,
        "SEND traversal",
        frame("SEND", "{\"roomName\":\"x\"}", "destination", "/app/chat/send/../rooms"),
        "unknown-destination");
    after(
        cases,
        "SEND percent-encoded room",
        frame("SEND", "{\"content\":\"x\"}", "destination", "/app/chat/send/%31"),
        "unknown-destination");
    after(
        cases,
        "SEND to a topic",
        frame("SEND", "{\"content\":\"x\"}", "destination", topic),
        "unknown-destination");
    after(
        cases, "SEND without destination", frame("SEND", "{\"content\":\"x\"}"), "missing-header");
    after(
        cases,
        "JSON bomb (deep nesting)",
        frame(
            "SEND",
            "{\"content\":\"x\",\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
            "destination",
            send),
        "invalid-json");
    after(
        cases,
        "JSON huge number",
        frame("SEND", "{\"content\":\"x\",\"n\":1" + "0".repeat(5000) + "}", "destination", send),
        "invalid-json");
    after(cases, "JSON array body", frame("SEND", "[\"x\"]", "destination", send), "invalid-json");
    after(cases, "invalid JSON", frame("SEND", "{content: x", "destination", send), "invalid-json");
    after(
        cases,
        "content not a string",
        frame("SEND", "{\"content\":{\"$gt\":\"\"}}", "destination", send),
        "invalid-json");
    after(
        cases,
        "JSON key twice (which content is stored?)",
        frame("SEND", "{\"content\":\"x\",\"content\":\"y\"}", "destination", send),
        "invalid-json");
    after(
        cases,
        "bytes after the JSON object",
        frame("SEND", "{\"content\":\"x\"}{\"content\":\"y\"}", "destination", send),
        "invalid-json");
    after(
        cases,
        "unknown message type",
        frame("SEND", "{\"content\":\"x\",\"type\":\"SHOUT\"}", "destination", send),
        "invalid-json");
    after(
        cases,
        "spoofed sender",
        frame("SEND", "{\"content\":\"x\",\"sender\":\"alice\"}", "destination", send),
        "sender-mismatch");
    after(
        cases,
        "spoofed sender on JOIN",
        frame("SEND", "{\"type\":\"JOIN\",\"sender\":\"alice\"}", "destination", send),
        "sender-mismatch");
    after(
        cases,
        "roomId differs from destination",
        frame("SEND", "{\"content\":\"x\",\"roomId\":424242}", "destination", send),
        "room-mismatch");
    after(
        cases,
        "create room with spoofed creator",
        frame(
            "SEND",
            "{\"roomName\":\"evil\",\"creator\":\"alice\"}",
            "destination",
            "/app/chat/rooms"),
        "sender-mismatch");
    after(
        cases,
        "create room without name",
        frame("SEND", "{\"name\":\"evil\"}", "destination", "/app/chat/rooms"),
        "invalid-json");
    after(
        cases,
        "SEND to a room that does not exist",
        frame("SEND", "{\"content\":\"x\"}", "destination", "/app/chat/send/987654321"),
        "room-not-found");
    after(
        cases,
        "content longer than allowed",
        frame("SEND", "{\"content\":\"" + "x".repeat(5000) + "\"}", "destination", send),
        "invalid-content");
    return cases;
  }

  private static void before(List<BadInput> cases, String name, String text, String code) {
    cases.add(new BadInput(name, false, utf8(text), false, code));
  }

  private static void after(List<BadInput> cases, String name, String text, String code) {
    cases.add(new BadInput(name, true, utf8(text), false, code));
  }

  private static String connectWithHeaders(int n) {
    StringBuilder sb = new StringBuilder("CONNECT\naccept-version:1.2\nlogin:mallory\n");
    for (int i = 0; i < n; i++) {
      sb.append("h").append(i).append(":v\n");
    }
    return sb.append("\n\0").toString();
  }

  private static String sendWithHeaders(int n) {
    StringBuilder sb = new StringBuilder("SEND\ndestination:/app/chat/send/%ROOM%\n");
    for (int i = 0; i < n; i++) {
      sb.append("h:v\n");
    }
    return sb.append("\n{\"content\":\"x\"}\0").toString();
  }

  private static String manySubscriptions(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(frame("SUBSCRIBE", "", "id", "s" + i, "destination", "/topic/rooms"));
    }
    return sb.toString();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] p : parts) {
      length += p.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }
}
