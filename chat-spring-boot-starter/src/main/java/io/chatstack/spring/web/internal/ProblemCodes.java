package io.chatstack.spring.web.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The {@code code} values of the problem JSON an endpoint answers with, besides those every
 * endpoint may answer (authentication, rate and body limits, malformed numbers in the path or
 * query, {@code unavailable}, {@code internal-error}: {@link ChatOpenApiCustomizer} adds them).
 * Each code must be in {@link ProblemCatalog}, which gives its HTTP status and meaning for the
 * OpenAPI document.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface ProblemCodes {
  /** The codes, e.g. {@code "room-not-found"}. */
  String[] value();
}
