/**
 * Spring Boot auto-configuration of chatstack: the {@link io.chatstack.core.ChatService} with its
 * ports, {@link io.chatstack.spring.ChatstackProperties} ({@code chatstack.*}) and {@link
 * io.chatstack.spring.ChatServiceCustomizer}. Packages named {@code internal} are not API.
 */
@NullMarked
package io.chatstack.spring;

import org.jspecify.annotations.NullMarked;
