package io.chatstack.failure;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.PersistListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A {@link PersistListener} that appends one line {@code <id> <roomId> <seq>} per record of each
 * stored batch to a file, written before it returns (so before the persister commits), for the
 * failure suite to check afterPersist's at-least-once delivery across a kill -9. Called on the
 * persister thread only.
 */
final class MessageIdFile implements PersistListener {
  private final Path file;

  MessageIdFile(Path file) {
    this.file = file;
  }

  @Override
  public void afterPersist(List<ChatMessage> batch) {
    StringBuilder lines = new StringBuilder();
    for (ChatMessage m : batch) {
      lines.append(m.id()).append(' ').append(m.roomId()).append(' ').append(m.seq()).append('\n');
    }
    try {
      // One write per batch in append mode: a kill -9 leaves whole batches (the OS keeps what
      // was written; only a machine crash would need an fsync).
      Files.writeString(
          file,
          lines,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
