package io.chatstack.examples.bot;

import io.chatstack.client.ChatClient;
import io.chatstack.client.ChatClientException;
import io.chatstack.client.ConnectionListener;
import java.net.URI;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the echo bot until Ctrl-C: {@code java -jar echo-bot.jar [url] [login] [room]}, or the
 * environment variables {@code CHATSTACK_URL} (default {@code ws://localhost:8080/ws}), {@code
 * CHATSTACK_LOGIN} (default {@code echo-bot}) and {@code CHATSTACK_ROOM} (default {@code general}).
 */
public final class EchoBotMain {
  private EchoBotMain() {}

  public static void main(String[] args) throws InterruptedException {
    String url = setting(args, 0, "CHATSTACK_URL", "ws://localhost:8080/ws");
    String login = setting(args, 1, "CHATSTACK_LOGIN", "echo-bot");
    String room = setting(args, 2, "CHATSTACK_ROOM", "general");
    CountDownLatch stopped = new CountDownLatch(1);
    int[] exitCode = {0};
    ChatClient client =
        ChatClient.builder()
            .url(URI.create(url))
            .login(login)
            .connectionListener(
                new ConnectionListener() {
                  @Override
                  public void onReconnecting(ChatClient c, int attempt, java.time.Duration delay) {
                    System.err.println("Connection lost; reconnect attempt " + attempt);
                  }

                  @Override
                  public void onFailure(ChatClient c, ChatClientException error) {
                    System.err.println("Bot stopped: " + error.getMessage());
                    exitCode[0] = 1;
                    stopped.countDown();
                  }

                  @Override
                  public void onClosed(ChatClient c) {
                    stopped.countDown();
                  }
                })
            .build();
    Runtime.getRuntime().addShutdownHook(new Thread(client::close, "echo-bot-shutdown"));
    try {
      client.connect();
      new EchoBot(client, room).start();
    } catch (ChatClientException e) {
      System.err.println("Cannot start the bot at " + url + ": " + e.getMessage());
      client.close();
      System.exit(2);
    }
    System.out.println(
        "echo-bot '" + login + "' answers !echo, !time and !help in room '" + room + "' at " + url);
    stopped.await();
    System.exit(exitCode[0]);
  }

  private static String setting(String[] args, int index, String env, String fallback) {
    if (args.length > index && !args[index].isBlank()) {
      return args[index];
    }
    String value = System.getenv(env);
    return value == null || value.isBlank() ? fallback : value;
  }
}
