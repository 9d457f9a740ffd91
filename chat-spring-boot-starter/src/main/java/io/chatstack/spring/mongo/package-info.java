/**
 * Auto-configuration of the MongoDB message store from {@code chatstack.mongo.*}, on a client of
 * chatstack's own.
 */
@NullMarked
package io.chatstack.spring.mongo;

import org.jspecify.annotations.NullMarked;
