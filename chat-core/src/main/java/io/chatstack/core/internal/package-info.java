/**
 * Implementation details of {@code io.chatstack.core} (validation, room cache, catch-up of
 * subscribers). Not API: may change without notice.
 */
@NullMarked
package io.chatstack.core.internal;

import org.jspecify.annotations.NullMarked;
