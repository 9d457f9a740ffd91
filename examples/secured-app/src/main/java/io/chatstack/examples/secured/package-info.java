/**
 * A host app behind Spring Security whose logged-in user is the chat identity on REST and STOMP.
 */
@NullMarked
package io.chatstack.examples.secured;

import org.jspecify.annotations.NullMarked;
