package io.chatstack.loadtest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;

/**
 * The Kafka floor: produce→consume latency on the bench broker with chatstack's producer settings
 * (acks=all, idempotent, linger.ms=0), open loop; the record value is its intended send time. Not
 * thread-safe; one run at a time.
 */
final class KafkaFloor {
  private KafkaFloor() {}

  static LatencyRecorder.Result run(
      String bootstrap, double rate, Duration warmup, Duration measure) throws Exception {
    String topic = "bench-floor-" + System.currentTimeMillis();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("acks", "all");
    p.put("enable.idempotence", "true");
    p.put("linger.ms", "0");
    Properties c = new Properties();
    c.put("bootstrap.servers", bootstrap);
    c.put("enable.auto.commit", "false");
    c.put("fetch.max.wait.ms", "500");
    TopicPartition partition = new TopicPartition(topic, 0);
    try (KafkaProducer<Long, Long> producer =
            new KafkaProducer<>(p, new LongSerializer(), new LongSerializer());
        KafkaConsumer<Long, Long> consumer =
            new KafkaConsumer<>(c, new LongDeserializer(), new LongDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      consumer.position(partition);
      long start = System.nanoTime() + 100_000_000L;
      long measureStart = start + warmup.toNanos();
      long measureEnd = measureStart + measure.toNanos();
      LatencyRecorder rec = new LatencyRecorder(measureStart, measureEnd);
      AtomicBoolean sending = new AtomicBoolean(true);
      Thread sender =
          new Thread(
              () -> {
                for (long i = 0; ; i++) {
                  long intended = start + (long) (i * 1e9 / rate);
                  if (intended - measureEnd >= 0) {
                    break;
                  }
                  ChatLoad.parkUntil(intended);
                  rec.expect(intended, 1);
                  producer.send(new ProducerRecord<>(topic, 0, 0L, intended));
                }
                sending.set(false);
              },
              "kafka-floor-sender");
      sender.start();
      long drainDeadline = Long.MAX_VALUE;
      while (System.nanoTime() - drainDeadline < 0) {
        for (ConsumerRecord<Long, Long> r : consumer.poll(Duration.ofMillis(100))) {
          rec.record(r.value(), System.nanoTime());
        }
        if (!sending.get() && drainDeadline == Long.MAX_VALUE) {
          drainDeadline = System.nanoTime() + 5_000_000_000L;
        }
        if (!sending.get() && rec.received() >= rec.expected()) {
          break;
        }
      }
      sender.join();
      return rec.result();
    }
  }
}
