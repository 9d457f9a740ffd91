package io.chatstack.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.spring.ChatstackAutoConfiguration;
import io.chatstack.spring.security.ChatSecurityAutoConfiguration;
import io.chatstack.spring.web.internal.ChatOpenApiCustomizer;
import org.junit.jupiter.api.Test;
import org.springdoc.core.customizers.GlobalOperationComponentsCustomizer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

class ChatOpenApiAutoConfigurationTest {
  private final WebApplicationContextRunner web =
      new WebApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ChatstackAutoConfiguration.class,
                  ChatSecurityAutoConfiguration.class,
                  ChatRestAutoConfiguration.class,
                  ChatOpenApiAutoConfiguration.class));

  @Test
  void documentsTheRestApiWhenSpringdocIsPresent() {
    web.run(context -> assertThat(context).hasSingleBean(ChatOpenApiCustomizer.class));
  }

  @Test
  void backsOffWithoutSpringdoc() {
    web.withClassLoader(
            new FilteredClassLoader(
                GlobalOperationComponentsCustomizer.class.getPackageName(), "io.swagger."))
        .run(
            context ->
                assertThat(context)
                    .hasNotFailed()
                    .hasBean("chatRoomController")
                    .doesNotHaveBean(ChatOpenApiCustomizer.class));
  }

  @Test
  void documentsNothingWithoutTheRestApi() {
    web.withPropertyValues("chatstack.rest.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(ChatOpenApiCustomizer.class));
  }
}
