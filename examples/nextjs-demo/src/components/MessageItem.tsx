"use client";

import { format, isToday, isYesterday, parseISO } from "date-fns";
import type { ChatMessage } from "@chatstack/client";
import { seenText } from "@/lib/labels";
import { type MessageActionHandlers, MessageMenu, ReactionBar, ReplyQuote } from "./MessageActions";

export function formatTime(iso: string): string {
  const date = parseISO(iso);
  return Number.isNaN(date.getTime()) ? "" : format(date, "HH:mm");
}

export function formatFull(iso: string): string {
  const date = parseISO(iso);
  return Number.isNaN(date.getTime()) ? iso : format(date, "PPpp");
}

export function dayLabel(iso: string): string {
  const date = parseISO(iso);
  if (Number.isNaN(date.getTime())) return "";
  if (isToday(date)) return "Today";
  if (isYesterday(date)) return "Yesterday";
  return format(date, "PPP");
}

/** One message: own (right, blue), others' (left, grey, with sender), or a centered system line (JOIN, LEAVE, SYSTEM: moderation). */
export function MessageItem({
  message,
  own,
  username = "",
  original,
  canDelete = false,
  actions,
}: {
  message: ChatMessage;
  own: boolean;
  username?: string;
  /** The message this one replies to, when loaded. */
  original?: ChatMessage;
  /** Whether the user may delete this message although it is not their own (owner, moderator). */
  canDelete?: boolean;
  actions?: MessageActionHandlers;
}) {
  if (message.type !== "CHAT") {
    return (
      <li
        data-testid="message"
        data-kind="system"
        data-type={message.type}
        data-seq={message.seq}
        data-sender={message.sender}
        className="flex justify-center py-1"
      >
        <p className="rounded-full bg-slate-200 px-3 py-0.5 text-xs text-slate-600 italic">
          {message.content}{" "}
          <time dateTime={message.timestamp} title={formatFull(message.timestamp)} className="not-italic text-slate-500">
            {formatTime(message.timestamp)}
          </time>
        </p>
      </li>
    );
  }
  return (
    <li
      data-testid="message"
      data-kind={own ? "own" : "other"}
      data-seq={message.seq}
      data-sender={message.sender}
      className={`flex py-1 ${own ? "justify-end" : "justify-start"}`}
    >
      <div
        className={`max-w-[85%] rounded-2xl px-3 py-2 shadow-sm sm:max-w-[70%] ${
          own ? "rounded-br-sm bg-blue-600 text-white" : "rounded-bl-sm bg-white text-slate-900"
        }`}
      >
        <p className={`text-xs font-semibold ${own ? "sr-only" : "text-slate-600"}`}>
          {own ? "You" : message.sender}
        </p>
        {message.replyTo && !message.deleted && <ReplyQuote original={original} own={own} />}
        {message.deleted ? (
          <p data-testid="message-deleted" className={`italic ${own ? "text-blue-100" : "text-slate-500"}`}>
            message deleted
          </p>
        ) : (
          <p data-testid="message-content" className="break-words whitespace-pre-wrap">
            {message.content}
          </p>
        )}
        <p className={`mt-0.5 text-right text-[11px] ${own ? "text-blue-100" : "text-slate-500"}`}>
          {message.editedAt && !message.deleted && (
            <span data-testid="edited-label" title={formatFull(message.editedAt)} className="mr-1">
              edited
            </span>
          )}
          <time dateTime={message.timestamp} title={formatFull(message.timestamp)}>
            {formatTime(message.timestamp)}
          </time>
        </p>
        {actions && !message.deleted && (
          <>
            <ReactionBar message={message} username={username} onReact={(e, add) => actions.react(message.id, e, add)} />
            <MessageMenu message={message} own={own} canDelete={canDelete} actions={actions} />
          </>
        )}
      </div>
    </li>
  );
}

/** An own message not yet delivered back: "Sending…" (pending) or "Sent" (receipt only). */
export function OutgoingItem({
  content,
  state,
  onDiscard,
}: {
  content: string;
  state: "sending" | "retrying" | "sent";
  onDiscard?: () => void;
}) {
  const label = state === "sent" ? "Sent" : state === "retrying" ? "Retrying…" : "Sending…";
  return (
    <li data-testid="outgoing-message" data-state={state} className="flex justify-end py-1">
      <div className="max-w-[85%] rounded-2xl rounded-br-sm bg-blue-600/70 px-3 py-2 text-white shadow-sm sm:max-w-[70%]">
        <p className="break-words whitespace-pre-wrap">{content}</p>
        <p className="mt-0.5 flex items-center justify-end gap-2 text-[11px] text-blue-50">
          <span>{label}</span>
          {onDiscard && (
            <button type="button" onClick={onDiscard} className="underline" aria-label={`Discard unsent message: ${content}`}>
              Discard
            </button>
          )}
        </p>
      </div>
    </li>
  );
}

/** "Seen by bob" under the user's own last message. */
export function SeenBy({ users }: { users: readonly string[] }) {
  const text = seenText(users);
  return (
    <li data-testid="seen-by" data-users={users.join(",")} className="flex justify-end pb-1 text-[11px] text-slate-500">
      <span title={users.length > 3 ? users.join(", ") : undefined}>{text}</span>
    </li>
  );
}
