/**
 * In-process infrastructure for tests and development: backing services in a process of their own
 * ({@link io.chatstack.testkit.ServicesProcess}, {@link io.chatstack.testkit.DevServicesMain}).
 */
@NullMarked
package io.chatstack.testkit;

import org.jspecify.annotations.NullMarked;
