package io.chatstack.server.internal;

import static io.chatstack.server.TestFrame.connect;
import static io.chatstack.server.TestFrame.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.chatstack.core.HistoryQuery;
import io.chatstack.core.Room;
import io.chatstack.server.StompLimits;
import io.chatstack.server.TestFrame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property-based fuzzing of the frame path (no network): valid frames, mutated frames and random
 * bytes, in random chunks. The engine must never throw, must write only well-formed frames, must
 * end every ERROR by closing, must buffer no more than the frame limit, must keep serving when it
 * did not close, and must never store a message from anyone but the authenticated user.
 */
class StompSessionFuzzTest {
  static EngineFixture fixture;
  static Room room;

  @BeforeContainer
  static void start() {
    fixture = new EngineFixture();
    room = fixture.service.createRoom("fuzz", "fuzzer");
  }

  @AfterContainer
  static void stop() {
    fixture.close();
  }

  @Property(tries = 400)
  void engineAnswersEveryInputByProcessingOrErrorAndClose(
      @ForAll("chunks") List<byte[]> chunks, @ForAll boolean connectFirst) {
    EngineFixture.Connection c = fixture.open();
    try {
      if (connectFirst) {
        c.session().onText(connect("fuzzer"));
      }
      for (byte[] chunk : chunks) {
        assertThatCode(() -> c.session().onBinary(ByteBuffer.wrap(chunk)))
            .doesNotThrowAnyException();
      }
      List<TestFrame> frames = c.transport().frames();
      boolean errored = frames.stream().anyMatch(f -> f.command().equals("ERROR"));
      if (errored) {
        assertThat(frames.get(frames.size() - 1).command()).isEqualTo("ERROR");
        assertThat(c.transport().closed).isTrue();
      }
      if (c.transport().closed && c.transport().violation) {
        assertThat(errored).isTrue();
      }
      assertThat(c.session().bufferedBytes())
          .isLessThanOrEqualTo(StompLimits.DEFAULTS.maxFrameBytes());
      boolean connected = frames.stream().anyMatch(f -> f.command().equals("CONNECTED"));
      if (!c.transport().closed && connected && c.session().bufferedBytes() == 0) {
        c.session()
            .onText(
                frame(
                    "SUBSCRIBE",
                    "",
                    "id",
                    "probe",
                    "destination",
                    "/topic/rooms",
                    "receipt",
                    "probe"));
        assertThat(c.transport().frames()).anyMatch(f -> "probe".equals(f.header("receipt-id")));
      }
      assertThat(
              fixture
                  .service
                  .history(room.id(), HistoryQuery.before(Long.MAX_VALUE, 500))
                  .messages())
          .allMatch(m -> m.sender().equals("fuzzer"));
    } finally {
      c.session().onTransportClosed();
    }
  }

  @Provide
  Arbitrary<List<byte[]>> chunks() {
    Arbitrary<byte[]> valid =
        Arbitraries.of(templates()).map(t -> t.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> mutated =
        Combinators.combine(
                valid,
                Arbitraries.integers().between(0, 10_000).list().ofMinSize(1).ofMaxSize(6),
                Arbitraries.bytes().list().ofSize(6))
            .as(StompSessionFuzzTest::mutate);
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    Arbitrary<byte[]> text =
        Arbitraries.strings()
            .withChars("\n\r\0:\\abcSENDCONNECT/{}\"")
            .ofMaxLength(120)
            .map(s -> s.getBytes(StandardCharsets.UTF_8));
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(4, valid), net.jqwik.api.Tuple.of(4, mutated),
            net.jqwik.api.Tuple.of(1, random), net.jqwik.api.Tuple.of(1, text))
        .list()
        .ofMinSize(1)
        .ofMaxSize(8);
  }

  private static List<String> templates() {
    String r = Long.toString(room.id());
    return List.of(
        connect("fuzzer"),
        frame("SEND", "{\"content\":\"hi\"}", "destination", "/app/chat/send/" + r, "receipt", "s"),
        frame(
            "SEND",
            "{\"content\":\"hi\",\"sender\":\"alice\"}",
            "destination",
            "/app/chat/send/" + r),
        frame("SEND", "{\"type\":\"JOIN\"}", "destination", "/app/chat/send/" + r),
        frame("SEND", "", "destination", "/app/chat/join/" + r),
        frame("SEND", "{\"roomName\":\"fz\"}", "destination", "/app/chat/rooms"),
        frame("SUBSCRIBE", "", "id", "a", "destination", "/topic/chat/" + r, "since-seq", "0"),
        frame("SUBSCRIBE", "", "id", "b", "destination", "/topic/rooms", "receipt", "x"),
        frame("SUBSCRIBE", "", "id", "c", "destination", "/user/queue/errors"),
        frame("UNSUBSCRIBE", "", "id", "b"),
        frame(
            "SEND",
            "{\"content\":\"x\"}",
            "destination",
            "/app/chat/send/" + r,
            "content-length",
            "15"),
        frame("ACK", "", "id", "1"),
        frame("DISCONNECT", "", "receipt", "bye"),
        "\n",
        "\r\n");
  }

  private static byte[] mutate(byte[] template, List<Integer> positions, List<Byte> values) {
    StringBuilder out = new StringBuilder(new String(template, StandardCharsets.ISO_8859_1));
    for (int i = 0; i < positions.size(); i++) {
      int at = positions.get(i) % (out.length() + 1);
      char value = (char) (values.get(i) & 0xFF);
      switch (positions.get(i) % 4) {
        case 0 -> out.insert(at, value);
        case 1 -> {
          if (at < out.length()) out.setCharAt(at, value);
        }
        case 2 -> {
          if (at < out.length()) out.deleteCharAt(at);
        }
        default -> out.setLength(at);
      }
    }
    return out.toString().getBytes(StandardCharsets.ISO_8859_1);
  }
}
