package io.chatstack.core.internal;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.MessageBus;
import io.chatstack.core.ReadStateRepository;
import io.chatstack.core.Room;
import io.chatstack.core.RoomNotFoundException;
import io.chatstack.core.SignalBus;
import io.chatstack.core.SignalSettings;
import io.chatstack.memory.InMemoryMessageBus;
import io.chatstack.memory.InMemoryMessageStore;
import io.chatstack.memory.InMemoryReadStateRepository;
import io.chatstack.memory.InMemoryRoomRepository;
import io.chatstack.memory.InMemorySignalBus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * One "cluster" in memory for read-state tests: a ChatService (rooms, messages, its own read-state
 * service) and any number of further ReadStateService nodes on the same signal bus, repositories
 * and message bus. Their timers never run by themselves: tests call tick().
 */
final class ReadStateFixture implements AutoCloseable {
  final ReadTestClock clock = new ReadTestClock();
  final InMemoryMessageBus bus = new InMemoryMessageBus(new InMemoryMessageStore());
  final InMemoryRoomRepository rooms = new InMemoryRoomRepository();
  final InMemorySignalBus signals = new InMemorySignalBus();
  final InMemoryReadStateRepository repository = new InMemoryReadStateRepository();
  final ChatService chat =
      ChatService.builder()
          .messageBus(bus)
          .roomRepository(rooms)
          .signalBus(signals)
          .readStateRepository(repository)
          .clock(clock)
          .build();
  private final List<ReadStateService> nodes = new ArrayList<>();
  private final List<ManualScheduler> schedulers = new ArrayList<>();

  /** A node with default settings. */
  ReadStateService node() {
    return node(SignalSettings.DEFAULTS);
  }

  ReadStateService node(SignalSettings settings) {
    return node(settings, bus, this::room, this::room);
  }

  ReadStateService node(
      SignalSettings settings,
      MessageBus messages,
      LongFunction<Room> cached,
      LongFunction<Room> fresh) {
    return node(settings, messages, cached, fresh, repository, signals);
  }

  ReadStateService node(
      SignalSettings settings,
      MessageBus messages,
      LongFunction<Room> cached,
      LongFunction<Room> fresh,
      ReadStateRepository reads,
      SignalBus signalBus) {
    ManualScheduler scheduler = new ManualScheduler();
    schedulers.add(scheduler);
    ReadStateService node =
        new ReadStateService(
            new SignalContext(
                "node-" + nodes.size(),
                signalBus,
                reads,
                messages,
                rooms,
                cached,
                fresh,
                clock,
                settings,
                scheduler));
    nodes.add(node);
    return node;
  }

  ManualScheduler lastScheduler() {
    return schedulers.get(schedulers.size() - 1);
  }

  Room room(long id) {
    return rooms.findById(id).orElseThrow(() -> new RoomNotFoundException(id));
  }

  ChatMessage say(long roomId, String sender, String content) {
    return chat.send(roomId, sender, content).join();
  }

  /** Seq of the last message of the room. */
  long latest(long roomId) {
    return bus.latestSeq(roomId);
  }

  @Override
  public void close() {
    nodes.forEach(ReadStateService::close);
    schedulers.forEach(ScheduledThreadPoolExecutor::shutdownNow);
    chat.close();
  }

  /** Records periodic tasks instead of running them. */
  static final class ManualScheduler extends ScheduledThreadPoolExecutor {
    final List<Runnable> periodic = new ArrayList<>();

    ManualScheduler() {
      super(1);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(
        Runnable command, long initialDelay, long period, TimeUnit unit) {
      periodic.add(command);
      return schedule((Callable<Object>) () -> null, 1, TimeUnit.DAYS);
    }
  }
}
