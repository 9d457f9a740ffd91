package io.chatstack.examples.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.chatstack.json.ChatJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local webhook receiver on the JDK's HTTP server: checks the signature, answers with the
 * scripted status codes (then 200) and keeps every request. Drops duplicates by message id, as a
 * real receiver would.
 */
final class WebhookReceiver implements AutoCloseable {
  /** One POST: its message ids in body order, whether the signature matched, the answer given. */
  record Delivery(List<String> ids, List<JsonNode> messages, boolean signed, int status) {}

  private final HttpServer server;
  private final byte[] secret;
  private final Queue<Integer> script = new ConcurrentLinkedQueue<>();
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final Set<String> accepted = new LinkedHashSet<>();

  WebhookReceiver(String secret) throws IOException {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", this::handle);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  /** The next requests are answered with these codes, in order; then 200 again. */
  void answerNext(int... statuses) {
    for (int s : statuses) {
      script.add(s);
    }
  }

  List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  /** Ids of messages accepted (answered 2xx), first delivery of each id only. */
  synchronized List<String> accepted() {
    return new ArrayList<>(accepted);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    String signature = exchange.getRequestHeaders().getFirst(WebhookSender.SIGNATURE_HEADER);
    boolean signed = ("sha256=" + WebhookSender.sign(secret, body)).equals(signature);
    Integer scripted = script.poll();
    int status = !signed ? 401 : scripted == null ? 200 : scripted;
    JsonNode messages = ChatJson.mapper().readTree(body).path("messages");
    List<String> ids = new ArrayList<>();
    List<JsonNode> list = new ArrayList<>();
    messages.forEach(
        m -> {
          ids.add(m.path("id").asText());
          list.add(m);
        });
    deliveries.add(new Delivery(ids, list, signed, status));
    if (status / 100 == 2) {
      synchronized (this) {
        accepted.addAll(ids); // a set: a re-delivered id is dropped
      }
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
