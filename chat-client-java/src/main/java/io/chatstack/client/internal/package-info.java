/**
 * Implementation of the Java client: connection, framing, subscriptions and queries. Not API: may
 * change without notice.
 */
@NullMarked
package io.chatstack.client.internal;

import org.jspecify.annotations.NullMarked;
