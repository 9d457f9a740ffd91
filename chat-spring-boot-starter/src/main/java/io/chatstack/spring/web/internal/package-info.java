/**
 * Implementation of the REST API: controllers, request and response bodies, the {@code /api/**}
 * filter and problem JSON. Not API: may change without notice.
 */
@NullMarked
package io.chatstack.spring.web.internal;

import org.jspecify.annotations.NullMarked;
