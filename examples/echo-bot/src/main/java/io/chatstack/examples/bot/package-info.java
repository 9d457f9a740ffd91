/**
 * A runnable bot on chat-client-java that answers {@code !echo}, {@code !time} and {@code !help}.
 */
@NullMarked
package io.chatstack.examples.bot;

import org.jspecify.annotations.NullMarked;
