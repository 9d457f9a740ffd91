package io.chatstack.spring.web;

import io.chatstack.spring.ChatstackProperties;
import io.chatstack.spring.web.internal.ChatOpenApiCustomizer;
import io.chatstack.spring.web.internal.RoomController;
import org.springdoc.core.customizers.GlobalOperationComponentsCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Documents the REST API in the OpenAPI document springdoc serves at {@code /v3/api-docs} when the
 * host application has springdoc ({@code org.springdoc:springdoc-openapi-starter-webmvc-api}, or
 * {@code -webmvc-ui} for Swagger UI at {@code /swagger-ui.html}) on the class path: every error
 * response as problem JSON with its {@code code} values, and the security scheme of {@code
 * chatstack.security.authentication}. springdoc's own {@code springdoc.api-docs.enabled=false}
 * turns the document off. chatstack's {@code /api/**} filter does not cover springdoc's paths: the
 * document is public unless the host's own security protects it.
 */
@AutoConfiguration(after = ChatRestAutoConfiguration.class)
@ConditionalOnClass(GlobalOperationComponentsCustomizer.class)
@ConditionalOnBean(RoomController.class)
public final class ChatOpenApiAutoConfiguration {

  /** Problem JSON responses and the security scheme of chatstack's operations. */
  @Bean
  @ConditionalOnMissingBean
  ChatOpenApiCustomizer chatOpenApiCustomizer(ChatstackProperties properties) {
    return new ChatOpenApiCustomizer(properties.authenticationMode());
  }
}
