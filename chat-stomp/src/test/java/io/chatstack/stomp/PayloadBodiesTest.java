package io.chatstack.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PayloadBodiesTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void bodiesHaveTheWireShapeOfTheProtocol() throws Exception {
    assertThat(json.writeValueAsString(SendBody.chat("hi", null)))
        .isEqualTo("{\"content\":\"hi\",\"type\":\"CHAT\"}");
    assertThat(json.writeValueAsString(SendBody.chat("hi", "c-1")))
        .isEqualTo("{\"content\":\"hi\",\"type\":\"CHAT\",\"clientMsgId\":\"c-1\"}");
    assertThat(
            json.writeValueAsString(
                new CreateRoomBody("general", CreateRoomBody.Visibility.PRIVATE)))
        .isEqualTo("{\"roomName\":\"general\",\"visibility\":\"PRIVATE\"}");
    assertThat(json.writeValueAsString(new UsernameBody("bob")))
        .isEqualTo("{\"username\":\"bob\"}");
    assertThat(json.writeValueAsString(new ErrorBody("rate-limited", "slow down", null)))
        .isEqualTo("{\"code\":\"rate-limited\",\"message\":\"slow down\"}");
    assertThat(json.writeValueAsString(new ErrorBody("x", "y", "r-1")))
        .isEqualTo("{\"code\":\"x\",\"message\":\"y\",\"receiptId\":\"r-1\"}");
  }

  @Test
  void theServersBodiesAreReadBackAndARevocationIsAnErrorBodyToo() throws Exception {
    byte[] revocation = json.writeValueAsBytes(RevocationBody.of(7, "sub-1"));
    RevocationBody read = json.readValue(revocation, RevocationBody.class);
    assertThat(read).isEqualTo(RevocationBody.of(7, "sub-1"));
    assertThat(read.code()).isEqualTo(ErrorCodes.SUBSCRIPTION_REVOKED);
    assertThat(read.message()).contains("no longer a participant of room 7");
    ErrorBody asError = json.readValue(revocation, ErrorBody.class);
    assertThat(asError.code()).isEqualTo(ErrorCodes.SUBSCRIPTION_REVOKED);
    assertThat(asError.receiptId()).isNull();
  }
}
