package io.chatstack.core;

import static io.chatstack.core.TestMessages.change;
import static io.chatstack.core.TestMessages.freshRoomId;
import static io.chatstack.core.TestMessages.reaction;
import static io.chatstack.core.TestMessages.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The message-lifecycle part of the {@link MessageStore} compatibility kit (run through {@link
 * MessageStoreContract}, which extends it): change records applied to their targets, current-state
 * history, tombstones, reactions, idempotent and out-of-order replays, erasure.
 */
public abstract class MessageChangesContract {

  /** The store under test; may be shared across tests. */
  protected abstract MessageStore store();

  private ChatMessage only(long roomId) {
    List<ChatMessage> page = store().page(roomId, HistoryQuery.latest(10)).messages();
    assertThat(page).hasSize(1);
    return page.get(0);
  }

  @Test
  void anEditGivesHistoryTheNewContentAndIsNotAHistoryEntry() {
    long roomId = freshRoomId();
    ChatMessage m = stored(roomId, 1, "helo");
    ChatMessage edit = change(m, 2, MessageType.EDIT, "alice", "hello");
    store().storeAll(List.of(m));
    store().storeAll(List.of(edit));

    ChatMessage current = only(roomId);
    assertThat(current.id()).isEqualTo(m.id());
    assertThat(current.content()).isEqualTo("hello");
    assertThat(current.editedAt()).contains(edit.timestamp());
    assertThat(current.lastChangeSeq()).isEqualTo(2);
    assertThat(store().records(roomId, 0, 10))
        .extracting(ChatMessage::type)
        .containsExactly(MessageType.CHAT, MessageType.EDIT);
    assertThat(store().records(roomId, 1, 10)).containsExactly(edit);
    assertThat(store().findById(roomId, m.id())).contains(current);
    assertThat(store().findById(roomId, edit.id())).isEmpty();
  }

  @Test
  void aDeleteLeavesATombstoneWithIdAndSeqSoPagesStayStable() {
    long roomId = freshRoomId();
    List<ChatMessage> all = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      all.add(stored(roomId, i * 2, "m" + i));
    }
    store().storeAll(all);
    ChatMessage doomed = all.get(2);
    store()
        .storeAll(
            List.of(
                reaction(doomed, 11, "bob", "👍", true),
                change(doomed, 12, MessageType.DELETE, "alice", "")));

    List<ChatMessage> page = store().page(roomId, HistoryQuery.latest(10)).messages();
    assertThat(page).extracting(ChatMessage::seq).containsExactly(2L, 4L, 6L, 8L, 10L);
    ChatMessage tombstone = page.get(2);
    assertThat(tombstone.id()).isEqualTo(doomed.id());
    assertThat(tombstone.deleted()).isTrue();
    assertThat(tombstone.content()).isEmpty();
    assertThat(tombstone.metadata()).isEmpty();
    assertThat(tombstone.reactions()).isEmpty();
    assertThat(tombstone.lastChangeSeq()).isEqualTo(12);
    assertThat(page.get(1).deleted()).isFalse();
    assertThat(store().page(roomId, HistoryQuery.before(6, 1)).messages())
        .extracting(ChatMessage::seq)
        .containsExactly(4L);
  }

  @Test
  void reactionsCountExactlyListAtMostTwentyUsersAndAreIdempotent() {
    long roomId = freshRoomId();
    ChatMessage m = stored(roomId, 1, "vote");
    List<ChatMessage> records = new ArrayList<>(List.of(m));
    long seq = 2;
    for (int i = 0; i < 25; i++) {
      records.add(reaction(m, seq++, "user" + i, "👍", true));
    }
    records.add(reaction(m, seq++, "user0", "👍", true));
    records.add(reaction(m, seq++, "user1", "👍", false));
    records.add(reaction(m, seq++, "user1", "👍", false));
    records.add(reaction(m, seq++, "bob", "🎉", true));
    records.add(reaction(m, seq++, "nobody", "❤️", false));
    store().storeAll(records);

    ChatMessage current = only(roomId);
    assertThat(current.reactions()).containsOnlyKeys("👍", "🎉");
    Reaction thumbs = current.reactions().get("👍");
    assertThat(thumbs.count()).isEqualTo(24);
    List<String> expected = new ArrayList<>(List.of("user0"));
    for (int i = 2; i <= 20; i++) {
      expected.add("user" + i);
    }
    assertThat(thumbs.users()).hasSize(Reaction.MAX_USERS).containsExactlyElementsOf(expected);
    assertThat(current.reactions().get("🎉")).isEqualTo(new Reaction(1, List.of("bob")));
    assertThat(current.lastChangeSeq()).isEqualTo(seq - 1);
  }

  @Test
  void storingTheSameRecordsAgainChangesNothing() {
    long roomId = freshRoomId();
    ChatMessage m = stored(roomId, 1, "a");
    List<ChatMessage> batch =
        List.of(
            m,
            change(m, 2, MessageType.EDIT, "alice", "b"),
            reaction(m, 3, "bob", "👍", true),
            reaction(m, 4, "bob", "👍", false),
            change(m, 5, MessageType.EDIT, "alice", "c"));
    store().storeAll(batch);
    ChatMessage once = only(roomId);
    assertThat(store().storeAll(batch)).isZero();
    assertThat(store().storeAll(batch.subList(2, 4))).isZero();

    assertThat(only(roomId)).isEqualTo(once);
    assertThat(once.content()).isEqualTo("c");
    assertThat(once.reactions()).isEmpty();
    assertThat(store().records(roomId, 0, 10)).hasSize(5);
  }

  @Test
  void aChangeOlderThanWhatTheMessageReflectsIsIgnored() {
    long roomId = freshRoomId();
    ChatMessage m = stored(roomId, 1, "a");
    store().storeAll(List.of(m, change(m, 7, MessageType.EDIT, "alice", "newest")));
    store().storeAll(List.of(change(m, 4, MessageType.EDIT, "alice", "older")));
    store().storeAll(List.of(reaction(m, 5, "bob", "👍", true)));

    ChatMessage current = only(roomId);
    assertThat(current.content()).isEqualTo("newest");
    assertThat(current.reactions()).isEmpty();
    assertThat(current.lastChangeSeq()).isEqualTo(7);
  }

  @Test
  void nothingChangesADeletedMessage() {
    long roomId = freshRoomId();
    ChatMessage m = stored(roomId, 1, "a");
    store()
        .storeAll(
            List.of(
                m,
                change(m, 2, MessageType.DELETE, "alice", ""),
                change(m, 3, MessageType.EDIT, "alice", "back"),
                reaction(m, 4, "bob", "👍", true),
                change(m, 5, MessageType.DELETE, "alice", "")));

    ChatMessage current = only(roomId);
    assertThat(current.deleted()).isTrue();
    assertThat(current.content()).isEmpty();
    assertThat(current.reactions()).isEmpty();
    assertThat(current.lastChangeSeq()).isEqualTo(2);
  }

  @Test
  void aChangeToAnUnknownMessageIsKeptForReplaysButChangesNothing() {
    long roomId = freshRoomId();
    ChatMessage m = stored(roomId, 1, "a");
    ChatMessage ghost = stored(roomId, 99, "never stored");
    ChatMessage stray = change(ghost, 2, MessageType.EDIT, "alice", "x");
    store().storeAll(List.of(m, stray));
    assertThat(store().records(roomId, 0, 10)).containsExactly(m, stray);
    assertThat(only(roomId)).isEqualTo(m);
    assertThat(store().findById(roomId, ghost.id())).isEmpty();
  }

  @Test
  void erasingASenderTombstonesTheirMessagesAndBlanksTheirEdits() {
    long roomId = freshRoomId();
    String erased = "erased-" + roomId;
    ChatMessage mine = withSender(stored(roomId, 1, "secret"), erased);
    ChatMessage bobs = withSender(stored(roomId, 2, "bob's"), "bob");
    ChatMessage edit = change(mine, 3, MessageType.EDIT, erased, "more secret");
    ChatMessage otherRoom = withSender(stored(freshRoomId(), 1, "also secret"), erased);
    ChatMessage join =
        new ChatMessage(
            "join-" + roomId, roomId, 4, erased, "", MessageType.JOIN, mine.timestamp(), "j");
    ChatMessage bobsEdit = change(bobs, 5, MessageType.EDIT, "bob", "bob's too");
    store().storeAll(List.of(mine, bobs, edit, join, bobsEdit));
    store().storeAll(List.of(otherRoom));

    assertThat(store().eraseSender(erased)).isEqualTo(2);
    assertThat(store().eraseSender(erased)).isZero();

    List<ChatMessage> page = store().page(roomId, HistoryQuery.latest(10)).messages();
    assertThat(page).hasSize(3);
    assertThat(page.get(0).deleted()).isTrue();
    assertThat(page.get(0).content()).isEmpty();
    assertThat(page.get(0).id()).isEqualTo(mine.id());
    assertThat(page.get(0).lastChangeSeq()).isEqualTo(3);
    assertThat(page.get(1).content()).isEqualTo("bob's too");
    assertThat(page.get(1).deleted()).isFalse();
    assertThat(page.get(2)).isEqualTo(join);
    assertThat(store().records(roomId, 0, 10))
        .extracting(ChatMessage::content)
        .containsExactly("", "bob's too", "", "", "bob's too");
    assertThat(store().records(roomId, 0, 10))
        .extracting(ChatMessage::type)
        .containsExactly(
            MessageType.CHAT,
            MessageType.CHAT,
            MessageType.EDIT,
            MessageType.JOIN,
            MessageType.EDIT);
    assertThat(only(otherRoom.roomId()).deleted()).isTrue();
  }

  @Test
  void aReactionRemovedAndAddedAgainMovesTheUserToTheEnd() {
    long roomId = freshRoomId();
    ChatMessage m = stored(roomId, 1, "order");
    store()
        .storeAll(
            List.of(
                m,
                reaction(m, 2, "ann", "👍", true),
                reaction(m, 3, "bob", "👍", true),
                reaction(m, 4, "ann", "👍", false),
                reaction(m, 5, "ann", "👍", true)));
    assertThat(only(roomId).reactions())
        .containsExactly(Map.entry("👍", new Reaction(2, List.of("bob", "ann"))));
  }

  @Test
  void emojiThatLookLikeFieldPathsOrOperatorsAreStoredAsGiven() {
    long roomId = freshRoomId();
    ChatMessage m = stored(roomId, 1, "odd emoji");
    // A mark combines with the ASCII char before it into one grapheme: valid emoji that start
    // with '.', '$' or '%'; "%2E\u0301" checks that no escaping of the others can collide.
    List<String> emoji = List.of(".\u0301", "$\u0301", "%\u0301", "%2E\u0301", "👍");
    List<ChatMessage> records = new ArrayList<>(List.of(m));
    long seq = 2;
    for (String e : emoji) {
      records.add(reaction(m, seq++, "bob", e, true));
    }
    records.add(reaction(m, seq++, "bob", "$\u0301", false));
    store().storeAll(records);

    Map<String, Reaction> reactions = only(roomId).reactions();
    assertThat(reactions).containsOnlyKeys(".\u0301", "%\u0301", "%2E\u0301", "👍");
    assertThat(reactions.get(".\u0301")).isEqualTo(new Reaction(1, List.of("bob")));
    assertThat(reactions.get("%2E\u0301")).isEqualTo(new Reaction(1, List.of("bob")));
  }

  @Test
  void anEditKeepsReactionsMetadataAndTheReply() {
    long roomId = freshRoomId();
    ChatMessage first = stored(roomId, 1, "question");
    ChatMessage plain = stored(roomId, 2, "answer");
    ChatMessage reply =
        new ChatMessage(
            plain.id(),
            roomId,
            2,
            "alice",
            "answer",
            MessageType.CHAT,
            plain.timestamp(),
            plain.clientMsgId(),
            "",
            first.id(),
            Map.of("url", "https://example.com/a.png"),
            Optional.empty(),
            false,
            Map.of(),
            0L);
    store()
        .storeAll(
            List.of(
                first,
                reply,
                reaction(reply, 3, "bob", "👍", true),
                change(reply, 4, MessageType.EDIT, "alice", "better answer")));

    ChatMessage current = store().findById(roomId, reply.id()).orElseThrow();
    assertThat(current.content()).isEqualTo("better answer");
    assertThat(current.replyTo()).isEqualTo(first.id());
    assertThat(current.metadata()).isEqualTo(Map.of("url", "https://example.com/a.png"));
    assertThat(current.reactions()).containsOnlyKeys("👍");
    assertThat(current.lastChangeSeq()).isEqualTo(4);
    assertThat(store().findById(roomId, first.id())).contains(first);
  }

  @Test
  void aBatchIsAppliedInSeqOrderWhateverOrderItComesIn() {
    long roomId = freshRoomId();
    ChatMessage m = stored(roomId, 1, "v1");
    ChatMessage v3 = change(m, 3, MessageType.EDIT, "alice", "v3");
    ChatMessage v2 = change(m, 2, MessageType.EDIT, "alice", "v2");
    assertThat(store().storeAll(List.of(v3, m, v2))).isEqualTo(3);

    ChatMessage current = only(roomId);
    assertThat(current.content()).isEqualTo("v3");
    assertThat(current.editedAt()).contains(v3.timestamp());
    assertThat(current.lastChangeSeq()).isEqualTo(3);
    assertThat(store().records(roomId, 0, 10))
        .extracting(ChatMessage::seq)
        .containsExactly(1L, 2L, 3L);
  }

  @Test
  void recordsStartAfterTheSeqAndStopAtTheLimit() {
    long roomId = freshRoomId();
    ChatMessage m = stored(roomId, 10, "a");
    List<ChatMessage> all =
        List.of(
            m,
            reaction(m, 20, "bob", "👍", true),
            stored(roomId, 30, "b"),
            change(m, 40, MessageType.EDIT, "alice", "a2"),
            stored(roomId, 50, "c"));
    store().storeAll(all);

    assertThat(store().records(roomId, 10, 2))
        .extracting(ChatMessage::seq)
        .containsExactly(20L, 30L);
    assertThat(store().records(roomId, 9, 1)).extracting(ChatMessage::seq).containsExactly(10L);
    assertThat(store().records(roomId, 40, 10)).extracting(ChatMessage::seq).containsExactly(50L);
    assertThat(store().records(roomId, 50, 10)).isEmpty();
    assertThat(store().records(roomId, -1, 100)).hasSize(5);
    assertThat(store().records(freshRoomId(), -1, 100)).isEmpty();
    assertThat(store().records(roomId, 0, 1).get(0).content()).isEqualTo("a2");
    assertThatThrownBy(() -> store().records(roomId, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
  }

  @Test
  void findByIdLooksInTheGivenRoomOnly() {
    long roomId = freshRoomId();
    ChatMessage m = stored(roomId, 1, "here");
    store().storeAll(List.of(m));
    assertThat(store().findById(roomId, m.id())).contains(m);
    assertThat(store().findById(freshRoomId(), m.id())).isEmpty();
    assertThat(store().findById(roomId, "no-such-id")).isEmpty();
  }

  private static ChatMessage withSender(ChatMessage m, String sender) {
    return new ChatMessage(
        m.id(), m.roomId(), m.seq(), sender, m.content(), m.type(), m.timestamp(), m.clientMsgId());
  }
}
