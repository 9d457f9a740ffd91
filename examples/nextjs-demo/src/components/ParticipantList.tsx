"use client";

/** Current participants of the room, the user first. */
export function ParticipantList({ participants, username }: { participants: readonly string[]; username: string }) {
  const sorted = [...participants].sort((a, b) =>
    a === username ? -1 : b === username ? 1 : a.localeCompare(b),
  );
  return (
    <div className="text-sm">
      <h3 className="sr-only">Participants</h3>
      <p className="sr-only">{participants.length} participants</p>
      <ul data-testid="participants" className="flex flex-wrap gap-1" aria-label="Participants">
        {sorted.map((name) => (
          <li
            key={name}
            data-testid="participant"
            className={`rounded-full px-2 py-0.5 text-xs ${
              name === username ? "bg-blue-100 text-blue-900" : "bg-slate-200 text-slate-700"
            }`}
          >
            {name}
            {name === username && <span className="sr-only"> (you)</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
