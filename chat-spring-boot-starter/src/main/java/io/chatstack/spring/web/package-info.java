/**
 * Auto-configuration of chatstack's REST API ({@code /api/rooms}, {@code /api/messages}) in servlet
 * web applications.
 */
@NullMarked
package io.chatstack.spring.web;

import org.jspecify.annotations.NullMarked;
