package io.chatstack.spring.web.internal;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Hands controllers the {@link RestCaller} that {@link ChatApiFilter} resolved. Stateless. */
public final class RestCallerArgumentResolver implements HandlerMethodArgumentResolver {
  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == RestCaller.class;
  }

  @Override
  public Object resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mavContainer,
      NativeWebRequest webRequest,
      WebDataBinderFactory binderFactory) {
    Object caller = webRequest.getAttribute(RestCaller.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    if (caller == null) {
      // The filter covers /api/**; a controller mapped elsewhere would run unauthenticated.
      throw new IllegalStateException("chatstack's /api/** filter did not run for this request");
    }
    return caller;
  }
}
