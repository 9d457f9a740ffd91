package io.chatstack.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.json.ChatJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonValuesTest {

  /** The size JsonValues computes is the size Jackson writes. */
  private static void sameSizeAsJackson(Object value) {
    int jackson = ChatJson.toJson(value).getBytes(StandardCharsets.UTF_8).length;
    assertThat(JsonValues.copy(value).bytes()).as("%s", value).isEqualTo(jackson);
  }

  @Test
  void measuresEveryJsonTypeLikeJackson() {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("s", "plain \"quoted\" back\\slash\n\t\r\b\f \u0001 é € 😀");
    all.put("t", true);
    all.put("f", false);
    all.put("n", null);
    all.put("i", 42);
    all.put("l", -9_000_000_000L);
    all.put("sh", (short) 7);
    all.put("b", (byte) -3);
    all.put("big", new BigInteger("123456789012345678901234567890"));
    all.put("d", 0.5);
    all.put("fl", 1.5f);
    all.put("dec", new BigDecimal("3.25"));
    all.put("list", List.of(1, "two", List.of(), Map.of()));
    all.put("empty", Map.of());
    sameSizeAsJackson(all);
    sameSizeAsJackson(Map.of("one", 1));
    sameSizeAsJackson(List.of("a", "b"));
    sameSizeAsJackson("x");
  }

  @Test
  void copiesAreUnmodifiableAndEqual() {
    List<Object> list = new ArrayList<>(List.of(1, 2));
    Map<String, Object> in = new LinkedHashMap<>(Map.of("list", list));
    Object copy = JsonValues.copy(in).value();
    assertThat(copy).isEqualTo(in);
    list.add(3);
    assertThat(copy).isEqualTo(Map.of("list", List.of(1, 2)));
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) copy;
    assertThatThrownBy(() -> map.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void refusesWhatJsonCannotHold() {
    assertThatThrownBy(() -> JsonValues.copy(Double.NaN)).hasMessageContaining("finite");
    assertThatThrownBy(() -> JsonValues.copy(Float.POSITIVE_INFINITY))
        .hasMessageContaining("finite");
    assertThatThrownBy(() -> JsonValues.copy(new Object())).hasMessageContaining("cannot hold");
    Map<Object, Object> key = new LinkedHashMap<>();
    key.put(1, "x");
    assertThatThrownBy(() -> JsonValues.copy(key)).hasMessageContaining("string");
    List<Object> self = new ArrayList<>();
    self.add(self);
    assertThatThrownBy(() -> JsonValues.copy(self)).hasMessageContaining("contains itself");
    List<Object> twice = List.of("same", "same");
    assertThat(JsonValues.copy(List.of(twice, twice)).value()).isEqualTo(List.of(twice, twice));
  }
}
