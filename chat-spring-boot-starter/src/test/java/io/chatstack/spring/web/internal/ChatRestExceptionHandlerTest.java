package io.chatstack.spring.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.ChatException;
import io.chatstack.core.InvalidInputException;
import io.chatstack.core.MessageChangeRefusedException;
import io.chatstack.core.MessageNotFoundException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

/** Status and code of each message-lifecycle error as REST answers it. */
class ChatRestExceptionHandlerTest {
  private final ChatRestExceptionHandler handler = new ChatRestExceptionHandler();

  private void answers(ChatException e, int status, String code) {
    ProblemDetail problem = handler.chatException(e);
    assertThat(problem.getStatus()).as(code).isEqualTo(status);
    assertThat(problem.getProperties()).containsEntry("code", code);
    assertThat(problem.getDetail()).isEqualTo(e.getMessage());
  }

  private static MessageChangeRefusedException refused(String code) {
    return new MessageChangeRefusedException(code, "refused: " + code);
  }

  @Test
  void lifecycleErrorsGetTheirStatus() {
    answers(new MessageNotFoundException(1, "m-1"), 404, "message-not-found");
    answers(refused(MessageChangeRefusedException.NOT_MESSAGE_SENDER), 403, "not-message-sender");
    answers(refused(MessageChangeRefusedException.EDIT_WINDOW_EXPIRED), 403, "edit-window-expired");
    answers(refused(MessageChangeRefusedException.NOT_EDITABLE), 409, "not-editable");
    answers(refused(MessageChangeRefusedException.MESSAGE_DELETED), 409, "message-deleted");
    for (String code :
        new String[] {
          "invalid-metadata", "invalid-emoji", "invalid-reply-to", "invalid-message-id"
        }) {
      answers(new InvalidInputException(code, "bad " + code), 400, code);
    }
  }
}
