package io.chatstack.core.internal;

import static io.chatstack.core.TestMessages.change;
import static io.chatstack.core.TestMessages.reaction;
import static io.chatstack.core.TestMessages.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.MessageType;
import io.chatstack.core.Reaction;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The current-state rule on its own; the store kit checks it through every store. */
class CurrentStateTest {
  private final ChatMessage message = stored(1, 1, "text");

  @Test
  void aChangeAppliesOnlyAboveTheLastChangeSeq() {
    ChatMessage edited =
        CurrentState.edited(message, change(message, 5, MessageType.EDIT, "alice", "v2"));
    assertThat(edited.lastChangeSeq()).isEqualTo(5);
    assertThat(CurrentState.applies(edited, change(message, 5, MessageType.EDIT, "alice", "x")))
        .isFalse();
    assertThat(CurrentState.applies(edited, change(message, 4, MessageType.EDIT, "alice", "x")))
        .isFalse();
    assertThat(CurrentState.applies(edited, change(message, 6, MessageType.EDIT, "alice", "x")))
        .isTrue();
  }

  @Test
  void nothingAppliesToATombstoneAndOnlyChangeRecordsApplyToMessages() {
    ChatMessage tombstone = CurrentState.tombstone(message, 3);
    assertThat(CurrentState.applies(tombstone, change(message, 9, MessageType.EDIT, "a", "x")))
        .isFalse();
    assertThat(CurrentState.applies(message, stored(1, 9, "not a change"))).isFalse();
    ChatMessage edit = change(message, 2, MessageType.EDIT, "alice", "x");
    assertThat(CurrentState.applies(edit, change(edit, 9, MessageType.EDIT, "a", "y"))).isFalse();
  }

  @Test
  void erasureKeepsTheLastChangeSeqAndBlanksAnEdit() {
    ChatMessage edited =
        CurrentState.edited(message, change(message, 5, MessageType.EDIT, "alice", "v2"));
    ChatMessage erased = CurrentState.tombstone(edited, 0);
    assertThat(erased.deleted()).isTrue();
    assertThat(erased.content()).isEmpty();
    assertThat(erased.lastChangeSeq()).isEqualTo(5);
    assertThat(erased.editedAt()).isEqualTo(edited.editedAt());
    ChatMessage blanked =
        CurrentState.blanked(change(message, 2, MessageType.EDIT, "alice", "secret"));
    assertThat(blanked.content()).isEmpty();
    assertThat(blanked.type()).isEqualTo(MessageType.EDIT);
    assertThat(blanked.targetId()).isEqualTo(message.id());
  }

  @Test
  void reactionsListAtMostTwentyUsersAndLeaveEmptySetsOut() {
    Map<String, Set<String>> users = new LinkedHashMap<>();
    Set<String> many = new LinkedHashSet<>();
    for (int i = 0; i < 21; i++) {
      many.add("u" + i);
    }
    users.put("👍", many);
    users.put("🎉", new LinkedHashSet<>());
    Map<String, Reaction> view = CurrentState.reactions(users);
    assertThat(view).containsOnlyKeys("👍");
    assertThat(view.get("👍").count()).isEqualTo(21);
    assertThat(view.get("👍").users()).hasSize(20).startsWith("u0").endsWith("u19");
  }

  @Test
  void appliedKeepsTheReactionSetsAndADeleteEmptiesThem() {
    Map<String, Set<String>> users = new LinkedHashMap<>();
    ChatMessage reacted =
        CurrentState.applied(message, reaction(message, 2, "bob", "👍", true), users);
    assertThat(reacted.reactions().get("👍").users()).containsExactly("bob");
    assertThat(CurrentState.reactionUsers(reacted)).contains(users);
    ChatMessage edited =
        CurrentState.applied(reacted, change(message, 3, MessageType.EDIT, "alice", "new"), users);
    assertThat(edited.content()).isEqualTo("new");
    assertThat(edited.reactions()).isEqualTo(reacted.reactions());

    ChatMessage deleted =
        CurrentState.applied(edited, change(message, 4, MessageType.DELETE, "alice", ""), users);

    assertThat(deleted.deleted()).isTrue();
    assertThat(deleted.lastChangeSeq()).isEqualTo(4);
    assertThat(users).isEmpty();
  }

  @Test
  void reactionUsersAreUnknownWhenHistoryListsOnlySomeOfThem() {
    Map<String, Set<String>> many = new LinkedHashMap<>();
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < 21; i++) {
      names.add("u" + i);
    }
    many.put("👍", names);
    ChatMessage crowded = CurrentState.withReactions(message, CurrentState.reactions(many), 5);
    assertThat(CurrentState.reactionUsers(crowded)).isEmpty();
    assertThat(CurrentState.reactionUsers(message)).contains(Map.of());
  }

  @Test
  void reactAddsAndRemovesTheSenderAndRefusesOtherRecords() {
    Map<String, Set<String>> users = new LinkedHashMap<>();
    CurrentState.react(users, reaction(message, 2, "bob", "👍", true));
    CurrentState.react(users, reaction(message, 3, "bob", "👍", true));
    assertThat(users).isEqualTo(Map.of("👍", Set.of("bob")));
    CurrentState.react(users, reaction(message, 4, "ann", "🎉", false));
    CurrentState.react(users, reaction(message, 5, "bob", "👍", false));
    assertThat(users).isEmpty();
    assertThatThrownBy(
            () -> CurrentState.react(users, change(message, 6, MessageType.EDIT, "bob", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a REACTION record: EDIT");
    assertThat(List.copyOf(users.keySet())).isEmpty();
  }
}
