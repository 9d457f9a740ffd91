/**
 * Auto-configuration of the one authentication and room authorization that REST and STOMP share
 * ({@code chatstack.security.*}).
 */
@NullMarked
package io.chatstack.spring.security;

import org.jspecify.annotations.NullMarked;
