"use client";

import { useCallback, useEffect, useState } from "react";

const KEY = "chatstack.username";

/**
 * The user name kept in localStorage. {@code ready} is false until it was read (the static page
 * is prerendered without storage, so reading waits for the browser).
 */
export function useStoredUsername() {
  const [username, setUsername] = useState<string | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    try {
      setUsername(window.localStorage.getItem(KEY));
    } catch {
      setUsername(null);
    }
    setReady(true);
  }, []);

  const save = useCallback((name: string | null) => {
    try {
      if (name) window.localStorage.setItem(KEY, name);
      else window.localStorage.removeItem(KEY);
    } catch {
      // storage unavailable (private mode): keep it for this page only
    }
    setUsername(name);
  }, []);

  return { username, ready, save };
}
