package io.chatstack.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DevAuthenticatorTest {
  private final DevAuthenticator authenticator = new DevAuthenticator();

  @ParameterizedTest
  @ValueSource(strings = {"x' OR 1=1 --", "<b>bi</b>", "bad user!", "\u0430lice", ""})
  void refusesLoginsBreakingTheUserNameRule(String login) {
    assertThatThrownBy(() -> authenticator.authenticate(login(login)))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageStartingWith("User name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"alice", "Jos\u00e9", "\u5c71\u7530", "bob.smith@example.com"})
  void acceptsLoginsFollowingTheUserNameRule(String login) {
    assertThat(authenticator.authenticate(login(login)).name()).isEqualTo(login);
  }

  @Test
  void appliesTheRuleToTheQueryParameterAndTheConfiguredMaximum() {
    AuthenticationRequest query =
        new AuthenticationRequest(
            Map.of(), Map.of(), Map.of("username", List.of("\u0430lice")), Optional.empty());
    assertThatThrownBy(() -> authenticator.authenticate(query))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("script");
    assertThatThrownBy(() -> authenticator.authenticate(login("m".repeat(65))))
        .hasMessageContaining("maximum is 64");
    assertThat(new DevAuthenticator(100).authenticate(login("m".repeat(65))).name()).hasSize(65);
  }

  private static AuthenticationRequest login(String name) {
    return new AuthenticationRequest(Map.of("login", name), Map.of(), Map.of(), Optional.empty());
  }
}
