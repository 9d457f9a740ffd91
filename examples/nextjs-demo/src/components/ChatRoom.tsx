"use client";

import { useEffect, useRef, useState } from "react";
import { type ChatMessage, type ConnectionState, excerpt, typingUsers } from "@chatstack/client";
import type { ChatStore, ChatSnapshot, RoomView } from "@/lib/chatStore";
import { canDeleteOthers, canDeleteRoom, canRename, canSend, onlineLabel, participantActions, typingText } from "@/lib/labels";
import { roomLabel } from "@/lib/roomNames";
import { LockIcon } from "./LockIcon";
import { Composer } from "./Composer";
import { InviteForm } from "./InviteForm";
import { MessageList } from "./MessageList";
import { ParticipantList } from "./ParticipantList";

function disabledReason(state: ConnectionState): string | null {
  switch (state.status) {
    case "online":
      return null;
    case "idle":
    case "connecting":
      return "Connecting to the chat server… You can send once connected.";
    case "reconnecting":
      return "Connection lost, reconnecting… Sending is paused; your draft is kept.";
    case "offline":
      return "You are offline. Sending is paused until the connection is back (retrying automatically).";
    case "stopped":
      return "Disconnected from the chat server.";
  }
}

interface Props {
  store: ChatStore;
  snapshot: ChatSnapshot;
  view: RoomView;
  onLeft: () => void;
  /** Opens the direct room with another participant. */
  onOpenDirect: (participant: string) => Promise<void>;
}

/**
 * The open room: header with participants (each with "Message"), Invite in private rooms and
 * Leave (not in direct rooms), the history, and the composer.
 */
export function ChatRoom({ store, snapshot, view, onLeft, onOpenDirect }: Props) {
  const composer = useRef<HTMLTextAreaElement>(null);
  const [sendCount, setSendCount] = useState(0);
  const [replyTo, setReplyTo] = useState<ChatMessage | null>(null);
  useEffect(() => setReplyTo(null), [view.roomId]);
  const [leaving, setLeaving] = useState(false);
  const [leaveError, setLeaveError] = useState<string | null>(null);
  const known = view.room ?? view.summary;
  const name = known ? roomLabel(known, snapshot.username, snapshot.directPeers) : `Room ${view.roomId}`;
  const visibility = known?.visibility;
  const ready = view.status === "ready";
  const myRole = view.room?.role;
  const [renaming, setRenaming] = useState(false);
  const [newName, setNewName] = useState("");
  const [roomActionError, setRoomActionError] = useState<string | null>(null);
  const [roomBusy, setRoomBusy] = useState(false);
  useEffect(() => {
    setRenaming(false);
    setRoomActionError(null);
  }, [view.roomId]);

  async function rename(event: React.FormEvent) {
    event.preventDefault();
    setRoomBusy(true);
    setRoomActionError(null);
    try {
      await store.renameRoom(newName);
      setRenaming(false);
    } catch (e) {
      setRoomActionError(e instanceof Error ? e.message : "Could not rename the room.");
    } finally {
      setRoomBusy(false);
    }
  }

  async function deleteRoom() {
    if (!window.confirm(`Delete ${name} for everyone? This cannot be undone.`)) return;
    setRoomBusy(true);
    setRoomActionError(null);
    try {
      await store.deleteRoom();
      onLeft();
    } catch (e) {
      setRoomActionError(e instanceof Error ? e.message : "Could not delete the room.");
    } finally {
      setRoomBusy(false);
    }
  }

  // Focus the composer once the room is usable.
  useEffect(() => {
    if (ready) composer.current?.focus();
  }, [ready, view.roomId]);

  async function leave() {
    setLeaving(true);
    setLeaveError(null);
    try {
      await store.leaveRoom();
      onLeft();
    } catch (e) {
      setLeaveError(e instanceof Error ? e.message : "Could not leave the room.");
    } finally {
      setLeaving(false);
    }
  }

  return (
    <section
      data-testid="chat-room"
      data-room-id={view.roomId}
      data-status={view.status}
      aria-labelledby="room-title"
      className="flex h-full min-h-0 flex-col"
    >
      <header className="flex flex-wrap items-start justify-between gap-2 border-b border-slate-200 bg-white px-3 py-2 sm:px-4">
        <div className="min-w-0 flex-1 space-y-1">
          <div className="flex items-center gap-2">
            {visibility === "PRIVATE" && <LockIcon testId="room-private-marker" />}
            <h2 id="room-title" data-testid="room-title" data-visibility={visibility} className="truncate text-lg font-semibold">
              {name}
              {visibility === "PRIVATE" && <span className="sr-only"> (private room)</span>}
            </h2>
            {visibility === "DIRECT" && (
              <span data-testid="room-direct-marker" className="shrink-0 rounded bg-violet-100 px-1 text-xs text-violet-800">
                Direct message
              </span>
            )}
            {view.presence.known && (
              <span
                data-testid="online-count"
                data-count={view.presence.count}
                className="flex shrink-0 items-center gap-1 text-xs text-slate-600"
              >
                <span aria-hidden="true" className="h-2 w-2 rounded-full bg-green-500" />
                {onlineLabel(view.presence)}
              </span>
            )}
          </div>
          {view.room && (
            <ParticipantList
              participants={view.room.participants}
              participantCount={view.room.participantCount}
              username={snapshot.username}
              onMessage={visibility === "DIRECT" ? undefined : onOpenDirect}
              presence={view.presence}
              roles={view.roles}
              actionsFor={(participant) =>
                participantActions(visibility, snapshot.username, myRole, participant, view.roles[participant], view.muted.includes(participant))
              }
              onAction={(participant, action) => store.moderate(participant, action)}
            />
          )}
          {view.room && visibility === "PRIVATE" && (
            <InviteForm
              onInvite={async (invitee) => {
                await store.invite(invitee);
              }}
            />
          )}
        </div>
        {ready && canRename(visibility, myRole) && !renaming && (
          <button
            type="button"
            data-testid="rename-button"
            onClick={() => {
              setNewName(view.room?.name ?? "");
              setRenaming(true);
            }}
            disabled={roomBusy}
            className="rounded-md border border-slate-300 px-3 py-1 text-sm text-slate-700 hover:bg-slate-50 disabled:opacity-50"
          >
            Rename
          </button>
        )}
        {ready && canDeleteRoom(visibility, myRole) && (
          <button
            type="button"
            data-testid="delete-room-button"
            onClick={() => void deleteRoom()}
            disabled={roomBusy}
            className="rounded-md border border-red-300 px-3 py-1 text-sm text-red-700 hover:bg-red-50 disabled:opacity-50"
          >
            Delete room
          </button>
        )}
        {visibility !== "DIRECT" && (
          <button
            type="button"
            data-testid="leave-button"
            onClick={leave}
            disabled={leaving || !ready}
            className="rounded-md border border-red-300 px-3 py-1 text-sm text-red-700 hover:bg-red-50 disabled:opacity-50"
          >
            {leaving ? "Leaving…" : "Leave room"}
          </button>
        )}
        {renaming && (
          <form data-testid="rename-form" onSubmit={rename} className="flex w-full items-center gap-2">
            <label htmlFor="rename-input" className="sr-only">
              New room name
            </label>
            <input
              id="rename-input"
              data-testid="rename-input"
              value={newName}
              onChange={(e) => setNewName(e.target.value)}
              maxLength={100}
              autoFocus
              className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1 text-sm"
            />
            <button type="submit" data-testid="rename-save" disabled={roomBusy} className="rounded-md bg-blue-600 px-3 py-1 text-sm text-white disabled:opacity-50">
              Save
            </button>
            <button type="button" onClick={() => setRenaming(false)} className="rounded-md px-2 py-1 text-sm underline">
              Cancel
            </button>
          </form>
        )}
        {roomActionError && (
          <p role="alert" data-testid="room-action-error" className="w-full text-sm text-red-700">
            {roomActionError}
          </p>
        )}
        {leaveError && (
          <p role="alert" className="w-full text-sm text-red-700">
            Could not leave: {leaveError}
          </p>
        )}
      </header>

      {view.status === "loading" && (
        <p className="flex-1 p-4 text-slate-500" aria-busy="true">
          Loading messages…
        </p>
      )}
      {view.status === "error" && (
        <div role="alert" data-testid="room-error" data-code={view.errorCode} className="m-4 rounded-md bg-red-50 p-3 text-red-800">
          <p>Could not open this room: {view.error}</p>
          <button type="button" className="mt-1 underline" onClick={() => void store.openRoom(view.roomId)}>
            Try again
          </button>
        </div>
      )}
      {ready && (
        <MessageList
          roomName={name}
          username={snapshot.username}
          messages={view.messages}
          pending={snapshot.pending}
          echoes={snapshot.echoes}
          hasMore={view.hasMore}
          loadingOlder={view.loadingOlder}
          onLoadOlder={store.loadOlder}
          onDiscard={(id) => store.discardPending(id)}
          sendCount={sendCount}
          receipts={view.receipts}
          onAtBottomChange={store.setAtBottom}
          canDeleteOthers={(m) =>
            Object.keys(view.roles).length > 0 && canDeleteOthers(myRole, m.sender, view.roles[m.sender], view.room?.createdBy)
          }
          actions={{
            edit: (id, content) => void store.editMessage(id, content),
            remove: (id) => void store.deleteMessage(id),
            react: (id, emoji, add) => void store.react(id, emoji, add),
            reply: (message) => setReplyTo(message),
          }}
        />
      )}
      {ready && replyTo && (
        <p data-testid="reply-banner" className="flex shrink-0 items-center gap-2 bg-slate-100 px-3 py-1 text-xs text-slate-600 sm:px-4">
          <span className="min-w-0 flex-1 truncate">
            Replying to {replyTo.sender}: {excerpt(replyTo.content)}
          </span>
          <button type="button" className="underline" data-testid="reply-cancel" onClick={() => setReplyTo(null)}>
            Cancel
          </button>
        </p>
      )}
      {ready && <TypingIndicator text={typingText(typingUsers(view.typing))} />}
      {view.status !== "error" && (
        <Composer
          ref={composer}
          canSend={ready && canSend(snapshot.connection)}
          disabledReason={disabledReason(snapshot.connection)}
          onTextChange={(text) => store.composerChanged(text)}
          onIdle={() => store.composerIdle()}
          onSend={(content) => {
            const sent = store.send(content, replyTo?.id);
            if (sent) {
              setSendCount((n) => n + 1);
              setReplyTo(null);
            }
            return sent;
          }}
        />
      )}
    </section>
  );
}

/** "alice is typing…": a fixed-height row (no layout jump), announced politely. */
function TypingIndicator({ text }: { text: string }) {
  return (
    <p
      data-testid="typing-indicator"
      data-active={text ? "true" : "false"}
      aria-live="polite"
      className="h-5 shrink-0 truncate bg-slate-50 px-3 text-xs text-slate-500 italic sm:px-4"
    >
      {text}
    </p>
  );
}
