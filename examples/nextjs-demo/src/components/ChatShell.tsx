"use client";

import { useEffect, useState } from "react";
import { useChatStore } from "@/hooks/useChatStore";
import { useRoomQuery } from "@/hooks/useRoomQuery";
import { ChatRoom } from "./ChatRoom";
import { ConnectionIndicator } from "./ConnectionIndicator";
import { Notices } from "./Notices";
import { RoomList } from "./RoomList";

/** Signed-in layout: header with connection state, room list (collapsible when narrow), room. */
export function ChatShell({ username, onSignOut }: { username: string; onSignOut: () => void }) {
  const { store, snapshot } = useChatStore(username);
  const { roomId, select } = useRoomQuery();
  const [roomsOpen, setRoomsOpen] = useState(false);

  // Open the room named in the URL (also on back/forward), close when it is removed.
  useEffect(() => {
    if (!store) return;
    const open = store.getSnapshot().current?.roomId ?? null;
    if (roomId === open) return;
    if (roomId === null) store.closeRoom();
    else void store.openRoom(roomId);
  }, [store, roomId]);

  // The server closed the open room (no longer a participant): drop it from the URL too.
  const closedByServer = snapshot?.closedByServer ?? null;
  useEffect(() => {
    if (closedByServer && closedByServer.roomId === roomId) select(null, { replace: true });
    // Only a new closing counts, not later URL changes: roomId is deliberately not a dependency.
  }, [closedByServer]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!store || !snapshot) {
    return (
      <main className="flex h-full items-center justify-center" aria-busy="true">
        <p className="text-slate-500">Starting…</p>
      </main>
    );
  }

  const current = snapshot.current;
  const showRooms = roomsOpen || !current;

  return (
    <div className="flex h-full flex-col">
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 bg-white px-3 py-2 sm:px-4">
        <div className="flex items-center gap-2">
          <h1 className="text-lg font-bold">chatstack</h1>
          {current && (
            <button
              type="button"
              className="rounded border border-slate-300 px-2 py-0.5 text-sm md:hidden"
              aria-expanded={showRooms}
              aria-controls="room-sidebar"
              onClick={() => setRoomsOpen((open) => !open)}
            >
              {showRooms ? "Hide rooms" : "Rooms"}
            </button>
          )}
        </div>
        <ConnectionIndicator state={snapshot.connection} onRetry={() => store.retryNow()} />
        <div className="flex items-center gap-2 text-sm">
          <span>
            Signed in as <strong data-testid="current-user">{username}</strong>
          </span>
          <button type="button" onClick={onSignOut} className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-50">
            Change user
          </button>
        </div>
      </header>
      <Notices notices={snapshot.notices} onDismiss={(id) => store.dismissNotice(id)} />
      <div className="flex min-h-0 flex-1">
        <aside
          id="room-sidebar"
          className={`${showRooms ? "flex" : "hidden"} w-full shrink-0 flex-col border-r border-slate-200 bg-white md:flex md:w-72`}
        >
          <RoomList
            username={username}
            rooms={snapshot.rooms}
            memberOf={snapshot.memberOf}
            directPeers={snapshot.directPeers}
            unread={snapshot.unread}
            status={snapshot.roomsStatus}
            error={snapshot.roomsError}
            selectedId={current?.roomId ?? null}
            onSelect={(id) => {
              setRoomsOpen(false);
              select(id);
            }}
            onCreate={async (name, visibility) => {
              const room = await store.createRoom(name, visibility);
              setRoomsOpen(false);
              select(room.id);
            }}
            onRetry={() => void store.refreshRooms()}
          />
        </aside>
        <main className={`${showRooms ? "hidden" : "flex"} min-w-0 flex-1 flex-col md:flex`}>
          {current ? (
            <ChatRoom
              key={current.roomId}
              store={store}
              snapshot={snapshot}
              view={current}
              onLeft={() => select(null)}
              onOpenDirect={async (participant) => {
                const room = await store.openDirect(participant);
                select(room.id);
              }}
            />
          ) : (
            <div className="flex flex-1 items-center justify-center p-6 text-center text-slate-500">
              <p>Pick a room on the left or create one to start chatting.</p>
            </div>
          )}
        </main>
      </div>
    </div>
  );
}
