/**
 * A webhook sender on the afterPersist hook: every batch of stored messages is POSTed as signed
 * JSON to a URL.
 */
@NullMarked
package io.chatstack.examples.webhook;

import org.jspecify.annotations.NullMarked;
