// A small stand-in for the chatstack demo server, for developing and self-testing the UI
// without Java. It is NOT the real server: it implements just enough of DESIGN.md §5/§6 (REST,
// STOMP 1.2 over SockJS at /ws with since-seq replay, receipts, clientMsgId de-duplication,
// room events, per-user errors) and serves the static export from out/. State is kept in a JSON
// file so a restart keeps rooms and messages, like a server with a durable store.
//
//   PORT=8080 STUB_DATA_FILE=/tmp/stub.json node e2e/stub-server.mjs
import { createServer } from "node:http";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import sockjs from "sockjs";

const PORT = Number(process.env.PORT || 8080);
const OUT = fileURLToPath(new URL("../out", import.meta.url));
const DATA = process.env.STUB_DATA_FILE || fileURLToPath(new URL("../e2e-artifacts/stub-data.json", import.meta.url));

const db = existsSync(DATA) ? JSON.parse(readFileSync(DATA, "utf8")) : { nextRoomId: 1, rooms: [], messages: {} };
const save = () => writeFileSync(DATA, JSON.stringify(db));

// ---- domain ---------------------------------------------------------------------------------
class Problem extends Error {
  constructor(status, code, detail) {
    super(detail);
    Object.assign(this, { status, code });
  }
}
const findRoom = (id) => db.rooms.find((r) => r.id === id) ?? fail(404, "room-not-found", `Room ${id} does not exist`);
function fail(status, code, detail) {
  throw new Problem(status, code, detail);
}
function checkName(value, what, max) {
  if (typeof value !== "string" || !value.trim()) fail(400, `invalid-${what}`, `${what} must not be blank`);
  if (value.length > max) fail(400, `invalid-${what}`, `${what} is longer than ${max} characters`);
}
function append(roomId, sender, content, type, clientMsgId) {
  const list = (db.messages[roomId] ??= []);
  const seq = list.length === 0 ? 0 : list[list.length - 1].seq + 1;
  const id = randomUUID();
  const message = { id, roomId, seq, sender, content, type, timestamp: new Date().toISOString(), clientMsgId: clientMsgId || id };
  list.push(message);
  save();
  broadcast(`/topic/chat/${roomId}`, message);
  return message;
}
function setParticipant(room, user, present) {
  const has = room.participants.includes(user);
  if (has === present) return room;
  room.participants = present ? [...room.participants, user].sort() : room.participants.filter((p) => p !== user);
  append(room.id, user, `${user} ${present ? "joined" : "left"} the room`, present ? "JOIN" : "LEAVE");
  broadcast("/topic/rooms", { kind: "UPDATED", room });
  return room;
}

// ---- REST -----------------------------------------------------------------------------------
async function rest(req, url) {
  const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent); // api, rooms|messages, ...
  const body = req.method === "POST" ? JSON.parse((await readBody(req)) || "{}") : {};
  if (parts[1] === "rooms") {
    if (req.method === "GET" && parts.length === 2) return [200, db.rooms];
    if (req.method === "POST" && parts.length === 2) {
      checkName(body.roomName, "room name", 100);
      checkName(body.creator, "username", 64);
      const room = { id: db.nextRoomId++, name: body.roomName.trim(), createdBy: body.creator, createdAt: new Date().toISOString(), participants: [body.creator] };
      db.rooms.push(room);
      append(room.id, body.creator, `${body.creator} joined the room`, "JOIN");
      broadcast("/topic/rooms", { kind: "CREATED", room });
      return [201, room];
    }
    if (req.method === "GET" && parts[2] === "user") return [200, db.rooms.filter((r) => r.participants.includes(parts[3]))];
    const room = findRoom(Number(parts[2]));
    if (req.method === "GET" && parts.length === 3) return [200, room];
    if (req.method === "POST" && parts[3] === "participants") {
      checkName(body.username, "username", 64);
      return [200, setParticipant(room, body.username, true)];
    }
    if (req.method === "DELETE" && parts[3] === "participants") return [200, setParticipant(room, parts[4], false)];
  }
  if (parts[1] === "messages" && req.method === "GET") {
    const room = findRoom(Number(parts[2]));
    const limit = Math.min(Number(url.searchParams.get("limit") || 50), 200);
    const before = url.searchParams.get("beforeSeq");
    let list = db.messages[room.id] ?? [];
    if (parts[3] !== "recent" && before !== null) list = list.filter((m) => m.seq < Number(before));
    const page = list.slice(Math.max(0, list.length - limit));
    return [200, page, { "X-Chat-Has-More": String(list.length > page.length) }];
  }
  fail(404, "not-found", `No endpoint ${req.method} ${url.pathname}`);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".txt": "text/plain", ".json": "application/json", ".svg": "image/svg+xml", ".ico": "image/x-icon", ".woff2": "font/woff2", ".png": "image/png" };
function serveStatic(res, pathname) {
  let file = normalize(join(OUT, pathname === "/" ? "index.html" : pathname));
  if (!file.startsWith(OUT)) file = join(OUT, "404.html");
  if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
  const found = existsSync(file) && !file.endsWith("/");
  const target = found ? file : join(OUT, "404.html");
  if (!existsSync(target)) {
    res.writeHead(404).end("not found (run npm run build first)");
    return;
  }
  res.writeHead(found ? 200 : 404, { "Content-Type": TYPES[extname(target)] ?? "application/octet-stream" });
  res.end(readFileSync(target));
}

const http = createServer(async (req, res) => {
  const url = new URL(req.url, `http://localhost:${PORT}`);
  if (url.pathname.startsWith("/ws")) return; // SockJS handles it
  res.setHeader("Access-Control-Allow-Origin", "*");
  res.setHeader("Access-Control-Expose-Headers", "X-Chat-Has-More");
  res.setHeader("Access-Control-Allow-Headers", "Content-Type");
  res.setHeader("Access-Control-Allow-Methods", "GET,POST,DELETE");
  if (req.method === "OPTIONS") return res.writeHead(204).end();
  if (!url.pathname.startsWith("/api/")) return serveStatic(res, url.pathname);
  try {
    const [status, json, headers = {}] = await rest(req, url);
    res.writeHead(status, { "Content-Type": "application/json", ...headers }).end(JSON.stringify(json));
  } catch (e) {
    const status = e instanceof Problem ? e.status : 400;
    const problem = { status, title: status === 404 ? "Not Found" : "Bad Request", detail: e.message, code: e.code ?? "invalid-json" };
    res.writeHead(status, { "Content-Type": "application/problem+json" }).end(JSON.stringify(problem));
  }
});

// ---- STOMP over SockJS ------------------------------------------------------------------------
const sessions = new Set();
const frame = (command, headers, body = "") =>
  `${command}\n${Object.entries(headers).map(([k, v]) => `${k}:${v}`).join("\n")}\n\n${body}\0`;

function broadcast(destination, payload) {
  const body = JSON.stringify(payload);
  for (const s of sessions) {
    for (const [id, sub] of s.subs) {
      if (sub.destination !== destination) continue;
      const extra = payload.seq !== undefined ? { "message-id": payload.id, seq: payload.seq } : { "message-id": randomUUID() };
      s.conn.write(frame("MESSAGE", { subscription: id, destination, "content-type": "application/json", ...extra }, body));
    }
  }
}

const ws = sockjs.createServer({ prefix: "/ws", log: () => undefined });
ws.on("connection", (conn) => {
  const session = { conn, user: null, subs: new Map() };
  let buffer = "";
  conn.on("data", (data) => {
    buffer += data;
    let end;
    while ((end = buffer.indexOf("\0")) >= 0) {
      const raw = buffer.slice(0, end).replace(/^[\r\n]+/, "");
      buffer = buffer.slice(end + 1);
      if (raw) handle(session, raw);
    }
  });
  conn.on("close", () => sessions.delete(session));
});

function handle(session, raw) {
  const split = raw.indexOf("\n\n");
  const head = (split >= 0 ? raw.slice(0, split) : raw).split("\n");
  const body = split >= 0 ? raw.slice(split + 2) : "";
  const command = head[0].trim();
  const h = Object.fromEntries(head.slice(1).map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 1)]));
  const error = (message, detail) => {
    session.conn.write(frame("ERROR", { message }, detail));
    session.conn.close();
  };
  if (command === "CONNECT" || command === "STOMP") {
    if (!h.login) return error("Authentication failed", "CONNECT needs a login header");
    session.user = h.login;
    sessions.add(session);
    return session.conn.write(frame("CONNECTED", { version: "1.2", "heart-beat": "0,0", "user-name": h.login }));
  }
  if (!session.user) return error("Not connected", "Send CONNECT first");
  const receipt = (extra = {}) => h.receipt && session.conn.write(frame("RECEIPT", { "receipt-id": h.receipt, ...extra }));
  if (command === "SUBSCRIBE") {
    const destination = h.destination === "/user/queue/errors" ? `/user/${session.user}/errors` : h.destination;
    session.subs.set(h.id, { destination });
    const m = /^\/topic\/chat\/(\d+)$/.exec(destination);
    if (m && h["since-seq"] !== undefined) {
      for (const msg of db.messages[m[1]] ?? []) {
        if (msg.seq > Number(h["since-seq"])) {
          session.conn.write(frame("MESSAGE", { subscription: h.id, destination, "message-id": msg.id, seq: msg.seq }, JSON.stringify(msg)));
        }
      }
    }
    return receipt();
  }
  if (command === "UNSUBSCRIBE") {
    session.subs.delete(h.id);
    return receipt();
  }
  if (command === "DISCONNECT") {
    receipt();
    return session.conn.close();
  }
  if (command === "SEND") {
    const m = /^\/app\/chat\/send\/(\d+)$/.exec(h.destination ?? "");
    const userError = (code, detail, clientMsgId) => broadcast(`/user/${session.user}/errors`, { code, detail, clientMsgId });
    let payload;
    try {
      payload = JSON.parse(body);
    } catch {
      return userError("invalid-json", "The message body is not JSON");
    }
    const room = m && db.rooms.find((r) => r.id === Number(m[1]));
    if (!room) return userError("room-not-found", `No room at ${h.destination}`, payload.clientMsgId);
    if (!room.participants.includes(session.user)) {
      return userError("not-participant", `${session.user} is not a participant of room ${room.id}`, payload.clientMsgId);
    }
    if (typeof payload.content !== "string" || !payload.content.trim()) {
      return userError("invalid-content", "Message content must not be blank", payload.clientMsgId);
    }
    const existing = (db.messages[room.id] ?? []).find((x) => payload.clientMsgId && x.clientMsgId === payload.clientMsgId);
    const stored = existing ?? append(room.id, session.user, payload.content, "CHAT", payload.clientMsgId);
    return receipt({ "message-id": stored.id, seq: stored.seq });
  }
  error("Unknown command", command);
}

ws.installHandlers(http);
http.listen(PORT, () => console.log(`stub chat server on http://localhost:${PORT} (data: ${DATA})`));
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => process.exit(0));
