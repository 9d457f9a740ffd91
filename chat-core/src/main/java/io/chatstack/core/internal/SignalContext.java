package io.chatstack.core.internal;

import io.chatstack.core.MessageBus;
import io.chatstack.core.ReadStateRepository;
import io.chatstack.core.Room;
import io.chatstack.core.RoomRepository;
import io.chatstack.core.SignalBus;
import io.chatstack.core.SignalSettings;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongFunction;

/**
 * What the presence, typing and read-state services share, handed over by {@code ChatService}.
 *
 * @param node this node's id, unique per process start
 * @param signals the ephemeral signal bus
 * @param readStates the durable read-state port
 * @param bus the ordered message log (live messages, latest seq, counts)
 * @param rooms the room repository (participants, a user's rooms)
 * @param cachedRoom a room snapshot that may be a few seconds old; throws RoomNotFoundException
 * @param freshRoom the room read from the repository now; throws RoomNotFoundException
 * @param clock the clock for every timer decision (tests pass a controllable one)
 * @param settings timings
 * @param scheduler one daemon thread for timers (grace, lease, typing timeout, receipt throttle)
 */
public record SignalContext(
    String node,
    SignalBus signals,
    ReadStateRepository readStates,
    MessageBus bus,
    RoomRepository rooms,
    LongFunction<Room> cachedRoom,
    LongFunction<Room> freshRoom,
    Clock clock,
    SignalSettings settings,
    ScheduledExecutorService scheduler) {}
