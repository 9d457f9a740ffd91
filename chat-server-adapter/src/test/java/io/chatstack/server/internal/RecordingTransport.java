package io.chatstack.server.internal;

import io.chatstack.server.StompTransport;
import io.chatstack.server.TestFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** An in-memory {@link StompTransport}: records what the engine writes; writes complete at once. */
final class RecordingTransport implements StompTransport {
  final List<String> written = new CopyOnWriteArrayList<>();
  volatile boolean closed;
  volatile boolean violation;

  @Override
  public void send(String text, Consumer<Throwable> done) {
    if (closed) {
      done.accept(new IllegalStateException("closed"));
      return;
    }
    written.add(text);
    done.accept(null);
  }

  @Override
  public void close(boolean isViolation, String reason) {
    if (!closed) {
      violation = isViolation;
      closed = true;
    }
  }

  List<TestFrame> frames() {
    List<TestFrame> frames = new ArrayList<>();
    written.forEach(w -> frames.addAll(TestFrame.parse(w)));
    return frames;
  }

  List<String> commands() {
    return frames().stream().map(TestFrame::command).toList();
  }
}
