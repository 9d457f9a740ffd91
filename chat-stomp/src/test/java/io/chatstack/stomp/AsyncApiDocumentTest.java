package io.chatstack.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/asyncapi.yaml} describes exactly the server's destination table: every destination of
 * {@link StompDestinations} (found by reflection, each read back by {@link RouteParser} as the
 * server reads it, and together reaching every {@link Route} type) has an operation with its action
 * ({@code send} for SEND, {@code receive} for SUBSCRIBE), and the document names no destination the
 * server does not have. Also checks the document's structure, its error codes against {@link
 * ErrorCodes}, its header names against {@link HeaderNames} and its body schemas against the
 * records of this package.
 */
class AsyncApiDocumentTest {
  /** A room id no destination contains otherwise; replaced by {@code {roomId}}. */
  private static final long ROOM = 918273645L;

  private static final String ROOM_PARAMETER = "{roomId}";
  private static JsonNode doc;

  @BeforeAll
  static void read() throws IOException {
    Path path = Path.of(System.getProperty("basedir", "."), "..", "docs", "asyncapi.yaml");
    assertThat(path).as("the AsyncAPI document").exists();
    doc = new ObjectMapper(new YAMLFactory()).readTree(path.toFile());
  }

  @Test
  void everyDestinationOfTheServersTableIsDescribedAndNoOther() {
    assertThat(documentedDestinations())
        .as("operations of docs/asyncapi.yaml (action + channel address)")
        .containsExactlyInAnyOrderElementsOf(serverDestinations().keySet());
  }

  @Test
  void theTableReachesEveryRouteSoTheEnumerationIsComplete() {
    Set<Class<?>> reached = new HashSet<>(serverDestinations().values());
    assertThat(reached)
        .as("Route types reached by the destinations of StompDestinations")
        .containsExactlyInAnyOrderElementsOf(leaves(Route.class));
  }

  @Test
  void theDocumentIsAsyncApi3WithEveryReferenceResolvedAndEveryChannelUsed() {
    assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).as("only local references").startsWith("#/");
      assertThat(resolve(ref).isMissingNode()).as("reference " + ref + " resolves").isFalse();
    }
    Set<String> usedChannels = new TreeSet<>();
    doc.path("operations")
        .properties()
        .forEach(
            op -> {
              JsonNode operation = op.getValue();
              String name = op.getKey();
              assertThat(operation.path("action").asText())
                  .as(name + ".action")
                  .isIn("send", "receive");
              String channel = operation.path("channel").path("$ref").asText();
              assertThat(channel).as(name + ".channel").startsWith("#/channels/");
              usedChannels.add(channel.substring("#/channels/".length()));
              assertThat(operation.path("messages").size()).as(name + ".messages").isPositive();
              operation
                  .path("messages")
                  .forEach(
                      m ->
                          assertThat(m.path("$ref").asText())
                              .as(name + ": messages of its own channel")
                              .startsWith(channel + "/messages/"));
              JsonNode reply = operation.path("reply");
              if (!reply.isMissingNode()) {
                String replyChannel = reply.path("channel").path("$ref").asText();
                reply
                    .path("messages")
                    .forEach(
                        m ->
                            assertThat(m.path("$ref").asText())
                                .as(name + ".reply: messages of its channel")
                                .startsWith(replyChannel + "/messages/"));
              }
            });
    Set<String> channels = new TreeSet<>();
    doc.path("channels").fieldNames().forEachRemaining(channels::add);
    assertThat(usedChannels).as("channels used by an operation").isEqualTo(channels);
    doc.path("channels")
        .properties()
        .forEach(
            c -> {
              if (c.getValue().path("address").asText("").contains(ROOM_PARAMETER)) {
                assertThat(c.getValue().path("parameters").has("roomId"))
                    .as(c.getKey() + " declares its roomId parameter")
                    .isTrue();
              }
            });
    Set<String> referencedMessages = new TreeSet<>();
    refs.stream()
        .filter(r -> r.startsWith("#/components/messages/"))
        .forEach(r -> referencedMessages.add(r.substring("#/components/messages/".length())));
    Set<String> messages = new TreeSet<>();
    doc.path("components").path("messages").fieldNames().forEachRemaining(messages::add);
    assertThat(referencedMessages).as("component messages used by a channel").isEqualTo(messages);
  }

  @Test
  void everyErrorCodeIsListedAndDescribed() throws IllegalAccessException {
    JsonNode errorCode = doc.path("components").path("schemas").path("ErrorCode");
    Set<String> protocol = new TreeSet<>();
    for (Field field : ErrorCodes.class.getFields()) {
      protocol.add((String) field.get(null));
    }
    Set<String> described = new TreeSet<>();
    errorCode.path("x-protocol-codes").fieldNames().forEachRemaining(described::add);
    assertThat(described).as("x-protocol-codes = ErrorCodes").isEqualTo(protocol);
    errorCode.path("x-application-codes").fieldNames().forEachRemaining(described::add);
    Set<String> listed = new TreeSet<>();
    errorCode.path("enum").forEach(code -> listed.add(code.asText()));
    assertThat(listed).as("ErrorCode.enum = the described codes").isEqualTo(described);
  }

  @Test
  void everyHeaderChatstackUsesIsDescribed() throws IllegalAccessException {
    Set<String> described = new TreeSet<>();
    doc.path("components")
        .path("schemas")
        .properties()
        .forEach(
            s -> {
              if (s.getKey().endsWith("Headers")) {
                collectPropertyNames(s.getValue(), described);
              }
            });
    Set<String> unsupported = Set.of(HeaderNames.SELECTOR, HeaderNames.TRANSACTION);
    for (Field field : HeaderNames.class.getFields()) {
      String header = (String) field.get(null);
      if (unsupported.contains(header)) {
        assertThat(doc.path("info").path("description").asText()).contains("`" + header + "`");
      } else {
        assertThat(described).as("header " + header).contains(header);
      }
    }
  }

  @Test
  void everyBodyRecordHasASchemaWithAllItsFields() throws Exception {
    Map<String, JsonNode> schemasByType = new TreeMap<>();
    doc.path("components")
        .path("schemas")
        .forEach(
            schema -> {
              String type = schema.path("x-java-type").asText("");
              if (type.startsWith(StompDestinations.class.getPackageName() + ".")) {
                schemasByType.put(type, schema);
              }
            });
    assertThat(schemasByType.keySet())
        .as("schemas with an x-java-type of this package")
        .containsExactlyInAnyOrderElementsOf(bodyRecords());
    for (Map.Entry<String, JsonNode> entry : schemasByType.entrySet()) {
      Set<String> properties = new TreeSet<>();
      collectPropertyNames(entry.getValue(), properties);
      List<String> components =
          Arrays.stream(Class.forName(entry.getKey()).getRecordComponents())
              .map(RecordComponent::getName)
              .toList();
      assertThat(properties).as("properties of " + entry.getKey()).containsAll(components);
    }
  }

  /** "send /app/..." or "receive /topic/..." of each destination, mapped to its route's type. */
  private static Map<String, Class<?>> serverDestinations() {
    StompDestinations table = StompDestinations.DEFAULTS;
    RouteParser parser = new RouteParser(table);
    Set<String> accessors =
        Arrays.stream(StompDestinations.class.getRecordComponents())
            .map(RecordComponent::getName)
            .collect(java.util.stream.Collectors.toSet());
    Map<String, Class<?>> destinations = new TreeMap<>();
    for (Method method : StompDestinations.class.getDeclaredMethods()) {
      int modifiers = method.getModifiers();
      if (!Modifier.isPublic(modifiers)
          || Modifier.isStatic(modifiers)
          || method.getReturnType() != String.class
          || accessors.contains(method.getName())
          || method.getName().equals("toString")) {
        continue;
      }
      String destination = destination(table, method);
      String template = destination.replace(Long.toString(ROOM), ROOM_PARAMETER);
      boolean routed = false;
      try {
        destinations.put("send " + template, parser.forSend(destination).getClass());
        routed = true;
      } catch (StompProtocolException notSend) {
        // not a SEND destination
      }
      try {
        destinations.put("receive " + template, parser.forSubscribe(destination).getClass());
        routed = true;
      } catch (StompProtocolException notSubscribe) {
        // not a SUBSCRIBE destination
      }
      assertThat(routed).as(method.getName() + "() is a destination the server routes").isTrue();
    }
    return destinations;
  }

  private static String destination(StompDestinations table, Method method) {
    try {
      if (method.getParameterCount() == 0) {
        return (String) method.invoke(table);
      }
      if (Arrays.equals(method.getParameterTypes(), new Class<?>[] {long.class})) {
        return (String) method.invoke(table, ROOM);
      }
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new AssertionError(method.getName(), e);
    }
    return fail(
        "StompDestinations."
            + method.getName()
            + " takes parameters this test does not know: teach it, and the document");
  }

  private static Set<String> documentedDestinations() {
    Set<String> documented = new TreeSet<>();
    doc.path("operations")
        .forEach(
            operation -> {
              JsonNode channel = resolve(operation.path("channel").path("$ref").asText());
              JsonNode address = channel.path("address");
              if (!address.isNull()) {
                documented.add(operation.path("action").asText() + " " + address.asText());
              }
            });
    return documented;
  }

  private static Set<Class<?>> leaves(Class<?> sealed) {
    Set<Class<?>> leaves = new HashSet<>();
    for (Class<?> permitted : sealed.getPermittedSubclasses()) {
      if (permitted.isSealed()) {
        leaves.addAll(leaves(permitted));
      } else {
        leaves.add(permitted);
      }
    }
    return leaves;
  }

  /** The public records of this package named ...Body. */
  private static Set<String> bodyRecords() throws URISyntaxException, IOException {
    // The main classes' folder (getResource("") could answer the test classes' one).
    URL location = StompDestinations.class.getProtectionDomain().getCodeSource().getLocation();
    assertThat(location.getProtocol())
        .as("main classes in a folder, as surefire runs them")
        .isEqualTo("file");
    Path folder =
        Path.of(location.toURI())
            .resolve(StompDestinations.class.getPackageName().replace('.', '/'));
    Set<String> records = new TreeSet<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith("Body.class") && !name.contains("$")) {
          String className =
              StompDestinations.class.getPackageName()
                  + "."
                  + name.substring(0, name.length() - ".class".length());
          try {
            Class<?> type = Class.forName(className);
            if (type.isRecord() && Modifier.isPublic(type.getModifiers())) {
              records.add(className);
            }
          } catch (ClassNotFoundException e) {
            throw new AssertionError(className, e);
          }
        }
      }
    }
    assertThat(records).isNotEmpty();
    return records;
  }

  /** Property names of a schema, through allOf/oneOf/anyOf and local $refs. */
  private static void collectPropertyNames(JsonNode schema, Set<String> names) {
    if (schema.has("$ref")) {
      collectPropertyNames(resolve(schema.path("$ref").asText()), names);
      return;
    }
    schema.path("properties").fieldNames().forEachRemaining(names::add);
    for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
      schema.path(combinator).forEach(part -> collectPropertyNames(part, names));
    }
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      node.properties()
          .forEach(
              e -> {
                if (e.getKey().equals("$ref")) {
                  refs.add(e.getValue().asText());
                } else {
                  collectRefs(e.getValue(), refs);
                }
              });
    } else if (node.isArray()) {
      node.forEach(child -> collectRefs(child, refs));
    }
  }

  private static JsonNode resolve(String ref) {
    return doc.at(ref.substring(1));
  }
}
