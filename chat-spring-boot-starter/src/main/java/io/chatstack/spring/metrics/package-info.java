/** Micrometer metrics of chatstack: sends, connections and persister lag. */
@NullMarked
package io.chatstack.spring.metrics;

import org.jspecify.annotations.NullMarked;
