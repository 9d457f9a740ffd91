/**
 * Network helpers for failure tests: a TCP proxy that can cut connections and a STOMP subscriber
 * that stops reading.
 */
@NullMarked
package io.chatstack.testkit.net;

import org.jspecify.annotations.NullMarked;
