/**
 * The failure suite's chat node: a chatstack server process that scenarios start, stop and cut off.
 */
@NullMarked
package io.chatstack.failure;

import org.jspecify.annotations.NullMarked;
