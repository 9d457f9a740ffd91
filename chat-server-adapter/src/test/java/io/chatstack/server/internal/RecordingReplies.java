package io.chatstack.server.internal;

import io.chatstack.core.ChatException;
import io.chatstack.server.TestFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link Replies} that records what a session collaborator answers; open until told not to. */
final class RecordingReplies implements Replies {
  /** Frames delivered, paced or not, in order. */
  final List<String> delivered = new CopyOnWriteArrayList<>();

  /** Only the frames delivered paced. */
  final List<String> paced = new CopyOnWriteArrayList<>();

  /** Receipts as "id" plus their extra headers. */
  final List<Map.Entry<String, Map<String, String>>> receipts = new CopyOnWriteArrayList<>();

  /** Receipt ids sent paced (nulls included: the collaborator always asks). */
  final List<String> pacedReceipts = new CopyOnWriteArrayList<>();

  final List<ChatException> errors = new CopyOnWriteArrayList<>();
  final List<String> errorReceipts = new CopyOnWriteArrayList<>();
  volatile boolean open = true;

  @Override
  public void deliver(String frame) {
    delivered.add(frame);
  }

  @Override
  public void deliverPaced(String frame) {
    delivered.add(frame);
    paced.add(frame);
  }

  @Override
  public void receipt(String receiptId, Map<String, String> extra) {
    receipts.add(Map.entry(String.valueOf(receiptId), extra));
  }

  @Override
  public void receiptPaced(String receiptId) {
    pacedReceipts.add(String.valueOf(receiptId));
  }

  @Override
  public void applicationError(ChatException e, String receiptId) {
    errors.add(e);
    errorReceipts.add(String.valueOf(receiptId));
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  /** The delivered frames, decoded. */
  List<TestFrame> frames() {
    List<TestFrame> frames = new ArrayList<>();
    delivered.forEach(d -> frames.addAll(TestFrame.parse(d)));
    return frames;
  }

  /** The bodies of the delivered frames. */
  List<String> bodies() {
    return frames().stream().map(TestFrame::body).toList();
  }
}
