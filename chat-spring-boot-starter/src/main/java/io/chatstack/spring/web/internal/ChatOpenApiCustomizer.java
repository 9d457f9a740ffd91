package io.chatstack.spring.web.internal;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springdoc.core.customizers.GlobalOperationComponentsCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

/**
 * Completes springdoc's operations of chatstack's REST controllers: every error response as RFC
 * 9457 problem JSON (schema {@value #PROBLEM_SCHEMA}, one example per {@code code}) from the
 * endpoint's {@link ProblemCodes} and the codes every endpoint may answer in the authentication
 * mode, and the security scheme of that mode (bearer JWT, or the dev-mode {@code X-Chat-User}
 * header; principal mode documents none: the host's own authentication applies). Operations of
 * other controllers are left alone. Thread-safe (immutable).
 */
public final class ChatOpenApiCustomizer implements GlobalOperationComponentsCustomizer {
  /** Name of the problem JSON schema in {@code components.schemas}. */
  public static final String PROBLEM_SCHEMA = "ChatProblem";

  /** Name of the security scheme of mode jwt. */
  public static final String BEARER_SCHEME = "chatstackBearer";

  /** Name of the security scheme of mode dev. */
  public static final String DEV_USER_SCHEME = "chatstackDevUser";

  static final String PROBLEM_JSON = "application/problem+json";

  private static final Set<Class<?>> CONTROLLERS =
      Set.of(
          RoomController.class,
          RoomSignalController.class,
          MessageController.class,
          MessageChangeController.class,
          ModerationController.class,
          AdminController.class);
  private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

  private final String mode;

  /**
   * @param mode the authentication mode ({@code chatstack.security.authentication}): dev, jwt or
   *     principal
   */
  public ChatOpenApiCustomizer(String mode) {
    this.mode = mode;
  }

  @Override
  public Operation customize(Operation operation, HandlerMethod handlerMethod) {
    return customize(operation, new Components(), handlerMethod);
  }

  @Override
  public Operation customize(
      Operation operation, Components components, HandlerMethod handlerMethod) {
    if (!CONTROLLERS.contains(handlerMethod.getMethod().getDeclaringClass())) {
      return operation;
    }
    components.addSchemas(PROBLEM_SCHEMA, problemSchema());
    security(operation, components);
    ApiResponses responses =
        operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
    // springdoc may derive error responses from the exception handler: ours replace them.
    responses.keySet().removeIf(status -> status.charAt(0) == '4' || status.charAt(0) == '5');
    // The controllers declare no produces: springdoc says */*, the answers are JSON.
    responses.values().forEach(ChatOpenApiCustomizer::json);
    Map<Integer, List<String>> byStatus = new TreeMap<>();
    for (String code : codes(handlerMethod)) {
      byStatus.computeIfAbsent(ProblemCatalog.of(code).status(), s -> new ArrayList<>()).add(code);
    }
    byStatus.forEach(
        (status, codes) -> responses.addApiResponse(status.toString(), problem(codes)));
    operation.setResponses(responses);
    return operation;
  }

  /** The endpoint's own codes, then those of every endpoint like it. */
  private Set<String> codes(HandlerMethod handlerMethod) {
    Set<String> codes = new LinkedHashSet<>();
    ProblemCodes own = handlerMethod.getMethodAnnotation(ProblemCodes.class);
    if (own != null) {
      codes.addAll(List.of(own.value()));
    }
    // The filter: dev mode refuses a bad X-Chat-User header, the other modes absent credentials.
    codes.add("dev".equals(mode) ? "invalid-username" : "unauthenticated");
    boolean body = false;
    for (MethodParameter parameter : handlerMethod.getMethodParameters()) {
      Class<?> type = parameter.getParameterType();
      boolean number = type == long.class || type == int.class || type == Long.class;
      if (number
          && (parameter.hasParameterAnnotation(PathVariable.class)
              || parameter.hasParameterAnnotation(RequestParam.class))) {
        codes.add("invalid-parameter");
      }
      body |= parameter.hasParameterAnnotation(RequestBody.class);
    }
    if (body) {
      codes.add("invalid-json");
      codes.add("payload-too-large");
      codes.add("unsupported-media-type");
    }
    if (mutating(handlerMethod)) {
      codes.add("rate-limited");
    }
    codes.add("internal-error");
    codes.add("unavailable");
    return codes;
  }

  private static boolean mutating(HandlerMethod handlerMethod) {
    RequestMapping mapping =
        AnnotatedElementUtils.findMergedAnnotation(handlerMethod.getMethod(), RequestMapping.class);
    return mapping != null
        && Arrays.stream(mapping.method()).anyMatch(m -> MUTATING.contains(m.name()));
  }

  private static void json(ApiResponse response) {
    Content content = response.getContent();
    MediaType any = content == null ? null : content.remove("*/*");
    if (any != null) {
      content.addMediaType("application/json", any);
    }
  }

  private static ApiResponse problem(List<String> codes) {
    StringBuilder description = new StringBuilder();
    MediaType media =
        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA));
    for (String code : codes) {
      ProblemCatalog.Entry entry = ProblemCatalog.of(code);
      description.append(description.isEmpty() ? "" : "\n\n");
      description.append('`').append(code).append("`: ").append(entry.meaning());
      Map<String, Object> value = new LinkedHashMap<>();
      value.put("status", entry.status());
      value.put("title", Problems.title(entry.status()));
      value.put("detail", entry.meaning());
      value.put("code", code);
      media.addExamples(code, new Example().summary(entry.meaning()).value(value));
    }
    return new ApiResponse()
        .description(description.toString())
        .content(new Content().addMediaType(PROBLEM_JSON, media));
  }

  private void security(Operation operation, Components components) {
    switch (mode) {
      case "jwt" -> {
        components.addSecuritySchemes(
            BEARER_SCHEME,
            new SecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .bearerFormat("JWT")
                .description("chatstack.security.authentication=jwt: the same token as STOMP's"));
        operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER_SCHEME)));
      }
      case "dev" -> {
        components.addSecuritySchemes(
            DEV_USER_SCHEME,
            new SecurityScheme()
                .type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER)
                .name(ChatApiFilter.DEV_USER_HEADER)
                .description(
                    "chatstack.security.authentication=dev (development only): the calling"
                        + " user's name, unchecked; without it the path or body names the user"));
        // Optional: an empty requirement means the header may be left out.
        operation.setSecurity(
            List.of(new SecurityRequirement().addList(DEV_USER_SCHEME), new SecurityRequirement()));
      }
      default -> {
        // principal: the host's authentication (session, basic, ...) is the host's to document
      }
    }
  }

  private static Schema<?> problemSchema() {
    Schema<Object> schema = object();
    schema.description(
        "RFC 9457 problem details with chatstack's stable, machine-readable code member");
    schema.addProperty("type", string("A URI of the problem type; about:blank when absent"));
    schema.addProperty("title", string("The reason phrase of the status"));
    schema.addProperty("status", integer());
    schema.addProperty("detail", string("What is wrong, for people; never internals"));
    schema.addProperty("instance", string("The request path, when given"));
    schema.addProperty("code", string("Stable error code, e.g. room-not-found"));
    schema.required(List.of("status", "title", "code"));
    return schema;
  }

  private static Schema<Object> object() {
    Schema<Object> schema = new Schema<>();
    schema.type("object");
    schema.types(Set.of("object"));
    return schema;
  }

  private static Schema<Object> string(String description) {
    Schema<Object> schema = new Schema<>();
    schema.type("string");
    schema.types(Set.of("string"));
    return schema.description(description);
  }

  private static Schema<Object> integer() {
    Schema<Object> schema = new Schema<>();
    schema.type("integer");
    schema.types(Set.of("integer"));
    return schema.format("int32").description("The HTTP status");
  }
}
