/**
 * The demo server: a Spring Boot app on the chatstack starter and dev services, serving the Next.js
 * UI.
 */
@NullMarked
package io.chatstack.examples.demo;

import org.jspecify.annotations.NullMarked;
