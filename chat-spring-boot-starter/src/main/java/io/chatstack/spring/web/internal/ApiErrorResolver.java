package io.chatstack.spring.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.ErrorResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.DefaultHandlerExceptionResolver;

/**
 * Answers Spring MVC's own errors of requests under /api that reached no controller (no such path
 * 404, wrong method 405, body type 415, 406) the way Spring MVC does by default, with {@code
 * sendError} and the error's headers (such as {@code Allow}), which {@link ProblemErrorResponse}
 * turns into chatstack's problem JSON with a {@code code}. Installed ahead of the application's
 * exception handlers, so that a host's global advice (or {@code
 * spring.mvc.problemdetails.enabled=true}) does not answer them without a code; everything else,
 * and every request outside /api, it leaves to them. Thread-safe; stateless.
 */
public final class ApiErrorResolver implements HandlerExceptionResolver {
  private final DefaultHandlerExceptionResolver defaults = new DefaultHandlerExceptionResolver();

  @Override
  public ModelAndView resolveException(
      HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
    boolean chatApi = request.getAttribute(RestCaller.ATTRIBUTE) != null;
    if (!chatApi || handler instanceof HandlerMethod || !(ex instanceof ErrorResponse)) {
      return null;
    }
    return defaults.resolveException(request, response, handler, ex);
  }
}
