/** The open-loop load generator of the benchmarks, for chatstack and the two baselines. */
@NullMarked
package io.chatstack.loadtest;

import org.jspecify.annotations.NullMarked;
