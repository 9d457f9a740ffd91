package io.chatstack.kafka.internal;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.InvalidInputException;
import io.chatstack.core.MessageListener;
import io.chatstack.core.RoomEvent;
import io.chatstack.core.RoomEventListener;
import io.chatstack.core.Subscription;
import io.chatstack.core.internal.ClientMsgIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's reader of every partition of both topics (assign, no group), from the log end at
 * start. Delivers messages to local listeners in offset order on its own thread, dropping any
 * record whose (roomId, clientMsgId) appeared earlier in the log. A node pays for its own rooms: a
 * record of a room without a local listener is not parsed; its key (the room id) and clientMsgId
 * header go to the dedup window, with the JSON parsed only if a publisher of the same key asks.
 *
 * <p>A record's delivery to its room's listeners and a new listener's registration exclude each
 * other (one lock per stripe of rooms), so that {@link #subscribe} returns either before a record's
 * delivery starts (the new listener gets it) or after it ended for every listener (see {@link
 * io.chatstack.core.MessageBus#subscribe}). Removing a listener takes no such lock: a listener may
 * end its own subscription from its callback, and a removed listener may get one more record.
 * Thread-safe; {@link #close()} joins the thread.
 */
public final class FanOut {
  private static final Logger LOG = LoggerFactory.getLogger(FanOut.class);

  /** Stripes of {@link #lock(long)}; a power of two. */
  private static final int LOCKS = 64;

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String messagesTopic;
  private final ClientMsgIds clientMsgIds;
  private final OffsetWaiters waiters;
  private final Map<Long, List<MessageListener>> rooms = new ConcurrentHashMap<>();
  private final Object[] locks = new Object[LOCKS];
  private final LongAdder read = new LongAdder();
  private final LongAdder decoded = new LongAdder();
  private final List<RoomEventListener> roomListeners = new CopyOnWriteArrayList<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean started;
  private volatile boolean closed;

  /**
   * Assigns all partitions and positions at the log end (blocking, bounded); call {@link #start()}
   * next.
   */
  public FanOut(
      KafkaConsumer<byte[], byte[]> consumer,
      String messagesTopic,
      int messagePartitions,
      String eventsTopic,
      int eventPartitions,
      ClientMsgIds clientMsgIds,
      String nodeId) {
    this.consumer = consumer;
    this.messagesTopic = messagesTopic;
    this.clientMsgIds = clientMsgIds;
    List<TopicPartition> all = new ArrayList<>();
    for (int p = 0; p < messagePartitions; p++) {
      all.add(new TopicPartition(messagesTopic, p));
    }
    for (int p = 0; p < eventPartitions; p++) {
      all.add(new TopicPartition(eventsTopic, p));
    }
    Map<Integer, Long> start = new HashMap<>();
    try {
      consumer.assign(all);
      consumer.seekToEnd(all);
      for (TopicPartition tp : all) {
        long position = consumer.position(tp);
        if (tp.topic().equals(messagesTopic)) {
          start.put(tp.partition(), position);
        }
      }
    } catch (RuntimeException e) {
      KafkaClients.closeQuietly(consumer, Duration.ofSeconds(5), "fan-out");
      throw e;
    }
    this.waiters = new OffsetWaiters(start, messagePartitions);
    for (int i = 0; i < LOCKS; i++) {
      locks[i] = new Object();
    }
    this.thread = new Thread(this::run, "fanout-" + nodeId);
    thread.setDaemon(true);
  }

  /** Starts the delivery thread. */
  public void start() {
    started = true;
    thread.start();
  }

  /**
   * Registers a listener of one room: it gets every record whose delivery had not started when this
   * returns; every earlier record was delivered to all the room's earlier listeners by then.
   */
  public Subscription subscribe(long roomId, MessageListener listener) {
    synchronized (lock(roomId)) {
      rooms.compute(
          roomId,
          (id, list) -> {
            List<MessageListener> listeners = list == null ? new CopyOnWriteArrayList<>() : list;
            listeners.add(listener);
            return listeners;
          });
    }
    return () ->
        rooms.computeIfPresent(
            roomId,
            (id, list) -> {
              list.remove(listener);
              return list.isEmpty() ? null : list;
            });
  }

  /** Message records this node read so far. */
  public long recordsRead() {
    return read.sum();
  }

  /**
   * Message records this node parsed so far: those of rooms with a local subscriber when read (and
   * those without the clientMsgId header). The others cost only their key and header.
   */
  public long recordsParsed() {
    return decoded.sum();
  }

  /** Registers a listener of room-list changes. */
  public Subscription subscribeRoomEvents(RoomEventListener listener) {
    roomListeners.add(listener);
    return () -> roomListeners.remove(listener);
  }

  /** Runs {@code action} once this node processed the message record at {@code offset}. */
  public void whenProcessed(int partition, long offset, Runnable action) {
    waiters.whenProcessed(partition, offset, action);
  }

  /** The partition's next offset to process: this node processed every offset below it. */
  public long processed(int partition) {
    return waiters.processed(partition);
  }

  /** Stops the thread and waits for it (bounded); pending waiters run. Idempotent. */
  public void close() {
    closed = true;
    closing.countDown();
    if (!started) {
      closeConsumer();
      waiters.close();
      return;
    }
    consumer.wakeup();
    try {
      if (!stopped.await(30, TimeUnit.SECONDS)) {
        LOG.warn("Fan-out thread {} did not stop within 30 s", thread.getName());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    waiters.close();
  }

  private void run() {
    try {
      while (!closed) {
        try {
          ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
          for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
            if (tp.topic().equals(messagesTopic)) {
              list.forEach(this::onMessageRecord);
              waiters.advance(tp.partition(), list.get(list.size() - 1).offset() + 1);
            } else {
              list.forEach(this::onEventRecord);
            }
          }
        } catch (WakeupException e) {
          // closing
        } catch (RuntimeException e) {
          LOG.warn("Fan-out poll failed; retrying", e);
          pause();
        }
      }
    } finally {
      closeConsumer();
      stopped.countDown();
    }
  }

  private void closeConsumer() {
    KafkaClients.closeQuietly(consumer, Duration.ofSeconds(5), "fan-out");
  }

  private void onMessageRecord(ConsumerRecord<byte[], byte[]> record) {
    read.increment();
    long roomId = RecordCodec.roomId(record);
    String clientMsgId;
    if (roomId != RecordCodec.NO_ROOM
        && !rooms.containsKey(roomId)
        && (clientMsgId = RecordCodec.clientMsgId(record)) != null) {
      // No local subscriber: only the dedup window needs the record, and not its JSON.
      clientMsgIds.firstInLog(
          roomId, clientMsgId, record.offset(), RecordCodec.lazyMessage(record));
      return;
    }
    decoded.increment();
    ChatMessage message;
    try {
      message = RecordCodec.message(record);
    } catch (InvalidInputException e) {
      LOG.error(
          "Skipping malformed record {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
      return;
    }
    if (!clientMsgIds.firstInLog(message)) {
      LOG.debug(
          "Dropping duplicate clientMsgId {} of room {} at seq {}",
          message.clientMsgId(),
          message.roomId(),
          message.seq());
      return;
    }
    synchronized (lock(message.roomId())) {
      List<MessageListener> listeners = rooms.get(message.roomId());
      if (listeners == null) {
        return;
      }
      for (MessageListener listener : listeners) {
        try {
          listener.onMessage(message);
        } catch (RuntimeException e) {
          LOG.warn("Listener failed on message {} of room {}", message.id(), message.roomId(), e);
        }
      }
    }
  }

  /** The lock that a room's deliveries and registrations share. */
  private Object lock(long roomId) {
    return locks[Long.hashCode(roomId) & (LOCKS - 1)];
  }

  private void onEventRecord(ConsumerRecord<byte[], byte[]> record) {
    RoomEvent event;
    try {
      event = RecordCodec.event(record);
    } catch (InvalidInputException e) {
      LOG.error(
          "Skipping malformed room event {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
      return;
    }
    for (RoomEventListener listener : roomListeners) {
      try {
        listener.onRoomEvent(event);
      } catch (RuntimeException e) {
        LOG.warn("Room listener failed on {}", event, e);
      }
    }
  }

  private void pause() {
    try {
      closing.await(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }
}
