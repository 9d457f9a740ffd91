package io.chatstack.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.InvalidContentException;
import io.chatstack.core.NotParticipantException;
import io.chatstack.core.Room;
import io.chatstack.core.RoomNotFoundException;
import io.chatstack.core.RoomVisibility;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A send is authorized once, by the {@link RoomAuthorizer}, and refused like any other action. */
class RoomAccessSendTest {
  private final AtomicInteger canSendAsked = new AtomicInteger();
  private final ChatService chat = ChatService.builder().build();
  private final RoomAccess access =
      new RoomAccess(
          chat,
          new RoomAuthorizer() {
            @Override
            public boolean canSend(ChatPrincipal user, Room room) {
              canSendAsked.incrementAndGet();
              return RoomAuthorizer.super.canSend(user, room);
            }
          });
  private final ChatPrincipal alice = new ChatPrincipal("alice");
  private final ChatPrincipal bob = new ChatPrincipal("bob");

  @AfterEach
  void close() {
    chat.close();
  }

  @Test
  void aParticipantsSendIsCheckedOnce() {
    Room room = access.createRoom(alice, "open", RoomVisibility.PUBLIC);
    ChatMessage sent = access.send(alice, room.id(), "hello", "k-1").join();
    assertThat(canSendAsked).hasValue(1);
    assertThat(chat.history(room.id(), HistoryQuery.latest(5)).messages()).endsWith(sent);
  }

  @Test
  void refusalsSayNotFoundForRoomsTheUserMayNotSeeAndComeBeforeValidation() {
    Room open = access.createRoom(alice, "open", RoomVisibility.PUBLIC);
    Room secret = access.createRoom(alice, "secret", RoomVisibility.PRIVATE);
    assertThatThrownBy(() -> access.send(bob, open.id(), " ", null))
        .isInstanceOf(NotParticipantException.class);
    assertThatThrownBy(() -> access.send(bob, secret.id(), "hi", null))
        .isInstanceOf(RoomNotFoundException.class);
    assertThatThrownBy(() -> access.send(alice, open.id(), " ", null))
        .isInstanceOf(InvalidContentException.class);
  }

  @Test
  void theAuthorizerIsTheOneDecision() {
    RoomAccess moderated =
        new RoomAccess(
            chat,
            new RoomAuthorizer() {
              @Override
              public boolean canSend(ChatPrincipal user, Room room) {
                return user.name().equals("moderator") || room.hasParticipant(user.name());
              }
            });
    Room room = access.createRoom(alice, "open", RoomVisibility.PUBLIC);
    ChatMessage sent =
        moderated.send(new ChatPrincipal("moderator"), room.id(), "be nice", null).join();
    assertThat(sent.sender()).isEqualTo("moderator");
  }
}
