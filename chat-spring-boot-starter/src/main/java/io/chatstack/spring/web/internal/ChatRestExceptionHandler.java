package io.chatstack.spring.web.internal;

import io.chatstack.core.ActionRefusedException;
import io.chatstack.core.ChatException;
import io.chatstack.core.ChatUnavailableException;
import io.chatstack.core.InvalidInputException;
import io.chatstack.core.MessageChangeRefusedException;
import io.chatstack.core.MessageNotFoundException;
import io.chatstack.core.MessageRejectedException;
import io.chatstack.core.NotParticipantException;
import io.chatstack.core.RoomNotFoundException;
import io.chatstack.server.AuthenticationException;
import io.chatstack.server.ForbiddenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns errors of the chatstack REST controllers into RFC 9457 problem JSON with a stable {@code
 * code} property, e.g. {@code {"status":404,"title":"Not Found","detail":"Room 9 does not
 * exist...","code":"room-not-found"}}. Failures of the backends (503) and anything unexpected (500)
 * get a generic detail: their messages can carry SQL or driver text. Thread-safe; stateless.
 *
 * <p>Ordered first, so that a host's own advice (a global
 * {@code @ExceptionHandler(Exception.class)}, or Spring Boot's {@code
 * spring.mvc.problemdetails.enabled=true}) does not answer chatstack's errors without their {@code
 * code}; it applies only to chatstack's own controllers.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(
    assignableTypes = {
      RoomController.class,
      RoomSignalController.class,
      MessageController.class,
      MessageChangeController.class,
      ModerationController.class,
      AdminController.class
    })
public class ChatRestExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ChatRestExceptionHandler.class);

  @ExceptionHandler(ChatException.class)
  ProblemDetail chatException(ChatException e) {
    HttpStatus status = status(e);
    if (status.is5xxServerError()) {
      log.warn("REST call failed: {}", e.toString(), e);
      return status == HttpStatus.SERVICE_UNAVAILABLE
          ? problem(status, "A backing service is unavailable; try again later", e.code())
          : problem(status, Problems.INTERNAL_DETAIL, "internal-error");
    }
    return problem(status, e.getMessage(), e.code());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    return problem(
        HttpStatus.BAD_REQUEST, "Request body is not valid JSON for this endpoint", "invalid-json");
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
    return problem(
        HttpStatus.BAD_REQUEST,
        "Parameter '" + e.getName() + "' must be a number",
        "invalid-parameter");
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ProblemDetail missing(MissingServletRequestParameterException e) {
    return problem(
        HttpStatus.BAD_REQUEST,
        "Parameter '" + e.getParameterName() + "' is required",
        "invalid-parameter");
  }

  /** Spring MVC's own errors by their status; anything else is a 500 without details. */
  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    if (e instanceof ErrorResponse known && !known.getStatusCode().is5xxServerError()) {
      int status = known.getStatusCode().value();
      return problem(HttpStatus.valueOf(status), Problems.detail(status), Problems.code(status));
    }
    log.error("REST call failed", e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, Problems.INTERNAL_DETAIL, "internal-error");
  }

  private static HttpStatus status(ChatException e) {
    if (e instanceof InvalidInputException) {
      return HttpStatus.BAD_REQUEST;
    }
    if (e instanceof AuthenticationException) {
      return HttpStatus.UNAUTHORIZED;
    }
    if (e instanceof RoomNotFoundException || e instanceof MessageNotFoundException) {
      return HttpStatus.NOT_FOUND;
    }
    if (e instanceof MessageChangeRefusedException) {
      // Who may change it (sender, edit window): 403; the message's state (kind, deleted): 409.
      return switch (e.code()) {
        case MessageChangeRefusedException.NOT_EDITABLE,
            MessageChangeRefusedException.MESSAGE_DELETED ->
            HttpStatus.CONFLICT;
        default -> HttpStatus.FORBIDDEN;
      };
    }
    if (e instanceof MessageRejectedException rejected) {
      // A MessageInterceptor refused it: 422; one failed (fail-closed, retryable): 503.
      return rejected.retryable()
          ? HttpStatus.SERVICE_UNAVAILABLE
          : HttpStatus.UNPROCESSABLE_CONTENT;
    }
    if (e instanceof NotParticipantException
        || e instanceof IdentityMismatchException
        || e instanceof ForbiddenException
        || e instanceof ActionRefusedException) {
      return HttpStatus.FORBIDDEN;
    }
    if (e instanceof ChatUnavailableException) {
      return HttpStatus.SERVICE_UNAVAILABLE;
    }
    return HttpStatus.INTERNAL_SERVER_ERROR;
  }

  private static ProblemDetail problem(HttpStatus status, String detail, String code) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setProperty("code", code);
    return problem;
  }
}
