/**
 * JUnit Platform hooks for chatstack's own test runs; inactive unless their system property is set.
 */
@NullMarked
package io.chatstack.testkit.junit;

import org.jspecify.annotations.NullMarked;
