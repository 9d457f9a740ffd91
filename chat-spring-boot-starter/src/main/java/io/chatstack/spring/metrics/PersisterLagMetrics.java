package io.chatstack.spring.metrics;

import io.chatstack.kafka.KafkaChatConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauge {@code chatstack.persister.lag}: messages in the Kafka log not yet confirmed stored by the
 * persister group (log end minus committed offset, summed over partitions). Refreshed every 5 s on
 * a daemon thread with an admin client; -1 until the first successful read. Closed with the
 * context.
 */
public final class PersisterLagMetrics implements MeterBinder, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PersisterLagMetrics.class);

  private final KafkaChatConfig config;
  private final AtomicLong lag = new AtomicLong(-1);
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "chatstack-persister-lag");
            t.setDaemon(true);
            return t;
          });
  private Admin admin;

  public PersisterLagMetrics(KafkaChatConfig config) {
    this.config = config;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("chatstack.persister.lag", lag, AtomicLong::get)
        .description("Messages in Kafka not yet confirmed stored by the persister")
        .register(registry);
    timer.scheduleWithFixedDelay(this::refresh, 0, 5, TimeUnit.SECONDS);
  }

  private void refresh() {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin()
              .listConsumerGroupOffsets(config.persisterGroupId())
              .partitionsToOffsetAndMetadata()
              .get(5, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> latest =
          committed.keySet().stream()
              .filter(tp -> tp.topic().equals(config.messagesTopic()))
              .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          admin().listOffsets(latest).all().get(5, TimeUnit.SECONDS);
      long total = 0;
      for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end :
          ends.entrySet()) {
        OffsetAndMetadata done = committed.get(end.getKey());
        total += Math.max(0, end.getValue().offset() - (done == null ? 0 : done.offset()));
      }
      lag.set(total);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.debug("Reading the persister lag failed", e);
    }
  }

  private synchronized Admin admin() {
    if (admin == null) {
      Map<String, Object> settings = new HashMap<>(config.clientOverrides());
      settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
      settings.put(AdminClientConfig.CLIENT_ID_CONFIG, config.nodeId() + "-lag");
      admin = Admin.create(settings);
    }
    return admin;
  }

  @Override
  public synchronized void close() {
    timer.shutdownNow();
    if (admin != null) {
      admin.close();
    }
  }
}
