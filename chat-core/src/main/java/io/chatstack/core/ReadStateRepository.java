package io.chatstack.core;

import java.util.Map;

/**
 * Port: durable {@code lastReadSeq} per user and room. Implementations: {@code
 * io.chatstack.memory.InMemoryReadStateRepository} and {@code
 * io.chatstack.jdbi.JdbiReadStateRepository} (table {@code chatstack_read_state}, created by a
 * versioned migration); both pass {@code ReadStateRepositoryContract}. Thread-safe.
 */
public interface ReadStateRepository {

  /**
   * Raises the stored seq to {@code seq} if that is higher (atomically, also against other nodes).
   *
   * @return the stored seq afterwards
   */
  long advance(long roomId, String username, long seq);

  /** The stored seq, {@link ReadState#NOTHING_READ} when none. */
  long find(long roomId, String username);

  /** Every stored seq of the user by room id. */
  Map<Long, Long> findAll(String username);
}
