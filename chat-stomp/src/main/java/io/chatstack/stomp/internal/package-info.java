/** Internals of the STOMP protocol module (not API): the bridge to spring-messaging's codec. */
@NullMarked
package io.chatstack.stomp.internal;

import org.jspecify.annotations.NullMarked;
