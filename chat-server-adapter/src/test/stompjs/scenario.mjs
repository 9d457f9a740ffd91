// Chat scenario with @stomp/stompjs (an independent STOMP client) over the `ws` WebSocket library.
// Usage: node scenario.mjs ws://localhost:PORT/ws
// Prints one line "RESULT <json>" on stdout; exits 0 when the scenario ran, 1 on failure.
import { Client } from '@stomp/stompjs';
import WebSocket from 'ws';

const url = process.argv[2];
let receiptCounter = 0;

function connect(user) {
  return new Promise((resolve, reject) => {
    const client = new Client({
      webSocketFactory: () => new WebSocket(url, ['v12.stomp', 'v11.stomp', 'v10.stomp']),
      connectHeaders: { login: user },
      reconnectDelay: 0,
      heartbeatIncoming: 0,
      heartbeatOutgoing: 0,
    });
    client.onConnect = () => resolve(client);
    client.onStompError = (frame) => reject(new Error(`${user}: ERROR ${frame.headers.message}`));
    client.onWebSocketError = (event) => reject(new Error(`${user}: WebSocket error ${event.message ?? event}`));
    client.activate();
  });
}

function withReceipt(client, action) {
  const receipt = `r-${++receiptCounter}`;
  return new Promise((resolve) => {
    client.watchForReceipt(receipt, (frame) => resolve(frame));
    action(receipt);
  });
}

function publish(client, destination, body) {
  return withReceipt(client, (receipt) =>
    client.publish({ destination, body: JSON.stringify(body), headers: { receipt, 'content-type': 'application/json' } }));
}

function subscribe(client, destination, headers, inbox) {
  return withReceipt(client, (receipt) =>
    client.subscribe(destination, (message) => inbox.push(JSON.parse(message.body)), { ...headers, receipt }));
}

async function waitFor(inbox, count) {
  const deadline = Date.now() + 20000;
  while (inbox.length < count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} messages, got ${inbox.length}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function main() {
  const alice = await connect('alice');
  const created = await publish(alice, '/app/chat/rooms', { roomName: 'stompjs-room' });
  const roomId = created.headers['room-id'];
  const live = [];
  await subscribe(alice, `/topic/chat/${roomId}`, {}, live);

  const bob = await connect('bob');
  await publish(bob, `/app/chat/join/${roomId}`, {});
  const sent = await publish(bob, `/app/chat/send/${roomId}`, { content: 'hello from stompjs' });
  await publish(bob, `/app/chat/send/${roomId}`, { type: 'LEAVE' });
  await waitFor(live, 3);
  await alice.deactivate();

  await publish(bob, `/app/chat/join/${roomId}`, {});
  await publish(bob, `/app/chat/send/${roomId}`, { content: 'missed while away' });
  const lastSeen = live[live.length - 1].seq;

  const aliceAgain = await connect('alice');
  const recovered = [];
  await subscribe(aliceAgain, `/topic/chat/${roomId}`, { 'since-seq': String(lastSeen) }, recovered);
  await waitFor(recovered, 2);
  await aliceAgain.deactivate();
  await bob.deactivate();

  const chat = live.find((m) => m.type === 'CHAT');
  return {
    roomId: Number(roomId),
    live: live.map((m) => `${m.type}:${m.sender}`),
    chatContent: chat.content,
    receiptMatches: sent.headers['message-id'] === chat.id && sent.headers.seq === String(chat.seq),
    recovered: recovered.map((m) => `${m.type}:${m.sender}:${m.content}`),
  };
}

const timer = setTimeout(() => {
  console.log('RESULT ' + JSON.stringify({ error: 'timeout' }));
  process.exit(1);
}, 40000);

main().then(
  (result) => {
    clearTimeout(timer);
    console.log('RESULT ' + JSON.stringify(result));
    process.exit(0);
  },
  (error) => {
    clearTimeout(timer);
    console.log('RESULT ' + JSON.stringify({ error: String(error && error.message ? error.message : error) }));
    process.exit(1);
  });
