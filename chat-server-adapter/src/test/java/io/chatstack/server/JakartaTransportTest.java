package io.chatstack.server;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The transport's completion handlers, against a recording stand-in for the container. */
class JakartaTransportTest {
  private final List<String> texts = new ArrayList<>();
  private final List<SendHandler> handlers = new ArrayList<>();

  private Session session() {
    RemoteEndpoint.Async async =
        (RemoteEndpoint.Async)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("sendText") && args.length == 2) {
                    texts.add((String) args[0]);
                    handlers.add((SendHandler) args[1]);
                  }
                  return null;
                });
    return (Session)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Session.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getAsyncRemote" -> async;
                  case "getMaxIdleTimeout" -> 0L;
                  default -> null;
                });
  }

  @Test
  void eachWriteReportsItsOwnOutcomeToTheCallbackItWasGiven() {
    JakartaTransport transport = new JakartaTransport(session());
    List<Throwable> first = new ArrayList<>();
    List<Throwable> second = new ArrayList<>();
    Consumer<Throwable> one = first::add;
    Consumer<Throwable> two = second::add;

    transport.send("a", one);
    handlers.get(0).onResult(new SendResult());
    transport.send("b", one);
    IOException broken = new IOException("broken pipe");
    handlers.get(1).onResult(new SendResult(broken));
    transport.send("c", two);
    handlers.get(2).onResult(new SendResult());

    assertThat(texts).containsExactly("a", "b", "c");
    assertThat(first).containsExactly(null, broken);
    assertThat(second).containsExactly((Throwable) null);
    // One handler per callback, not one per write.
    assertThat(handlers.get(1)).isSameAs(handlers.get(0));
    assertThat(handlers.get(2)).isNotSameAs(handlers.get(0));
  }
}
