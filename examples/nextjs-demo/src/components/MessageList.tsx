"use client";

import { Fragment, useEffect, useLayoutEffect, useRef, useState } from "react";
import { type ChatMessage, type Receipts, seenBy } from "@chatstack/client";
import type { ConfirmedEcho, OutgoingSend } from "@/lib/chatStore";
import { lastOwnSeq } from "@/lib/labels";
import type { MessageActionHandlers } from "./MessageActions";
import { MessageItem, OutgoingItem, SeenBy, dayLabel } from "./MessageItem";

interface Props {
  roomName: string;
  username: string;
  messages: readonly ChatMessage[];
  pending: readonly OutgoingSend[];
  echoes: readonly ConfirmedEcho[];
  hasMore: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  onDiscard: (clientMsgId: string) => void;
  /** Changes whenever the user sends, to scroll to the bottom. */
  sendCount: number;
  /** How far the others have read ("Seen by" under the user's own last message). */
  receipts: Receipts;
  /** Told whether the newest message is in view (on mount and whenever it changes). */
  onAtBottomChange: (atBottom: boolean) => void;
  /** Edit, delete, react and reply buttons on messages. */
  actions?: MessageActionHandlers;
  /** Whether the user may delete another user's message (owner, moderators); default never. */
  canDeleteOthers?: (message: ChatMessage) => boolean;
}

const NEAR_TOP_PX = 150;
const NEAR_BOTTOM_PX = 80;

/**
 * Scrollable message history. Scrolling near the top loads older pages; the scroll position is
 * kept when they are prepended (no jump). New messages scroll into view only when the reader
 * was already at the bottom. New messages from others are announced to screen readers.
 */
export function MessageList(props: Props) {
  const { messages, pending, echoes, hasMore, loadingOlder, onLoadOlder, username, onAtBottomChange } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const previous = useRef<{ firstSeq?: number; lastSeq?: number; height: number }>({ height: 0 });
  const [announcement, setAnnouncement] = useState("");
  const announced = useRef<number | undefined>(undefined);

  // Keep the viewport stable: after a prepend, shift by the added height; else follow the bottom.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const firstSeq = messages[0]?.seq;
    const lastSeq = messages[messages.length - 1]?.seq;
    const before = previous.current;
    const prepended =
      before.firstSeq !== undefined && firstSeq !== undefined && firstSeq < before.firstSeq;
    if (prepended && !atBottom.current) {
      el.scrollTop += el.scrollHeight - before.height;
    } else if (atBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
    previous.current = { firstSeq, lastSeq, height: el.scrollHeight };
  }, [messages, pending, echoes]);

  // Announce live messages from others (not history pages).
  useEffect(() => {
    const last = messages[messages.length - 1];
    const seen = announced.current;
    announced.current = last?.seq;
    if (!last || seen === undefined || last.seq <= seen) return;
    if (last.type === "CHAT" && last.sender !== username) setAnnouncement(`${last.sender}: ${last.content}`);
    else if (last.type !== "CHAT") setAnnouncement(last.content);
  }, [messages, username]);

  // The user sent something: show it.
  useLayoutEffect(() => {
    if (props.sendCount === 0) return;
    atBottom.current = true;
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [props.sendCount]);

  // Fill the viewport: if the history does not overflow yet, fetch older pages.
  useEffect(() => {
    const el = scroller.current;
    if (el && hasMore && !loadingOlder && el.scrollHeight <= el.clientHeight) onLoadOlder();
  }, [messages, hasMore, loadingOlder, onLoadOlder]);

  // The newest message is in view when the list appears (it starts at the bottom).
  useEffect(() => {
    onAtBottomChange(atBottom.current);
  }, [onAtBottomChange]);

  function onScroll() {
    const el = scroller.current;
    if (!el) return;
    const bottom = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    if (bottom !== atBottom.current) onAtBottomChange(bottom);
    atBottom.current = bottom;
    if (el.scrollTop < NEAR_TOP_PX && hasMore && !loadingOlder) onLoadOlder();
  }

  const ownSeq = lastOwnSeq(messages, username);
  const seen = ownSeq === undefined ? [] : seenBy(props.receipts, ownSeq, username);
  const byId = new Map(messages.map((m) => [m.id, m]));
  let lastDay = "";
  return (
    <div
      ref={scroller}
      onScroll={onScroll}
      data-testid="message-scroller"
      tabIndex={0}
      role="region"
      aria-label={`Messages in ${props.roomName}`}
      aria-busy={loadingOlder}
      className="min-h-0 flex-1 overflow-y-auto px-3 [overflow-anchor:none] sm:px-4"
    >
      {/* Fixed-height status row: its text changes, its height never does (no layout jump). */}
      <div className="flex h-8 items-center justify-center text-xs text-slate-500" data-testid="history-status">
        {loadingOlder ? "Loading older messages…" : hasMore ? "Scroll up for older messages" : "Beginning of the conversation"}
      </div>
      <ol data-testid="message-list" className="flex min-h-[calc(100%-2rem)] flex-col justify-end pb-2">
        {messages.map((m) => {
          const day = dayLabel(m.timestamp);
          const separator = day && day !== lastDay;
          lastDay = day;
          return (
            <Fragment key={m.seq}>
              {separator && (
                <li aria-hidden="true" className="my-2 flex items-center gap-2 text-[11px] text-slate-500">
                  <span className="h-px flex-1 bg-slate-300" />
                  {day}
                  <span className="h-px flex-1 bg-slate-300" />
                </li>
              )}
              <MessageItem
                message={m}
                own={m.type === "CHAT" && m.sender === username}
                username={username}
                original={m.replyTo ? byId.get(m.replyTo) : undefined}
                canDelete={m.type === "CHAT" && m.sender !== username && (props.canDeleteOthers?.(m) ?? false)}
                actions={m.type === "CHAT" ? props.actions : undefined}
              />
              {m.seq === ownSeq && seen.length > 0 && <SeenBy users={seen} />}
            </Fragment>
          );
        })}
        {echoes
          .filter((e) => !messages.some((m) => m.clientMsgId === e.clientMsgId))
          .map((e) => (
            <OutgoingItem key={e.clientMsgId} content={e.content} state="sent" />
          ))}
        {pending.map((p) => (
          <OutgoingItem
            key={p.clientMsgId}
            content={p.content}
            state={p.retrying ? "retrying" : "sending"}
            onDiscard={() => props.onDiscard(p.clientMsgId)}
          />
        ))}
      </ol>
      <p aria-live="polite" aria-atomic="true" className="sr-only" data-testid="live-announcer">
        {announcement}
      </p>
    </div>
  );
}
