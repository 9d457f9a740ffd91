"use client";

import { useCallback, useEffect, useState } from "react";

const PARAM = "room";

function read(): number | null {
  const value = new URLSearchParams(window.location.search).get(PARAM);
  const id = value === null ? NaN : Number(value);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/**
 * The selected room held in the URL query (?room=ID): the static export has no dynamic routes.
 * Back/forward navigation updates it.
 */
export function useRoomQuery() {
  const [roomId, setRoomId] = useState<number | null>(null);

  useEffect(() => {
    setRoomId(read());
    const onPop = () => setRoomId(read());
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);

  /** Selects a room (null: none); {@code replace} rewrites the current history entry. */
  const select = useCallback((id: number | null, { replace = false }: { replace?: boolean } = {}) => {
    const url = new URL(window.location.href);
    if (id === null) url.searchParams.delete(PARAM);
    else url.searchParams.set(PARAM, String(id));
    if (url.href !== window.location.href) {
      if (replace) window.history.replaceState(null, "", url);
      else window.history.pushState(null, "", url);
    }
    setRoomId(id);
  }, []);

  return { roomId, select };
}
