/**
 * Auto-configuration of the Jdbi room repository from {@code chatstack.jdbc.*}, on a connection
 * pool of chatstack's own.
 */
@NullMarked
package io.chatstack.spring.jdbi;

import org.jspecify.annotations.NullMarked;
