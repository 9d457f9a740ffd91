"use client";

import { type FormEvent, type KeyboardEvent, forwardRef, useId, useState } from "react";
import { Limits } from "@chatstack/client";

interface Props {
  canSend: boolean;
  /** Why sending is not possible (shown and linked to the button), when it is not. */
  disabledReason: string | null;
  onSend: (content: string) => boolean;
  /** The text changed (typing signal). */
  onTextChange?: (text: string) => void;
  /** The input lost focus (typing ends). */
  onIdle?: () => void;
}

/** Message input: Enter sends, Shift+Enter inserts a newline. Drafts survive being offline. */
export const Composer = forwardRef<HTMLTextAreaElement, Props>(function Composer(
  { canSend, disabledReason, onSend, onTextChange, onIdle },
  ref,
) {
  const [text, setText] = useState("");
  const inputId = useId();
  const noteId = useId();
  const hintId = useId();
  const empty = text.trim().length === 0;

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!canSend || empty) return;
    if (onSend(text)) setText("");
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  }

  return (
    <form onSubmit={submit} className="border-t border-slate-200 bg-white p-3" noValidate>
      <label htmlFor={inputId} className="sr-only">
        Message
      </label>
      <div className="flex items-end gap-2">
        <textarea
          id={inputId}
          ref={ref}
          data-testid="composer-input"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            onTextChange?.(e.target.value);
          }}
          onBlur={() => onIdle?.()}
          onKeyDown={onKeyDown}
          rows={2}
          maxLength={Limits.maxContentLength}
          placeholder="Write a message…"
          aria-describedby={disabledReason ? `${noteId} ${hintId}` : hintId}
          className="max-h-40 min-h-[2.75rem] flex-1 resize-y rounded-md border border-slate-300 px-3 py-2"
        />
        <button
          type="submit"
          data-testid="send-button"
          disabled={!canSend || empty}
          aria-describedby={disabledReason ? noteId : undefined}
          className="rounded-md bg-blue-600 px-4 py-2 font-medium text-white hover:bg-blue-700 disabled:cursor-not-allowed disabled:bg-slate-300"
        >
          Send
        </button>
      </div>
      <p id={hintId} className="mt-1 hidden text-xs text-slate-500 sm:block">
        Enter to send, Shift+Enter for a new line.
      </p>
      {disabledReason && (
        <p id={noteId} data-testid="offline-note" className="mt-1 text-sm text-amber-800">
          {disabledReason}
        </p>
      )}
    </form>
  );
});
