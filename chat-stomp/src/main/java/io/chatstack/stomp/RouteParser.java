package io.chatstack.stomp;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the destinations of a {@link StompDestinations} table to {@link Route}s by exact match:
 * anything else (other prefixes, {@code ..}, encoded characters, trailing slashes, ids that are not
 * decimal numbers without leading zeros) is refused. Thread-safe (immutable).
 */
public final class RouteParser {
  private static final String ID = "/(0|[1-9][0-9]{0,17})";
  private final StompDestinations destinations;
  private final Pattern send;
  private final Pattern join;
  private final Pattern leave;
  private final Pattern invite;
  private final Pattern remove;
  private final Pattern room;
  private final Pattern history;
  private final Pattern typing;
  private final Pattern read;
  private final Pattern signal;
  private final Pattern edit;
  private final Pattern delete;
  private final Pattern react;
  private final Pattern moderation;

  /** A parser of the destinations of {@code destinations}. */
  public RouteParser(StompDestinations destinations) {
    this.destinations = destinations;
    this.send = Pattern.compile(Pattern.quote(destinations.appPrefix() + "/chat/send") + ID);
    this.join = Pattern.compile(Pattern.quote(destinations.appPrefix() + "/chat/join") + ID);
    this.leave = Pattern.compile(Pattern.quote(destinations.appPrefix() + "/chat/leave") + ID);
    this.invite = Pattern.compile(Pattern.quote(destinations.appPrefix() + "/chat/invite") + ID);
    this.remove = Pattern.compile(Pattern.quote(destinations.appPrefix() + "/chat/remove") + ID);
    this.room = Pattern.compile(Pattern.quote(destinations.topicPrefix() + "/chat") + ID);
    this.history = Pattern.compile(Pattern.quote(destinations.appPrefix() + "/chat/history") + ID);
    this.typing = Pattern.compile(Pattern.quote(destinations.appPrefix() + "/chat/typing") + ID);
    this.read = Pattern.compile(Pattern.quote(destinations.appPrefix() + "/chat/read") + ID);
    this.edit = Pattern.compile(Pattern.quote(destinations.appPrefix() + "/chat/edit") + ID);
    this.delete = Pattern.compile(Pattern.quote(destinations.appPrefix() + "/chat/delete") + ID);
    this.react = Pattern.compile(Pattern.quote(destinations.appPrefix() + "/chat/react") + ID);
    this.moderation =
        Pattern.compile(Pattern.quote(destinations.appPrefix() + "/chat/moderation") + ID);
    this.signal =
        Pattern.compile(
            Pattern.quote(destinations.topicPrefix() + "/chat") + ID + "/(presence|typing|reads)");
  }

  /**
   * The route of a SEND destination.
   *
   * @throws StompProtocolException ({@link ErrorCodes#UNKNOWN_DESTINATION}) when there is none
   */
  public Route forSend(String destination) {
    Matcher m;
    if ((m = send.matcher(destination)).matches()) {
      return new Route.SendToRoom(Long.parseLong(m.group(1)));
    }
    if ((m = join.matcher(destination)).matches()) {
      return new Route.Join(Long.parseLong(m.group(1)));
    }
    if ((m = leave.matcher(destination)).matches()) {
      return new Route.Leave(Long.parseLong(m.group(1)));
    }
    if (destination.equals(destinations.createRoom())) {
      return new Route.CreateRoom();
    }
    if ((m = invite.matcher(destination)).matches()) {
      return new Route.Invite(Long.parseLong(m.group(1)));
    }
    if ((m = remove.matcher(destination)).matches()) {
      return new Route.Remove(Long.parseLong(m.group(1)));
    }
    if (destination.equals(destinations.direct())) {
      return new Route.Direct();
    }
    if ((m = typing.matcher(destination)).matches()) {
      return new Route.Typing(Long.parseLong(m.group(1)));
    }
    if ((m = read.matcher(destination)).matches()) {
      return new Route.MarkRead(Long.parseLong(m.group(1)));
    }
    if ((m = edit.matcher(destination)).matches()) {
      return new Route.Edit(Long.parseLong(m.group(1)));
    }
    if ((m = delete.matcher(destination)).matches()) {
      return new Route.Delete(Long.parseLong(m.group(1)));
    }
    if ((m = react.matcher(destination)).matches()) {
      return new Route.React(Long.parseLong(m.group(1)));
    }
    if ((m = moderation.matcher(destination)).matches()) {
      return new Route.Moderate(Long.parseLong(m.group(1)));
    }
    throw unknown(
        "SEND",
        destination,
        destinations.send(1)
            + ", "
            + destinations.join(1)
            + ", "
            + destinations.leave(1)
            + ", "
            + destinations.invite(1)
            + ", "
            + destinations.remove(1)
            + ", "
            + destinations.direct()
            + ", "
            + destinations.sendTyping(1)
            + ", "
            + destinations.markRead(1)
            + ", "
            + destinations.edit(1)
            + ", "
            + destinations.delete(1)
            + ", "
            + destinations.react(1)
            + ", "
            + destinations.moderation(1)
            + " or "
            + destinations.createRoom());
  }

  /**
   * The route of a SUBSCRIBE destination.
   *
   * @throws StompProtocolException ({@link ErrorCodes#UNKNOWN_DESTINATION}) when there is none
   */
  public Route forSubscribe(String destination) {
    Matcher m = room.matcher(destination);
    if (m.matches()) {
      return new Route.RoomTopic(Long.parseLong(m.group(1)));
    }
    if (destination.equals(destinations.rooms())) {
      return new Route.RoomsTopic();
    }
    if (destination.equals(destinations.errors())) {
      return new Route.ErrorQueue();
    }
    if ((m = history.matcher(destination)).matches()) {
      return new Route.History(Long.parseLong(m.group(1)));
    }
    if (destination.equals(destinations.roomList())) {
      return new Route.RoomList();
    }
    if ((m = signal.matcher(destination)).matches()) {
      long roomId = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "presence" -> new Route.PresenceTopic(roomId);
        case "typing" -> new Route.TypingTopic(roomId);
        default -> new Route.ReadsTopic(roomId);
      };
    }
    if (destination.equals(destinations.readState())) {
      return new Route.ReadStateQueue();
    }
    throw unknown(
        "SUBSCRIBE",
        destination,
        destinations.room(1)
            + ", "
            + destinations.rooms()
            + ", "
            + destinations.errors()
            + ", "
            + destinations.roomList()
            + ", "
            + destinations.history(1)
            + ", "
            + destinations.presence(1)
            + ", "
            + destinations.typing(1)
            + ", "
            + destinations.reads(1)
            + " or "
            + destinations.readState());
  }

  private static StompProtocolException unknown(
      String command, String destination, String examples) {
    return new StompProtocolException(
        ErrorCodes.UNKNOWN_DESTINATION,
        command
            + " destination '"
            + StompProtocolException.abbreviate(destination)
            + "' does not exist; use e.g. "
            + examples);
  }
}
