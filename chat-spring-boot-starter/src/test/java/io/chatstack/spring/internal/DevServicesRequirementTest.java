package io.chatstack.spring.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** The starter's test class path has no chat-dev-services: asking for dev services fails. */
class DevServicesRequirementTest {
  private final DevServicesRequirement requirement = new DevServicesRequirement();
  private final SpringApplication application = new SpringApplication();

  @Test
  void devServicesWithoutTheModuleFailWithItsCoordinates() {
    MockEnvironment environment =
        new MockEnvironment().withProperty("chatstack.dev-services.enabled", "true");
    assertThatThrownBy(() -> requirement.postProcessEnvironment(environment, application))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("io.chatstack:chat-dev-services");
  }

  @Test
  void withoutDevServicesNothingIsRequired() {
    assertThatCode(() -> requirement.postProcessEnvironment(new MockEnvironment(), application))
        .doesNotThrowAnyException();
    MockEnvironment off =
        new MockEnvironment().withProperty("chatstack.dev-services.enabled", "false");
    assertThatCode(() -> requirement.postProcessEnvironment(off, application))
        .doesNotThrowAnyException();
  }
}
