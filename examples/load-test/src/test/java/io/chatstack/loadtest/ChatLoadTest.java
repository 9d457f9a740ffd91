package io.chatstack.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChatLoadTest {
  private static String code(String body) {
    return ChatLoad.errorCode(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theCodeOfAnApplicationErrorIsReadWhereverItStands() {
    assertThat(code("{\"code\":\"interceptor-failed\",\"message\":\"try again\"}"))
        .isEqualTo("interceptor-failed");
    assertThat(code("{\"message\":\"x\",\"extra\":{\"code\":\"inner\"},\"code\":\"rate-limited\"}"))
        .isEqualTo("rate-limited");
  }

  @Test
  void aBodyWithoutAStringCodeIsUnknown() {
    assertThat(code("not json")).isEqualTo("unknown");
    assertThat(code("{\"message\":\"no code\"}")).isEqualTo("unknown");
    assertThat(code("{\"code\":42}")).isEqualTo("unknown");
    assertThat(code("[\"code\"]")).isEqualTo("unknown");
  }
}
