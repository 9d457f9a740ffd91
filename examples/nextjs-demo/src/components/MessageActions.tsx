"use client";

import { useState } from "react";
import { type ChatMessage, type Reaction, excerpt } from "@chatstack/client";

/** What a message's buttons do; the chat room wires them to the store. */
export interface MessageActionHandlers {
  edit: (messageId: string, content: string) => void;
  remove: (messageId: string) => void;
  react: (messageId: string, emoji: string, add: boolean) => void;
  reply: (message: ChatMessage) => void;
}

/** The emoji of the reaction bar (others' emoji on a message are shown too). */
export const REACTION_EMOJI = ["👍", "❤️", "😂", "🎉"] as const;

/** "↪ alice: where?" above a reply, or a note when the original is not loaded. */
export function ReplyQuote({ original, own }: { original: ChatMessage | undefined; own: boolean }) {
  const tone = own ? "border-blue-200 text-blue-100" : "border-slate-300 text-slate-500";
  return (
    <p data-testid="reply-quote" className={`mb-1 border-l-2 pl-2 text-xs ${tone}`}>
      {original === undefined
        ? "original message not loaded"
        : original.deleted
          ? `↪ ${original.sender}: message deleted`
          : `↪ ${original.sender}: ${excerpt(original.content)}`}
    </p>
  );
}

/** Toggle buttons with counts; the title lists who reacted. */
export function ReactionBar({
  message,
  username,
  onReact,
}: {
  message: ChatMessage;
  username: string;
  onReact: (emoji: string, add: boolean) => void;
}) {
  const reactions: Record<string, Reaction> = message.reactions ?? {};
  const emoji = [...REACTION_EMOJI, ...Object.keys(reactions).filter((e) => !(REACTION_EMOJI as readonly string[]).includes(e))];
  return (
    <div data-testid="reaction-bar" className="mt-1 flex flex-wrap gap-1">
      {emoji.map((e) => {
        const r = reactions[e];
        const mine = r?.users.includes(username) ?? false;
        return (
          <button
            key={e}
            type="button"
            data-testid="reaction"
            data-emoji={e}
            data-count={r?.count ?? 0}
            aria-pressed={mine}
            aria-label={`React ${e}`}
            title={r ? r.users.join(", ") + (r.count > r.users.length ? ` and ${r.count - r.users.length} more` : "") : undefined}
            onClick={() => onReact(e, !mine)}
            className={`rounded-full border px-1.5 text-xs ${
              mine ? "border-blue-400 bg-blue-50 text-slate-900" : "border-slate-200 bg-white/80 text-slate-700"
            } ${r ? "" : "opacity-60"}`}
          >
            {e}
            {r ? ` ${r.count}` : ""}
          </button>
        );
      })}
    </div>
  );
}

/**
 * Reply for every message; Edit and Delete for one's own, with an inline editor; Delete also on
 * others' messages where the user's role allows it ({@code canDelete}).
 */
export function MessageMenu({
  message,
  own,
  canDelete = false,
  actions,
}: {
  message: ChatMessage;
  own: boolean;
  canDelete?: boolean;
  actions: MessageActionHandlers;
}) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(message.content);
  if (editing) {
    return (
      <form
        className="mt-1 flex gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) actions.edit(message.id, text);
          setEditing(false);
        }}
      >
        <input
          data-testid="edit-input"
          aria-label="Edit message"
          value={text}
          onChange={(e) => setText(e.target.value)}
          className="min-w-0 flex-1 rounded border border-slate-300 px-1 text-sm text-slate-900"
          autoFocus
        />
        <button type="submit" data-testid="edit-save" className="text-xs underline">
          Save
        </button>
        <button type="button" className="text-xs underline" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </form>
    );
  }
  return (
    <div className="mt-0.5 flex gap-2 text-[11px]">
      <button type="button" data-testid="reply-button" className="underline" onClick={() => actions.reply(message)}>
        Reply
      </button>
      {own && (
        <>
          <button
            type="button"
            data-testid="edit-button"
            className="underline"
            onClick={() => {
              setText(message.content);
              setEditing(true);
            }}
          >
            Edit
          </button>
          <button type="button" data-testid="delete-button" className="underline" onClick={() => actions.remove(message.id)}>
            Delete
          </button>
        </>
      )}
      {!own && canDelete && (
        <button type="button" data-testid="delete-button" className="underline" onClick={() => actions.remove(message.id)}>
          Delete
        </button>
      )}
    </div>
  );
}
