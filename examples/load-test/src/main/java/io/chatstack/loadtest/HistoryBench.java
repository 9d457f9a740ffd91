package io.chatstack.loadtest;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.MessageType;
import io.chatstack.kafka.internal.RecordCodec;
import io.chatstack.mongo.MongoMessageStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * History page latency: seeds one room with many messages through the Kafka log (the server's
 * persister stores them in MongoDB), then times {@code GET
 * /api/messages/{roomId}?beforeSeq=..&limit=50} one request at a time (closed loop: this is a
 * latency probe, not a load). Not thread-safe.
 */
final class HistoryBench {
  private HistoryBench() {}

  /** The seqs the seeded messages got: the first and the last. */
  record Seeded(long firstSeq, long lastSeq, double seconds) {}

  /**
   * Appends {@code count} messages of {@code roomId} to the messages topic, as the server's own
   * sends would (key, value, clientMsgId header), and waits until the server's persister has stored
   * the last of them in MongoDB: history seqs are log offsets, as in production, so the server's
   * tail of the room and the store agree on what exists.
   */
  static Seeded seed(
      String kafka, String topic, String mongoUri, String database, long roomId, int count)
      throws Exception {
    long t0 = System.nanoTime();
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
    props.put(ProducerConfig.ACKS_CONFIG, "1");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    AtomicLong first = new AtomicLong(Long.MAX_VALUE);
    AtomicLong last = new AtomicLong(Long.MIN_VALUE);
    AtomicReference<Exception> failure = new AtomicReference<>();
    Instant now = Instant.now();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 1; i <= count; i++) {
        String id = UUID.randomUUID().toString();
        ChatMessage m =
            new ChatMessage(
                id,
                roomId,
                ChatMessage.UNASSIGNED_SEQ,
                "seeder",
                "history message " + i,
                MessageType.CHAT,
                now,
                id);
        ProducerRecord<byte[], byte[]> record =
            new ProducerRecord<>(
                topic,
                null,
                RecordCodec.key(roomId),
                RecordCodec.value(m),
                List.of(
                    new RecordHeader(
                        RecordCodec.CLIENT_MSG_ID_HEADER, id.getBytes(StandardCharsets.UTF_8))));
        producer.send(
            record,
            (meta, error) -> {
              if (error != null) {
                failure.set(error);
              } else {
                first.accumulateAndGet(meta.offset(), Math::min);
                last.accumulateAndGet(meta.offset(), Math::max);
              }
            });
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    try (MongoClient client = MongoClients.create(mongoUri)) {
      MongoMessageStore store = new MongoMessageStore(client.getDatabase(database));
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      while (true) {
        List<ChatMessage> newest = store.page(roomId, HistoryQuery.latest(1)).messages();
        if (!newest.isEmpty() && newest.get(0).seq() >= last.get()) {
          break;
        }
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException("the persister did not store the seeded messages");
        }
        Thread.sleep(1000); // polling an external process's progress, not test synchronisation
      }
    }
    return new Seeded(first.get(), last.get(), (System.nanoTime() - t0) / 1e9);
  }

  /**
   * Times up to {@code requests} page requests with random {@code beforeSeq} (or, when {@code
   * latest}, without one: the newest page, what opening a room asks), stopping after {@code
   * budget}; returns the histogram in microseconds. Requests sent before {@code warmup} has passed
   * are not recorded (the first five never are): they let the JIT compile the request path, as the
   * servers get a warm-up before every other scenario. The first request of a latest run is timed
   * apart ({@link #first}): it is the one that may load the server's tail of the room.
   */
  static Histogram measure(
      String baseUrl,
      long roomId,
      Seeded seeded,
      int requests,
      Duration budget,
      Duration warmup,
      boolean latest)
      throws Exception {
    Histogram histogram = new Histogram(3);
    long warm = System.nanoTime() + warmup.toNanos();
    long deadline = warm + budget.toNanos();
    for (int i = 0; histogram.getTotalCount() < requests && System.nanoTime() - deadline < 0; i++) {
      String query =
          latest
              ? "?limit=50"
              : "?beforeSeq="
                  + ThreadLocalRandom.current()
                      .nextLong(seeded.firstSeq() + 51, seeded.lastSeq() + 1)
                  + "&limit=50";
      URL url = URI.create(baseUrl + "/api/messages/" + roomId + query).toURL();
      long t0 = System.nanoTime();
      get(url);
      long micros = (System.nanoTime() - t0) / 1000;
      if (i == 0) {
        first = micros;
      }
      if (i >= 5 && t0 - warm >= 0) {
        histogram.recordValue(micros);
      }
    }
    return histogram;
  }

  /**
   * One GET on the calling thread with the JDK's blocking client, which keeps the connection alive:
   * no hand-off to other client threads, whose scheduling on the shared cores would be timed too.
   * Reads the whole body; throws unless the answer is 200.
   */
  private static void get(URL url) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) url.openConnection();
    int status = connection.getResponseCode();
    InputStream body = status == 200 ? connection.getInputStream() : connection.getErrorStream();
    byte[] bytes = new byte[0];
    if (body != null) {
      try (body) {
        bytes = body.readAllBytes();
      }
    }
    if (status != 200) {
      throw new IllegalStateException(
          "history: " + status + " " + new String(bytes, StandardCharsets.UTF_8));
    }
  }

  /** Microseconds of the first request of the last {@link #measure} run. */
  static long first;
}
